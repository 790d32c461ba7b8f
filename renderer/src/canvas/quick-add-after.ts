import type { PipelineDocument, Position } from '../../../shared/format/document';
import { findNode, outputPorts } from '../store/doc-ops';
import type { QuickAddState } from '../store/app-store';

/** Room between a node and the one quick-added after it. */
const GAP = 80;
/** A node not measured yet is about this wide. */
const NODE_WIDTH = 220;

/**
 * Where `/` puts a node typed after the selected one: to its right, top
 * edges aligned, wired from its first output. Null for a note or a sink
 * (nothing to wire from): then the node goes where the pointer is.
 */
export function quickAddAfter(
  doc: PipelineDocument,
  selected: string,
  measured: Readonly<Record<string, { width: number; height: number }>>,
): { flow: Position; from: NonNullable<QuickAddState['from']> } | null {
  const node = findNode(doc, selected);
  const out = node === undefined ? undefined : outputPorts(node)[0];
  const at = doc.layout?.[selected];
  if (out === undefined || at === undefined) return null;
  const width = measured[selected]?.width ?? NODE_WIDTH;
  return { flow: { x: at.x + width + GAP, y: at.y }, from: { nodeId: selected, port: out.name, side: 'source' } };
}
