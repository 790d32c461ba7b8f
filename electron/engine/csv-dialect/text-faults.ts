import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Two faults of real-world text files that DuckDB's CSV reader cannot get past
 * and reports without a line: bytes 0x80–0x9F in a file read as Latin-1
 * (Windows-1252's “ ” – € …: "File is not latin-1 encoded"), and lines ending
 * both in CRLF and in LF ("The CSV Parser state machine reached an invalid
 * state"). Found here by reading the file, so that the error names the line.
 */

/** How far a file is read looking for a fault (an error path: bounded). */
const SCAN_LIMIT = 512 * 2 ** 20;
const CHUNK = 2 ** 20;
const CR = 0x0d;
const LF = 0x0a;

/** Each byte of `file`, with the one before it and its 1-based line, until `visit` finds something. */
function scan<T>(file: string, visit: (byte: number, prev: number, line: number) => T | undefined): T | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.alloc(CHUNK);
    let line = 1;
    let prev = -1;
    for (let at = 0; at < SCAN_LIMIT;) {
      const n = readSync(fd, buf, 0, CHUNK, at);
      if (n === 0) return undefined;
      at += n;
      for (let i = 0; i < n; i++) {
        const b = buf[i] ?? 0;
        const found = visit(b, prev, line);
        if (found !== undefined) return found;
        if (b === LF) line++;
        prev = b;
      }
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The first line holding a byte 0x80–0x9F (printable in Windows-1252, control codes in Latin-1), and the byte. */
export function windows1252Byte(file: string): { line: number; byte: string } | undefined {
  return scan(file, (b, _prev, line) =>
    b >= 0x80 && b <= 0x9f ? { line, byte: `0x${b.toString(16).toUpperCase()}` } : undefined,
  );
}

export type LineEnding = 'CRLF' | 'LF';

/** The first line that ends otherwise than the file's first line, with both kinds of ending. */
export function mixedLineEnding(file: string): { line: number; first: LineEnding; other: LineEnding } | undefined {
  let first: LineEnding | undefined;
  return scan(file, (b, prev, line) => {
    if (b !== LF) return undefined;
    const kind: LineEnding = prev === CR ? 'CRLF' : 'LF';
    first ??= kind;
    return kind === first ? undefined : { line, first, other: kind };
  });
}
