import type { ExternalValue, RowBatch } from '../../external/types';

/**
 * Values as RFC 4180 CSV lines for bulk loaders that read CSV (PostgreSQL's
 * COPY): NULL is an unquoted empty field, text is always quoted (so an empty
 * string stays one), bytes are `\x` + hex.
 */
export function csvField(v: ExternalValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return `"${v.replaceAll('"', '""')}"`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
}

export async function* csvBlocks(batches: AsyncIterable<RowBatch>): AsyncIterable<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const batch of batches) {
    if (batch.length > 0) yield encoder.encode(`${batch.map((row) => row.map(csvField).join(',')).join('\n')}\n`);
  }
}
