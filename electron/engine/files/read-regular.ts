import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * The text of a file Duto reads whole (a pipeline, a connections file, a state file), refused unless it is a
 * regular file of at most `max` bytes. It is opened without blocking and checked on the open descriptor: a FIFO
 * would block the read forever (and with it every signal's exit), a device such as /dev/zero never ends.
 */

/** A pipeline or settings file is far smaller; a bigger one is refused before it is read. */
export const MAX_TEXT_FILE_BYTES = 256 * 1024 * 1024;

/** Why a path is not read: what it is, in words for `cannot read FILE: …`. */
export class NotReadable extends Error {
  constructor(
    readonly code: 'ENOTREG' | 'EFBIG' | 'EISDIR' | 'EILSEQ',
    detail: string,
  ) {
    super(detail);
  }
}

// O_NONBLOCK: opening a FIFO nobody writes returns at once (Windows has no FIFOs, and no such flag).
const FLAGS = constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NONBLOCK);

function check(isFile: boolean, size: number, max: number, isDirectory = false): void {
  if (isDirectory) throw new NotReadable('EISDIR', 'it is a folder');
  if (!isFile) throw new NotReadable('ENOTREG', 'it is not a regular file (a pipe, a device or a socket)');
  if (size > max) throw new NotReadable('EFBIG', `it is larger than ${String(max)} bytes`);
}

/** UTF-8 text, or refused: decoded leniently, a Latin-1 path became U+FFFD, and `upgrade` saved it so. */
function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new NotReadable('EILSEQ', 'it is not UTF-8 text (save it as UTF-8)');
  }
}

export async function readRegularText(path: string, max = MAX_TEXT_FILE_BYTES): Promise<string> {
  const handle = await open(path, FLAGS);
  try {
    const st = await handle.stat();
    check(st.isFile(), st.size, max, st.isDirectory());
    const bytes = await handle.readFile();
    check(true, bytes.length, max);
    return utf8(bytes);
  } finally {
    await handle.close();
  }
}

/** A descriptor on a regular file of at most `max` bytes (the caller closes it); a pipe, device or folder is refused. */
export function openRegularSync(path: string, max = Number.MAX_SAFE_INTEGER): number {
  const fd = openSync(path, FLAGS);
  try {
    const st = fstatSync(fd);
    check(st.isFile(), st.size, max, st.isDirectory());
    return fd;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

export function readRegularTextSync(path: string, max = MAX_TEXT_FILE_BYTES): string {
  const fd = openRegularSync(path, max);
  try {
    // Read to the end, whatever the size said (a file still being written), never past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(64 * 1024);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      check(true, total, max);
      chunks.push(buf.subarray(0, n));
    }
    return utf8(Buffer.concat(chunks));
  } finally {
    closeSync(fd);
  }
}
