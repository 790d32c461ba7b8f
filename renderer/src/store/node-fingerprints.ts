import { refNode, type PipelineDocument, type PipelineNode } from '../../../shared/format/document';

/**
 * What each node's output is made of, as a short hash: its type, params and
 * wiring, and the same of everything upstream. A run's result on a node
 * belongs to the fingerprint it ran with; once the document says otherwise
 * the result is stale (issue #11: a badge always tells the current truth).
 * Iterative, so a chain of thousands of nodes never overflows the stack.
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

function upstreamOf(n: PipelineNode): string[] {
  return Object.values(n.inputs ?? {}).flatMap((v) => (typeof v === 'string' ? [v] : v)).map(refNode);
}

const cache = new WeakMap<PipelineDocument, ReadonlyMap<string, string>>();

export function nodeFingerprints(doc: PipelineDocument): ReadonlyMap<string, string> {
  const cached = cache.get(doc);
  if (cached !== undefined) return cached;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const out = new Map<string, string>();
  const onPath = new Set<string>();
  // A pipeline parameter's default may be in any node's params: it is part of every fingerprint.
  const shared = JSON.stringify(doc.params ?? {});
  for (const start of doc.nodes) {
    const stack: Array<{ id: string; expanded: boolean }> = [{ id: start.id, expanded: false }];
    while (stack.length > 0) {
      const top = stack.pop();
      if (top === undefined || out.has(top.id)) continue;
      const node = byId.get(top.id);
      if (node === undefined) continue;
      const ups = upstreamOf(node);
      if (!top.expanded) {
        onPath.add(top.id);
        stack.push({ id: top.id, expanded: true });
        // A cycle is an error the check reports; its nodes hash without the edge that closes it.
        for (const u of ups) if (!out.has(u) && !onPath.has(u)) stack.push({ id: u, expanded: false });
        continue;
      }
      onPath.delete(top.id);
      const own = JSON.stringify([node.type, node.params ?? {}, node.inputs ?? {}, node.disabled ?? false, shared]);
      out.set(top.id, hash(`${own}|${ups.map((u) => out.get(u) ?? u).join(',')}`));
    }
  }
  cache.set(doc, out);
  return out;
}
