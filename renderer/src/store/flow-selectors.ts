import type { Edge, Node } from '@xyflow/react';
import type { Note, PipelineDocument, PipelineNode } from '../../../shared/format/document';
import type { AppState } from './app-store';
import { inputPorts } from './doc-ops';
import { edgeId } from './document-slice';

export type PipelineFlowNode = Node<{ node: PipelineNode }, 'pipeline'>;
export type NoteFlowNode = Node<{ note: Note }, 'note'>;
export type FlowNode = PipelineFlowNode | NoteFlowNode;
export type FlowEdge = Edge;

interface Cached<T> {
  key: readonly unknown[];
  value: T;
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * React Flow nodes and edges, derived from the document and the session.
 * Each selector memoizes per item, so an unchanged node keeps its object
 * (React Flow and the memo'd node component skip it), and returns the same
 * array when nothing changed.
 */
export function createFlowSelectors() {
  const nodeCache = new Map<string, Cached<FlowNode>>();
  let lastNodes: Cached<FlowNode[]> | null = null;
  let lastEdges: Cached<FlowEdge[]> | null = null;
  const edgeCache = new Map<string, FlowEdge>();

  const item = (id: string, key: readonly unknown[], make: () => FlowNode): FlowNode => {
    const c = nodeCache.get(id);
    if (c !== undefined && sameKey(c.key, key)) return c.value;
    const value = make();
    nodeCache.set(id, { key, value });
    return value;
  };

  const nodes = (s: AppState): FlowNode[] => {
    const d = s.doc.document;
    const { selection, measured } = s.session;
    const key = [d.nodes, d.layout, d.notes, selection, measured];
    if (lastNodes !== null && sameKey(lastNodes.key, key)) return lastNodes.value;
    const selected = new Set(selection);
    const out: FlowNode[] = [];
    d.nodes.forEach((n, i) => {
      const pos = d.layout?.[n.id] ?? { x: 40 + (i % 6) * 260, y: 40 + Math.floor(i / 6) * 160 };
      const isSel = selected.has(n.id);
      const m = measured[n.id];
      out.push(
        item(n.id, [n, pos.x, pos.y, isSel, m], () => ({
          id: n.id,
          type: 'pipeline',
          position: { x: pos.x, y: pos.y },
          data: { node: n },
          selected: isSel,
          ...(m === undefined ? {} : { measured: m }),
        })),
      );
    });
    for (const note of d.notes ?? []) {
      const pos = { x: note.x, y: note.y };
      const isSel = selected.has(note.id);
      const m = measured[note.id];
      out.push(
        item(note.id, [note, pos.x, pos.y, isSel, m], () => ({
          id: note.id,
          type: 'note',
          position: { x: pos.x, y: pos.y },
          data: { note },
          selected: isSel,
          zIndex: -1,
          style: { width: note.width ?? 220 },
          ...(m === undefined ? {} : { measured: m }),
        })),
      );
    }
    const live = new Set(out.map((n) => n.id));
    for (const id of nodeCache.keys()) if (!live.has(id)) nodeCache.delete(id);
    lastNodes = { key, value: out };
    return out;
  };

  const edges = (s: AppState): FlowEdge[] => {
    const d = s.doc.document;
    const key = [d.nodes, s.session.selectedEdges];
    if (lastEdges !== null && sameKey(lastEdges.key, key)) return lastEdges.value;
    // An edit elsewhere in the document keeps every unchanged wire's object, so React Flow skips it.
    const value = deriveEdges(d, new Set(s.session.selectedEdges)).map((e) => {
      const c = edgeCache.get(e.id);
      return c !== undefined && c.selected === e.selected ? c : e;
    });
    edgeCache.clear();
    for (const e of value) edgeCache.set(e.id, e);
    lastEdges = { key, value };
    return value;
  };

  return { nodes, edges };
}

export function deriveEdges(d: PipelineDocument, selected: ReadonlySet<string>): FlowEdge[] {
  const ids = new Set(d.nodes.map((n) => n.id));
  const out: FlowEdge[] = [];
  for (const n of d.nodes) {
    const ports = new Set(inputPorts(n).map((p) => p.name));
    for (const [port, v] of Object.entries(n.inputs ?? {})) {
      for (const ref of typeof v === 'string' ? [v] : v) {
        const dot = ref.indexOf('.');
        const source = dot < 0 ? ref : ref.slice(0, dot);
        if (!ids.has(source) || !ports.has(port)) continue;
        const id = edgeId(n.id, port, ref);
        out.push({
          id,
          source,
          sourceHandle: dot < 0 ? 'out' : ref.slice(dot + 1),
          target: n.id,
          targetHandle: port,
          selected: selected.has(id),
        });
      }
    }
  }
  return out;
}
