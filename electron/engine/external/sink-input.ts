import { DuckDBBlobValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { Column } from '../../../shared/catalog/node-type';
import { ident } from '../../../shared/sql/quote';
import { GUARD } from '../preview-values';
import { duckType, type DuckFamily } from './duck-types';
import type { ExternalValue, RowBatch } from './types';

/**
 * A sink's input read from DuckDB as a stream of chunks (never the whole
 * result in memory), in the form the sink asked for: values, or CSV lines
 * rendered by DuckDB itself (for bulk loaders, much faster than values
 * crossing into JavaScript).
 *
 * Values arrive exact: DECIMAL, HUGEINT, dates, times, timestamps, intervals,
 * UUID and JSON as DuckDB's text (TIMESTAMPTZ in UTC with `+00`), nested
 * types as JSON text, BLOB as bytes, integers as number or bigint.
 */

const NATIVE: ReadonlySet<DuckFamily> = new Set(['boolean', 'tinyint', 'smallint', 'integer', 'bigint', 'utinyint', 'usmallint', 'uinteger', 'ubigint', 'float', 'double', 'blob']);
const UNQUOTED: ReadonlySet<DuckFamily> = new Set([...NATIVE, 'hugeint', 'uhugeint', 'decimal', 'date', 'time', 'timetz', 'timestamp', 'interval', 'uuid']);

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

/** One CSV line per row: NULL an unquoted empty field, text always quoted, BLOB as `\x` + hex. */
export function csvLineExpression(columns: readonly Column[]): string {
  if (columns.length === 0) return "''";
  return columns
    .map((c) => {
      const col = ident(c.name);
      const f = duckType(c.type).family;
      if (f === 'blob') return `coalesce('\\x' || hex(${col}), '')`;
      if (UNQUOTED.has(f) || f === 'timestamptz') return `coalesce(${textOf(c)}, '')`;
      return `coalesce('"' || replace(${textOf(c)}, '"', '""') || '"', '')`;
    })
    .join(` || ',' || `);
}

function toExternal(v: DuckDBValue, guarded: boolean): ExternalValue {
  if (v === null) return null;
  if (typeof v === 'string') return guarded ? v.slice(GUARD.length) : v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return v;
  if (v instanceof DuckDBBlobValue) return v.bytes;
  return String(v);
}

export async function* valueBatches(conn: DuckDBConnection, input: string, columns: readonly Column[], signal: AbortSignal, onRows: (rows: number) => void): AsyncIterable<RowBatch> {
  const guarded = columns.map((c) => !NATIVE.has(duckType(c.type).family));
  const result = await conn.stream(`SELECT ${valueSelectList(columns)} FROM ${input}`);
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

export async function* csvBlocks(conn: DuckDBConnection, input: string, columns: readonly Column[], signal: AbortSignal, onRows: (rows: number) => void): AsyncIterable<string> {
  const result = await conn.stream(`SELECT ${csvLineExpression(columns)} FROM ${input}`);
  let rows = 0;
  for (;;) {
    signal.throwIfAborted();
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    const lines = chunk.getColumnValues(0);
    rows += lines.length;
    onRows(rows);
    yield `${lines.map(String).join('\n')}\n`;
  }
}
