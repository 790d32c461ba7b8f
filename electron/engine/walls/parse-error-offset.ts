/**
 * Where in the user's own text DuckDB's parser stopped: the editor underlines
 * it. DuckDB reports a position in the whole statement it parsed, counted in
 * characters (code points) — the user's text comes after a prefix
 * (`SELECT (` for an expression), so the prefix is subtracted and the count
 * turned into a JavaScript string offset (UTF-16 units).
 *
 * Without a position, the message's own pointers are used: the caret under
 * `LINE n: …`, or the token named by `at or near "x"`.
 */

/** The UTF-16 offset of the `n`th code point of `text` (its length when past the end). */
function offsetOfCodePoint(text: string, n: number): number {
  let cp = 0;
  let i = 0;
  while (i < text.length && cp < n) {
    const code = text.codePointAt(i) ?? 0;
    i += code > 0xffff ? 2 : 1;
    cp += 1;
  }
  return i;
}

/** From `LINE 2: a and b c\n                  ^`: the snippet and the caret's column in it. */
function caretOf(message: string): { line: number; snippet: string; column: number } | undefined {
  const lines = message.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const m = /^LINE (\d+): (.*)$/.exec(lines[i] ?? '');
    const caret = (lines[i + 1] ?? '').indexOf('^');
    if (m === null || caret < 0) continue;
    const prefix = `LINE ${m[1] ?? ''}: `.length;
    return { line: Number(m[1]), snippet: m[2] ?? '', column: caret - prefix };
  }
  return undefined;
}

/**
 * The offset in `text` where the parser failed, or undefined when DuckDB did
 * not say where. `sql` is what was parsed: `text` after `prefix` characters.
 */
export function parseErrorOffset(
  text: string,
  sql: string,
  prefix: number,
  message: string,
  position: string | undefined,
): number | undefined {
  const clamp = (cp: number): number | undefined =>
    Number.isFinite(cp) && cp >= 0 ? Math.min(offsetOfCodePoint(text, cp), text.trimEnd().length) : undefined;
  if (position !== undefined && /^\d+$/.test(position)) return clamp(Number(position) - prefix);
  const caret = caretOf(message);
  if (caret !== undefined) {
    // The snippet may be cut short (`...`): find it on its line of the parsed text.
    const snippet = caret.snippet.replace(/^\.\.\./, '');
    const cut = caret.snippet.length - snippet.length;
    const lineStart = sql
      .split('\n')
      .slice(0, caret.line - 1)
      .reduce((n, l) => n + l.length + 1, 0);
    const found = sql.indexOf(snippet.replace(/\.\.\.$/, ''), lineStart);
    if (found >= 0) return clamp(Array.from(sql.slice(0, found)).length + caret.column - cut - prefix);
  }
  const near = /at or near "((?:[^"]|"")*)"/.exec(message);
  const token = near?.[1]?.replaceAll('""', '"');
  if (token !== undefined && token !== '') {
    const found = text.indexOf(token);
    if (found >= 0) return found;
  }
  return /at end of input/.test(message) ? text.trimEnd().length : undefined;
}
