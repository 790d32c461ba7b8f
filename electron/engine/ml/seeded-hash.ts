/**
 * Deterministic randomness for training: a row's place in the sample and
 * in the train/test split comes from a hash of its values and the seed, not
 * from the order rows arrive in (a parallel DuckDB scan may reorder them),
 * so two runs with the same seed train on the same rows.
 */

/** FNV-1a over the text, mixed with the seed, as a number in [0, 1). */
export function unitHash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ (seed * 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final avalanche so near-identical rows spread over [0, 1).
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** A small seeded generator (mulberry32) for k-means++ and sampling inside an algorithm. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
