import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * The lines of a file from its end, read backwards in chunks: the newest
 * records of a history cost what they weigh, not what the file weighs.
 * Works on bytes ('\n' never occurs inside a UTF-8 character). A line
 * longer than `maxLine` is not kept in memory: it is reported as undefined
 * (damaged), so garbage without newlines cannot exhaust memory.
 */

const CHUNK = 64 * 1024;

export function* linesFromEnd(file: string, maxLine = 1024 * 1024): Generator<string | undefined> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return;
  }
  try {
    let pos = fstatSync(fd).size;
    let carry = Buffer.alloc(0);
    // Inside an over-long line: bytes are dropped until its start is found.
    let dropping = false;
    while (pos > 0) {
      const len = Math.min(CHUNK, pos);
      pos -= len;
      const buf = Buffer.alloc(len);
      readSync(fd, buf, 0, len, pos);
      const data = dropping ? buf : Buffer.concat([buf, carry]);
      let end = data.length;
      for (let i = data.length - 1; i >= 0; i--) {
        if (data[i] !== 0x0a) continue;
        if (dropping) {
          dropping = false;
          yield undefined;
        } else if (i + 1 < end) yield data.subarray(i + 1, end).toString('utf8');
        end = i;
      }
      carry = Buffer.from(data.subarray(0, end));
      if (!dropping && carry.length > maxLine) {
        dropping = true;
        carry = Buffer.alloc(0);
      }
    }
    if (dropping) yield undefined;
    else if (carry.length > 0) yield carry.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
