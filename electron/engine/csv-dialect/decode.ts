import type { CsvDialectGuess } from '../../../shared/catalog/node-type';

export type Encoding = CsvDialectGuess['encoding'];

export interface Decoded {
  encoding: Encoding;
  text: string;
  /** Big-endian UTF-16, which DuckDB does not read. */
  bigEndian: boolean;
  /** UTF-8 with this many bytes that are not (a Latin-1 line among UTF-8 ones): those lines are bad rows. */
  strayBytes: number;
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

/** Well-formed multi-byte UTF-8 sequences, and bytes that start none, in `buf` (a sequence cut at its end not counted). */
export function utf8Evidence(buf: Buffer): { sequences: number; stray: number } {
  let sequences = 0;
  let stray = 0;
  for (let i = 0; i < buf.length;) {
    const b = buf[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need > 0 && i + need >= buf.length) break;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) ok = ((buf[i + k] ?? 0) & 0xc0) === 0x80;
    if (ok) {
      sequences++;
      i += need + 1;
    } else {
      stray++;
      i++;
    }
  }
  return { sequences, stray };
}

/**
 * The encoding of a file from its first bytes: a BOM, else valid UTF-8, else Latin-1 (Windows exports). A UTF-8
 * file with a few lines in another encoding is still UTF-8: read as Latin-1, every accent of its other lines would
 * be garbled (São as SÃ£o) without a word; read as UTF-8, only the stray lines are bad rows, each named.
 */
export function detectEncoding(head: Buffer): {
  encoding: Encoding;
  bomBytes: number;
  bigEndian: boolean;
  strayBytes: number;
} {
  const plain = { bigEndian: false, strayBytes: 0 };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { ...plain, encoding: 'utf-8', bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { ...plain, encoding: 'utf-16', bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { ...plain, encoding: 'utf-16', bomBytes: 2, bigEndian: true };
  if (validUtf8(head)) return { ...plain, encoding: 'utf-8', bomBytes: 0 };
  // Latin-1 text almost never forms UTF-8 sequences by chance (ç, ã are lead bytes a letter follows).
  const e = utf8Evidence(head);
  return e.sequences >= 3 && e.sequences >= 4 * e.stray
    ? { ...plain, encoding: 'utf-8', bomBytes: 0, strayBytes: e.stray }
    : { ...plain, encoding: 'latin-1', bomBytes: 0 };
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
    head: { encoding: enc.encoding, text, bigEndian: enc.bigEndian, strayBytes: enc.strayBytes },
    // A UTF-16 chunk may start between the two bytes of a character: only the head is read.
    chunks: enc.encoding === 'utf-16' ? [] : chunks.map((c) => decodeAs(c, enc.encoding, enc.bigEndian)),
  };
}
