import { Graph, layout } from '@dagrejs/dagre';
import type { PipelineDocument, Position } from '../../../shared/format/document';
import { upstreamNodeIds } from '../../../shared/format/document';

interface Size {
  width: number;
  height: number;
}

interface NodeBox {
  width: number;
  height: number;
  x?: number;
  y?: number;
}

const DEFAULT_SIZE: Size = { width: 220, height: 90 };

/** Left-to-right layered layout of the pipeline's nodes (notes stay where they are). */
export function autoLayout(doc: PipelineDocument, sizes: Readonly<Record<string, Size>>): Record<string, Position> {
  const g = new Graph<{ rankdir: string; nodesep: number; ranksep: number }, NodeBox, object>();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(doc.nodes.map((n) => n.id));
  for (const n of doc.nodes) g.setNode(n.id, { ...(sizes[n.id] ?? DEFAULT_SIZE) });
  for (const n of doc.nodes) for (const up of upstreamNodeIds(n)) if (ids.has(up)) g.setEdge(up, n.id);
  layout(g);
  const out: Record<string, Position> = {};
  for (const n of doc.nodes) {
    const box: NodeBox | undefined = g.node(n.id);
    if (box?.x === undefined || box.y === undefined) continue;
    // dagre centres nodes; React Flow positions their top-left corner.
    out[n.id] = { x: Math.round(box.x - box.width / 2), y: Math.round(box.y - box.height / 2) };
  }
  return out;
}
