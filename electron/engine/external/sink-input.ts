import { DuckDBBlobValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Column } from '../../../shared/catalog/node-type';
import { ident, str } from '../../../shared/sql/quote';
import { GUARD } from '../preview/preview-values';
import { duckType, type DuckFamily } from './duck-types';
import type { ExternalValue, RowBatch } from './types';
import { runOne, streamOne } from '../walls/one-statement';

/**
 * A sink's input read from DuckDB in the form the sink asked for: values, as
 * a stream of chunks (never the whole result in memory), or CSV written by
 * DuckDB itself in parts (for bulk loaders: much faster than values crossing
 * into JavaScript; see BulkCsvSink).
 *
 * Values arrive exact: DECIMAL, HUGEINT, dates, times, timestamps, intervals,
 * UUID and JSON as DuckDB's text (TIMESTAMPTZ in UTC with `+00`), nested
 * types as JSON text, BLOB as bytes, integers as number or bigint.
 */

const NATIVE: ReadonlySet<DuckFamily> = new Set([
  'boolean',
  'tinyint',
  'smallint',
  'integer',
  'bigint',
  'utinyint',
  'usmallint',
  'uinteger',
  'ubigint',
  'float',
  'double',
  'blob',
]);

/** A TIMESTAMPTZ as UTC text the way DuckDB prints it (no trailing zero fraction), whatever the session's time zone. */
export function utcText(col: string): string {
  return `regexp_replace(strftime(${col} AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%f'), '\\.?0+$', '') || '+00'`;
}

/** The text DuckDB renders for a column, for both forms. */
function textOf(c: Column): string {
  const col = ident(c.name);
  const f = duckType(c.type).family;
  if (f === 'timestamptz') return utcText(col);
  if (f === 'nested') return `CAST(to_json(${col}) AS VARCHAR)`;
  return `CAST(${col} AS VARCHAR)`;
}

/** The SELECT list for values: native types as they are, the rest as text (guarded: see preview-values.ts). */
export function valueSelectList(columns: readonly Column[]): string {
  return columns
    .map((c) => {
      const f = duckType(c.type).family;
      return NATIVE.has(f) ? ident(c.name) : `('${GUARD}' || ${textOf(c)})`;
    })
    .join(', ');
}

/** The SELECT list DuckDB's CSV writer is given: bytes as `\x` + hex, TIMESTAMPTZ in UTC, nested types as JSON. */
export function csvSelectList(columns: readonly Column[]): string {
  if (columns.length === 0) return '*';
  return columns
    .map((c) => {
      const col = ident(c.name);
      const f = duckType(c.type).family;
      if (f === 'blob') return `('\\x' || hex(${col})) AS ${col}`;
      if (f === 'timestamptz' || f === 'nested') return `${textOf(c)} AS ${col}`;
      return col;
    })
    .join(', ');
}

function toExternal(v: DuckDBValue, guarded: boolean): ExternalValue {
  if (v === null) return null;
  if (typeof v === 'string') return guarded ? v.slice(GUARD.length) : v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return v;
  if (v instanceof DuckDBBlobValue) return v.bytes;
  return String(v);
}

export async function* valueBatches(
  conn: DuckDBConnection,
  input: string,
  columns: readonly Column[],
  signal: AbortSignal,
  onRows: (rows: number) => void,
): AsyncIterable<RowBatch> {
  const guarded = columns.map((c) => !NATIVE.has(duckType(c.type).family));
  const result = await streamOne(conn, `SELECT ${valueSelectList(columns)} FROM ${input}`);
  let rows = 0;
  for (;;) {
    signal.throwIfAborted();
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    const batch = chunk.getRows().map((r) => r.map((v, i) => toExternal(v, guarded[i] === true)));
    rows += batch.length;
    onRows(rows);
    yield batch;
  }
}

/**
 * The input as CSV parts written by DuckDB into the spill folder, then read
 * back in order, each deleted once read. Progress is the share of bytes read.
 */
export async function* csvFileBlocks(
  conn: DuckDBConnection,
  input: string,
  columns: readonly Column[],
  spillDir: string,
  signal: AbortSignal,
  onProgress: (share: number) => void,
): AsyncIterable<Uint8Array> {
  const dir = join(spillDir, `sink-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    signal.throwIfAborted();
    await runOne(
      conn,
      `COPY (SELECT ${csvSelectList(columns)} FROM ${input}) TO ${str(dir)} (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', NULLSTR '', FILE_SIZE_BYTES '32MB')`,
    );
    const parts = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /^data_\d+\.csv$/.test(f))
          .sort((a, b) => partNumber(a) - partNumber(b))
      : [];
    const total = parts.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    let read = 0;
    for (const part of parts) {
      const path = join(dir, part);
      for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
        signal.throwIfAborted();
        if (!(chunk instanceof Uint8Array)) continue;
        read += chunk.byteLength;
        onProgress(total === 0 ? 1 : read / total);
        yield chunk;
      }
      rmSync(path, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function partNumber(name: string): number {
  return Number(/(\d+)/.exec(name)?.[1] ?? 0);
}
