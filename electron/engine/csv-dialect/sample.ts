import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** How much of a file the detector reads: its head, and a chunk from the middle and the end of a bigger file. */
export const HEAD_BYTES = 1024 * 1024;
export const CHUNK_BYTES = 64 * 1024;

export interface FileSample {
  head: Buffer;
  /** Chunks from further in the file: they start and end mid-line. */
  chunks: Buffer[];
  /** The head is the whole file. */
  whole: boolean;
  size: number;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

/** A bounded sample of a file: never the whole of a big one. */
export function readSample(path: string): FileSample {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = readAt(fd, 0, Math.min(size, HEAD_BYTES));
    const chunks: Buffer[] = [];
    if (size > HEAD_BYTES + 2 * CHUNK_BYTES) {
      chunks.push(readAt(fd, Math.floor(size / 2), CHUNK_BYTES), readAt(fd, size - CHUNK_BYTES, CHUNK_BYTES));
    } else if (size > HEAD_BYTES) {
      chunks.push(readAt(fd, HEAD_BYTES, size - HEAD_BYTES));
    }
    return { head, chunks, whole: size <= HEAD_BYTES, size };
  } finally {
    closeSync(fd);
  }
}
