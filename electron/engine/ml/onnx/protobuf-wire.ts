/**
 * The protobuf wire format, read only as far as Duto needs to look at an
 * ONNX file before handing it to the runtime: every length is checked
 * against the bytes there are, so a truncated or foreign file ends in a
 * WireError, never a read past the end or an endless loop.
 */

export class WireError extends Error {
  constructor(readonly at: number) {
    super(`protobuf: malformed at byte ${at}`);
    this.name = 'WireError';
  }
}

/** One field of a message: its number, wire type, and its value (a varint, or the bytes of a length-delimited field). */
export interface WireField {
  field: number;
  wire: 0 | 1 | 2 | 5;
  varint: bigint;
  /** Where the field's key starts (to cut the field out when rewriting the message). */
  keyStart: number;
  /** [start, end) in the message's buffer (length-delimited fields). */
  start: number;
  end: number;
}

function readVarint(buf: Uint8Array, at: number, end: number): { value: bigint; next: number } {
  let value = 0n;
  let shift = 0n;
  let i = at;
  for (;;) {
    if (i >= end || shift > 63n) throw new WireError(i);
    const b = buf[i] ?? 0;
    i++;
    value |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return { value, next: i };
    shift += 7n;
  }
}

/** The fields of the message in buf[start, end), in order. */
export function* fields(buf: Uint8Array, start = 0, end = buf.length): Generator<WireField> {
  let at = start;
  while (at < end) {
    const keyStart = at;
    const key = readVarint(buf, at, end);
    const field = Number(key.value >> 3n);
    const wire = Number(key.value & 7n);
    at = key.next;
    if (field < 1) throw new WireError(at);
    if (wire === 0) {
      const v = readVarint(buf, at, end);
      at = v.next;
      yield { field, wire, varint: v.value, keyStart, start: at, end: at };
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (at + size > end) throw new WireError(at);
      yield { field, wire, varint: 0n, keyStart, start: at, end: at + size };
      at += size;
    } else if (wire === 2) {
      const len = readVarint(buf, at, end);
      const from = len.next;
      if (len.value > BigInt(end - from)) throw new WireError(from);
      const to = from + Number(len.value);
      yield { field, wire, varint: len.value, keyStart, start: from, end: to };
      at = to;
    } else throw new WireError(at);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function text(buf: Uint8Array, f: WireField): string {
  return utf8.decode(buf.subarray(f.start, f.end));
}

/** A varint encoded (for the one edit Duto makes: adding graph outputs). */
export function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/** A length-delimited field: key, length, bytes. */
export function lengthDelimited(field: number, bytes: Uint8Array): Uint8Array {
  return Uint8Array.from([...varint(field * 8 + 2), ...varint(bytes.length), ...bytes]);
}
