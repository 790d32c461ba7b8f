import { readSync } from 'node:fs';

/**
 * A file read forwards in fixed chunks, byte by byte, keeping the line and
 * column (in characters) of the next byte: memory stays bounded however large
 * the file is.
 */
export class ByteSource {
  private readonly buf: Buffer;
  private pos = 0;
  private end = 0;
  private fileOffset = 0;
  line = 1;
  column = 1;

  constructor(
    private readonly fd: number,
    chunk = 1024 * 1024,
  ) {
    this.buf = Buffer.alloc(chunk);
  }

  /** The next byte without consuming it; -1 at the end of the file. */
  peek(): number {
    if (this.pos >= this.end && !this.fill()) return -1;
    return this.buf[this.pos] ?? -1;
  }

  /** Consumes the next byte and returns it; -1 at the end of the file. */
  next(): number {
    if (this.pos >= this.end && !this.fill()) return -1;
    const b = this.buf[this.pos++] ?? -1;
    if (b === 0x0a) {
      this.line++;
      this.column = 1;
    } else if ((b & 0xc0) !== 0x80) {
      this.column++; // continuation bytes belong to the character already counted
    }
    return b;
  }

  private fill(): boolean {
    const n = readSync(this.fd, this.buf, 0, this.buf.length, this.fileOffset);
    this.fileOffset += n;
    this.pos = 0;
    this.end = n;
    return n > 0;
  }
}
