import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Column } from '../../shared/catalog/node-type';

/**
 * Checks DuckDB does not make itself (design.md §5): it reads a truncated
 * JSON array without complaint, and an auto-detected CSV dialect can turn a
 * file into one wide column without error.
 */

export interface FileProblem {
  message: string;
  line?: number;
}

const TAIL = 64 * 1024;
const MAX_LAST_LINE = 16 * 1024 * 1024;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** The number of lines in a file (1 + newlines, not counting a final newline). */
function countLines(fd: number, size: number): number {
  const buf = Buffer.alloc(1024 * 1024);
  let lines = 1;
  let last = -1;
  for (let pos = 0; pos < size; ) {
    const n = readSync(fd, buf, 0, buf.length, pos);
    if (n <= 0) break;
    for (let i = 0; i < n; i++) if (buf[i] === 0x0a) lines++;
    last = buf[n - 1] ?? -1;
    pos += n;
  }
  return last === 0x0a ? lines - 1 : lines;
}

/** The first non-blank byte of a file (after a UTF-8 BOM), or -1 for a blank file. */
function firstByte(fd: number, size: number): number {
  const buf = Buffer.alloc(Math.min(4096, size));
  const n = readSync(fd, buf, 0, buf.length, 0);
  let i = n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  while (i < n && isSpace(buf[i] ?? 0)) i++;
  return i < n ? (buf[i] ?? -1) : -1;
}

/** The file's content without trailing blanks, as far back as `want` bytes before its end. */
function tail(fd: number, size: number, want: number): { text: Buffer; start: number } {
  const len = Math.min(size, want);
  const buf = Buffer.alloc(len);
  readSync(fd, buf, 0, len, size - len);
  let end = len;
  while (end > 0 && isSpace(buf[end - 1] ?? 0)) end--;
  return { text: buf.subarray(0, end), start: size - len };
}

/**
 * Whether a JSON or NDJSON file ends where a complete document would.
 * `format` 'auto' decides by the first character (`[` means an array).
 */
export function checkJsonComplete(path: string, format: 'array' | 'newline_delimited' | 'auto'): FileProblem | null {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return null;
    const first = firstByte(fd, size);
    if (first === -1) return null;
    const isArray = format === 'array' || (format === 'auto' && first === 0x5b);
    if (isArray) {
      const { text } = tail(fd, size, TAIL);
      const last = text[text.length - 1];
      if (last === 0x5d) return null;
      const what = last === 0x2c ? 'a list of records (it stops after a comma)' : 'a JSON array (no closing ])';
      return { message: `${path} is truncated: it ends inside ${what}`, line: countLines(fd, size) };
    }
    // NDJSON: the last non-blank line must be one whole JSON value.
    let want = TAIL;
    for (;;) {
      const { text, start } = tail(fd, size, want);
      const nl = text.lastIndexOf(0x0a);
      if (nl < 0 && start > 0) {
        if (want >= MAX_LAST_LINE) return null;
        want *= 4;
        continue;
      }
      const lastLine = text.subarray(nl + 1).toString('utf8').trim();
      if (lastLine === '') return null;
      try {
        JSON.parse(lastLine.charCodeAt(0) === 0xfeff ? lastLine.slice(1) : lastLine);
        return null;
      } catch {
        return { message: `${path} is truncated: it ends inside a record on its last line`, line: countLines(fd, size) };
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** A CSV read as a single column whose name holds a delimiter was most likely split wrongly. */
export function csvLooksWrong(columns: readonly Column[]): FileProblem | null {
  if (columns.length !== 1) return null;
  const name = columns[0]?.name ?? '';
  const delim = [',', ';', '\t', '|'].find((d) => name.includes(d));
  if (delim === undefined) return null;
  const shown = delim === '\t' ? 'tab' : `"${delim}"`;
  return {
    message: `the file was read as a single column named "${name.length > 80 ? `${name.slice(0, 80)}…` : name}", which contains ${shown}: the detected dialect is probably wrong; turn off automatic detection and set the delimiter`,
  };
}
