import { catalog } from '../../../shared/catalog/index';
import { refNode, refPort, type PipelineDocument, type PipelineNode } from '../../../shared/format/document';
import { newNodeId } from '../../../shared/format/ids';
import { basenameOf } from '../../../shared/paths';
import { findNode, takenIds } from './doc-ops';

/**
 * Names that follow what the user says (issue #11): a node named after the
 * file it reads, and a new node's id after its label. A node already in the
 * saved file keeps its id: the CLI, the history and other files may name it.
 */

/** The label a file gives a node: its name without the extension (`data/Orders 2024.csv` → `Orders 2024`). */
export function labelFromPath(path: string): string {
  const name = basenameOf(path.replace(/[\\/]+$/, ''));
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

const renamedRef = (ref: string, from: string, to: string): string =>
  refNode(ref) !== from ? ref : ref.includes('.') ? `${to}.${refPort(ref)}` : to;

/** The node `from` renamed `to`: its id, every input that reads it, its place on the canvas. */
export function renameNode(doc: PipelineDocument, from: string, to: string): PipelineDocument {
  const nodes = doc.nodes.map((n): PipelineNode => {
    const own = n.id === from ? { ...n, id: to } : n;
    if (own.inputs === undefined) return own;
    const inputs = Object.fromEntries(
      Object.entries(own.inputs).map(([port, v]) => [
        port,
        typeof v === 'string' ? renamedRef(v, from, to) : v.map((r) => renamedRef(r, from, to)),
      ]),
    );
    return { ...own, inputs };
  });
  const out: PipelineDocument = { ...doc, nodes };
  if (doc.layout !== undefined)
    out.layout = Object.fromEntries(Object.entries(doc.layout).map(([k, v]) => [k === from ? to : k, v]));
  return out;
}

/** A node not yet saved takes the id its label (else its type's label) gives, unique in the document. */
export function followLabel(
  doc: PipelineDocument,
  saved: PipelineDocument,
  nodeId: string,
): { doc: PipelineDocument; id: string } {
  const node = findNode(doc, nodeId);
  if (node === undefined || saved.nodes.some((n) => n.id === nodeId)) return { doc, id: nodeId };
  const label = node.label?.trim() ?? '';
  const taken = takenIds(doc);
  taken.delete(nodeId);
  // A dot in a label is no type's dot (`sales.2024` is not `…/2024`).
  const id = newNodeId(label === '' ? (catalog.get(node.type)?.label ?? node.type) : label.replace(/\./g, ' '), taken);
  return id === nodeId ? { doc, id } : { doc: renameNode(doc, nodeId, id), id };
}
