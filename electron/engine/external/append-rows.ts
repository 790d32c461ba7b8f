import {
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBAppender,
  type DuckDBConnection,
} from '@duckdb/node-api';
import type { Column } from '../../../shared/catalog/node-type';
import { EXTERNAL_CATALOG } from '../../../shared/compiler/compile';
import { duckType, INTEGER_FAMILIES } from './duck-types';
import { parseIntervalText } from './interval-text';
import { ConnectorError, type ExternalValue, type RowBatch } from './types';
import { said } from '../../../shared/messages/diagnostic-messages';

/**
 * Rows from a connector into a DuckDB table through the Appender, batch by
 * batch: memory holds one batch, DuckDB casts text to each column's type
 * (so decimals and timestamps arrive exact, as text), and a value that does
 * not fit is reported with its row and column.
 */

type Target = 'boolean' | 'integer' | 'varchar' | 'timestamptz' | 'interval' | 'other';

function targetOf(type: string): Target {
  const f = duckType(type).family;
  if (f === 'boolean') return 'boolean';
  if (INTEGER_FAMILIES.has(f)) return 'integer';
  if (f === 'varchar') return 'varchar';
  if (f === 'timestamptz') return 'timestamptz';
  if (f === 'interval') return 'interval';
  return 'other';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function appendValue(app: DuckDBAppender, v: ExternalValue, target: Target): void {
  if (v === null) app.appendNull();
  else if (typeof v === 'string' && target === 'interval') {
    const iv = parseIntervalText(v);
    if (iv === undefined) throw new Error('not an interval DuckDB understands');
    app.appendInterval(iv);
  } else if (typeof v === 'string') app.appendVarchar(v);
  else if (typeof v === 'number') {
    if (target === 'varchar') app.appendVarchar(String(v));
    else if (target === 'boolean') app.appendBoolean(v !== 0);
    else if (target === 'integer' && Number.isSafeInteger(v)) app.appendBigInt(BigInt(v));
    else app.appendDouble(v);
  } else if (typeof v === 'bigint') {
    if (target === 'varchar' || v < INT64_MIN || v > INT64_MAX) app.appendVarchar(v.toString());
    else app.appendBigInt(v);
  } else if (typeof v === 'boolean') {
    if (target === 'varchar') app.appendVarchar(String(v));
    else app.appendBoolean(v);
  } else if (v instanceof Date) {
    const ms = v.getTime();
    if (Number.isNaN(ms)) throw new Error('an invalid date');
    if (target === 'varchar') app.appendVarchar(v.toISOString());
    else if (target === 'timestamptz') app.appendTimestampTZ(new DuckDBTimestampTZValue(BigInt(ms) * 1000n));
    else app.appendTimestamp(new DuckDBTimestampValue(BigInt(ms) * 1000n));
  } else app.appendBlob(v);
}

function shortValue(v: ExternalValue): string {
  const s = v instanceof Uint8Array ? `${v.byteLength} bytes` : v instanceof Date ? v.toISOString() : String(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/** Appends every batch to the (existing, empty) table of `nodeId`; returns the rows appended. */
export async function appendBatches(
  conn: DuckDBConnection,
  nodeId: string,
  columns: readonly Column[],
  batches: AsyncIterable<RowBatch>,
  signal: AbortSignal,
  onRows: (rows: number) => void,
): Promise<number> {
  // One transaction for the whole read: no commit (and WAL flush) per flushed chunk.
  await conn.run('BEGIN TRANSACTION');
  const app = await conn.createAppender(nodeId, 'main', EXTERNAL_CATALOG);
  const targets = columns.map((c) => targetOf(c.type));
  let rows = 0;
  try {
    for await (const batch of batches) {
      signal.throwIfAborted();
      for (const row of batch) {
        if (row.length !== targets.length) {
          throw new ConnectorError(
            said('source.shape', { row: rows + 1, values: row.length, columns: targets.length }),
          );
        }
        for (let i = 0; i < targets.length; i++) {
          const v = row[i] ?? null;
          try {
            appendValue(app, v, targets[i] ?? 'other');
          } catch (e) {
            const col = columns[i];
            const why = (e instanceof Error ? e.message : String(e)).replace(/^[A-Za-z ]+ Error: /, '');
            throw new ConnectorError(
              said('source.value', {
                row: rows + 1,
                column: col?.name ?? String(i),
                value: shortValue(v),
                type: col?.type ?? 'the column',
                detail: why,
              }),
            );
          }
        }
        app.endRow();
        rows++;
      }
      app.flushSync();
      onRows(rows);
    }
    app.closeSync();
    await conn.run('COMMIT');
    return rows;
  } catch (e) {
    // Drop what is buffered (possibly half a row) so closing cannot fail over the real error.
    try {
      app.clear();
      app.closeSync();
    } catch {
      // The appender is gone either way.
    }
    await conn.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
