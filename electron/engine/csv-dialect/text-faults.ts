import { closeSync, readSync } from 'node:fs';
import { openRegularSync } from '../files/read-regular';

/**
 * Two faults of real-world text files that DuckDB's CSV reader cannot get past
 * and reports without a line: bytes 0x80–0x9F in a file read as Latin-1
 * (Windows-1252's “ ” – € …: "File is not latin-1 encoded"), and lines ending
 * both in CRLF and in LF ("The CSV Parser state machine reached an invalid
 * state"). Found here by reading the file, so that the error names the line.
 * An error path only: bounded, and never a pipe or a device (which would block).
 */

/** How far a file is read looking for a fault. */
const SCAN_LIMIT = 512 * 2 ** 20;
const CHUNK = 2 ** 20;
const CR = 0x0d;
const LF = 0x0a;

/**
 * `file` read in chunks, each given with the byte before it (-1 first) and the 1-based line it starts on,
 * until `look` finds something; undefined when it does not, or the file cannot be read.
 */
function scanChunks<T>(file: string, look: (buf: Buffer, prev: number, line: number) => T | undefined): T | undefined {
  let fd: number;
  try {
    fd = openRegularSync(file);
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
      const chunk = buf.subarray(0, n);
      const found = look(chunk, prev, line);
      if (found !== undefined) return found;
      line += countLf(chunk, n);
      prev = chunk[n - 1] ?? -1;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The line feeds in the first `end` bytes of `buf`. */
function countLf(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(LF); i >= 0 && i < end; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}

/** The first line holding a byte 0x80–0x9F (printable in Windows-1252, control codes in Latin-1), and the byte. */
export function windows1252Byte(file: string): { line: number; byte: string } | undefined {
  return scanChunks(file, (buf, _prev, line) => {
    const at = buf.findIndex((b) => b >= 0x80 && b <= 0x9f);
    const b = buf[at];
    return b === undefined ? undefined : { line: line + countLf(buf, at), byte: `0x${b.toString(16).toUpperCase()}` };
  });
}

export type LineEnding = 'CRLF' | 'LF';

/** The first line that ends otherwise than the file's first line, with both kinds of ending. */
export function mixedLineEnding(file: string): { line: number; first: LineEnding; other: LineEnding } | undefined {
  let first: LineEnding | undefined;
  return scanChunks(file, (buf, prev, line) => {
    let n = line;
    for (let i = buf.indexOf(LF); i >= 0; i = buf.indexOf(LF, i + 1), n++) {
      const kind: LineEnding = (i === 0 ? prev : buf[i - 1]) === CR ? 'CRLF' : 'LF';
      first ??= kind;
      if (kind !== first) return { line: n, first, other: kind };
    }
    return undefined;
  });
}
