/**
 * The last-wins copies DuckDB reads in place of JSON files with repeated
 * keys: an error naming a copy is told with the user's file instead.
 */
const originals = new Map<string, string>();

export function rememberCopy(copy: string, original: string): void {
  if (originals.size >= 10_000) originals.clear();
  originals.set(copy, original);
}

/** The text with every copy's path replaced by its original's; `copied` when one was. */
export function withOriginalPaths(text: string): { text: string; copied: boolean } {
  let out = text;
  for (const [copy, original] of originals) if (out.includes(copy)) out = out.replaceAll(copy, original);
  return { text: out, copied: out !== text };
}
