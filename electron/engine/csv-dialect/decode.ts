import type { CsvDialectGuess } from '../../../shared/catalog/node-type';

export type Encoding = CsvDialectGuess['encoding'];

export interface Decoded {
  encoding: Encoding;
  text: string;
  /** Big-endian UTF-16, which DuckDB does not read. */
  bigEndian: boolean;
}

/** Drops a UTF-8 sequence cut at the end of a sample, so it does not look invalid. */
function trimCutSequence(buf: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? buf.subarray(0, buf.length - back) : buf;
    }
    return buf;
  }
  return buf;
}

function validUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(trimCutSequence(buf));
    return true;
  } catch {
    return false;
  }
}

/** The encoding of a file from its first bytes: a BOM, else valid UTF-8, else Latin-1 (Windows exports). */
export function detectEncoding(head: Buffer): { encoding: Encoding; bomBytes: number; bigEndian: boolean } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', bomBytes: 3, bigEndian: false };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16', bomBytes: 2, bigEndian: false };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16', bomBytes: 2, bigEndian: true };
  return { encoding: validUtf8(head) ? 'utf-8' : 'latin-1', bomBytes: 0, bigEndian: false };
}

function decodeAs(buf: Buffer, encoding: Encoding, bigEndian: boolean): string {
  if (encoding === 'latin-1') return buf.toString('latin1');
  if (encoding === 'utf-16')
    return new TextDecoder(bigEndian ? 'utf-16be' : 'utf-16le').decode(buf.subarray(0, buf.length - (buf.length % 2)));
  return new TextDecoder('utf-8').decode(trimCutSequence(buf));
}

/** The sample's head and chunks as text, in the head's encoding. */
export function decodeSample(head: Buffer, chunks: readonly Buffer[]): { head: Decoded; chunks: string[] } {
  const enc = detectEncoding(head);
  const text = decodeAs(head.subarray(enc.bomBytes), enc.encoding, enc.bigEndian);
  return {
    head: { encoding: enc.encoding, text, bigEndian: enc.bigEndian },
    // A UTF-16 chunk may start between the two bytes of a character: only the head is read.
    chunks: enc.encoding === 'utf-16' ? [] : chunks.map((c) => decodeAs(c, enc.encoding, enc.bigEndian)),
  };
}
