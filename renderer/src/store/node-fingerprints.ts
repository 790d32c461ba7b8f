import { postOrder } from '../../../shared/compiler/graph';
import { documentUpstream, upstreamNodeIds, type PipelineDocument } from '../../../shared/format/document';

/**
 * What each node's output is made of, as a short hash: its type, params and
 * wiring, and the same of everything upstream. A run's result on a node
 * belongs to the fingerprint it ran with; once the document says otherwise
 * the result is stale (issue #11: a badge always tells the current truth).
 * Iterative (shared/compiler/graph.ts), so a chain of thousands of nodes never overflows the stack.
 */

/** cyrb53: a fast 53-bit string hash; collisions are irrelevant at this scale. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const cache = new WeakMap<PipelineDocument, ReadonlyMap<string, string>>();

export function nodeFingerprints(doc: PipelineDocument): ReadonlyMap<string, string> {
  const cached = cache.get(doc);
  if (cached !== undefined) return cached;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const out = new Map<string, string>();
  // A pipeline parameter's default may be in any node's params: it is part of every fingerprint.
  const shared = JSON.stringify(doc.params ?? {});
  // A cycle is an error the check reports; its nodes hash without the edge that closes it.
  for (const id of postOrder(
    doc.nodes.map((n) => n.id),
    documentUpstream(doc),
  )) {
    const node = byId.get(id);
    if (node === undefined || out.has(id)) continue;
    const own = JSON.stringify([node.type, node.params ?? {}, node.inputs ?? {}, node.disabled ?? false, shared]);
    out.set(
      id,
      hash(
        `${own}|${upstreamNodeIds(node)
          .map((u) => out.get(u) ?? u)
          .join(',')}`,
      ),
    );
  }
  cache.set(doc, out);
  return out;
}
