/**
 * Markdown building blocks that keep user text inert: whatever a label,
 * description, column name or SQL holds, it renders as that text and cannot
 * open a table cell, a list, a heading, a code block or an HTML tag.
 */

/** One line ending, and no other control characters (a stray \r would split a line). */
function normalize(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
}

/** Characters with inline meaning: emphasis, links, code, HTML, entities, tables, strikethrough, math. */
const INLINE_SPECIAL = /[\\`*_[\]<>|~#$&]/g;

/** One line of plain text, escaped; a leading list, quote or heading marker is neutralised too. */
function escapeLine(line: string): string {
  const escaped = line
    .trim()
    .replace(/\s+/g, ' ')
    .replace(INLINE_SPECIAL, (c) => `\\${c}`);
  return escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Text on one line (a heading, a list item): line breaks become spaces. */
export function inlineText(s: string): string {
  return escapeLine(normalize(s).replace(/\n/g, ' '));
}

/** Text as paragraphs: its lines kept, blank lines separating paragraphs. */
export function blockText(s: string | readonly string[]): string {
  const text = normalize(typeof s === 'string' ? s : s.join('\n'));
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const escaped = escapeLine(line);
    if (escaped !== '') out.push(escaped);
    else if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  }
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** Text in a table cell: pipes escaped, its lines joined with <br>. */
export function cellText(s: string): string {
  return normalize(s)
    .split('\n')
    .map(escapeLine)
    .filter((l) => l !== '')
    .join('<br>');
}

function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** An inline code span of `s` on one line, with a fence longer than any backtick run inside. */
export function codeSpan(s: string): string {
  const text = normalize(s).replace(/\n/g, ' ');
  const fence = '`'.repeat(longestRun(text, '`') + 1);
  const pad =
    text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '')
      ? ' '
      : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Whether `s` can be shown as a code span inside a table cell. GFM splits
 * cells on a `|` even inside code, and its `\|` escape cannot express every
 * value (`a\|b`), so such values are shown some other way.
 */
export function fitsCodeCell(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return s.trim() !== '' && !/[|\u0000-\u001f\u007f]/.test(s);
}

/** A value in a table cell: as code when it fits, else as escaped text. */
export function cellCode(s: string): string {
  return fitsCodeCell(s) ? codeSpan(s) : cellText(s);
}

/** A fenced code block holding `content` verbatim, its fence longer than any backtick run inside. */
export function fencedBlock(content: string, lang = ''): string {
  const text = normalize(content).replace(/\n+$/, '');
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${lang}\n${text}\n${fence}`;
}

/** A GFM table; cells must already be escaped (cellText, cellCode). */
export function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
