/**
 * The function call the cursor is inside, found by reading the text before
 * it: `upper(name, |` → `{ name: 'upper', argIndex: 1 }`. Quoted strings and
 * identifiers are skipped, so a `(` or `,` inside `'a,b'` does not count.
 */

export interface CallAt {
  name: string;
  /** Which argument the cursor is in, from 0. */
  argIndex: number;
  /** Offset of the call's name. */
  from: number;
}

/** Offsets of every character outside quotes before `pos` (quotes `'…'` and `"…"`, doubled to escape). */
function unquoted(text: string, pos: number): boolean[] {
  const out: boolean[] = [];
  let quote: string | null = null;
  for (let i = 0; i < pos; i++) {
    const c = text[i] ?? '';
    if (quote === null) {
      if (c === "'" || c === '"') {
        quote = c;
        out.push(false);
      } else out.push(true);
    } else {
      out.push(false);
      if (c === quote) quote = null;
    }
  }
  return out;
}

export function callAt(text: string, pos: number): CallAt | null {
  const plain = unquoted(text, pos);
  let depth = 0;
  let commas = 0;
  for (let i = pos - 1; i >= 0; i--) {
    if (plain[i] !== true) continue;
    const c = text[i];
    if (c === ')') depth += 1;
    else if (c === '(') {
      if (depth > 0) {
        depth -= 1;
        continue;
      }
      const name = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text.slice(0, i));
      if (name === null || name[1] === undefined) return null;
      return { name: name[1].toLowerCase(), argIndex: commas, from: i - name[0].length };
    } else if (c === ',' && depth === 0) commas += 1;
  }
  return null;
}
