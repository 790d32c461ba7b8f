import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnDistributionData } from '../../../shared/ipc/results';
import { ident, num, str } from '../../../shared/sql/quote';
import { readOne } from '../walls/one-statement';

/**
 * A column's distribution over a node's whole output, binned by DuckDB so
 * only the bins cross to the renderer (charts are queries): equal-width
 * bins between min and max for numbers (at most {@link MAX_BINS}; integers
 * with a short range get one bin per value), calendar bins for dates and
 * times (the smallest unit that gives at most {@link MAX_BINS} bins), the
 * most frequent values with their counts for everything else.
 */

export const MAX_BINS = 30;
export const TOP_VALUES = 10;
const MAX_VALUE_CHARS = 200;

const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
const FRACTIONAL = /^(FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/;
const TEMPORAL = /^(DATE|TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMESTAMP WITH TIME ZONE|TIMESTAMPTZ)$/;

/** Calendar units, smallest first, with their length in seconds (months and years on average: only to count bins). */
const UNITS = [
  ['second', 1],
  ['minute', 60],
  ['hour', 3600],
  ['day', 86400],
  ['week', 7 * 86400],
  ['month', 30.44 * 86400],
  ['quarter', 91.31 * 86400],
  ['year', 365.25 * 86400],
] as const;

async function rows(conn: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await readOne(conn, sql)).getRowsJson();
}

function numberOf(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

async function numeric(
  conn: DuckDBConnection,
  view: string,
  name: string,
  integer: boolean,
): Promise<ColumnDistributionData | null> {
  const col = ident(name);
  const [range] = await rows(conn, `SELECT min(${col})::DOUBLE, max(${col})::DOUBLE FROM ${view}`);
  const lo = numberOf(range?.[0]);
  const hi = numberOf(range?.[1]);
  if (lo === null || hi === null) return null;
  // Integers bin on [lo, hi + 1) so that every value has a bin of its own when the range is short.
  const top = integer ? hi + 1 : hi;
  const bins = hi === lo ? 1 : integer ? Math.min(MAX_BINS, top - lo) : MAX_BINS;
  const width = (top - lo) / bins;
  const at = `least(${num(bins - 1)}, greatest(0, floor((${col}::DOUBLE - ${num(lo)}) / ${num(width === 0 ? 1 : width)})))::BIGINT`;
  const counted = await rows(
    conn,
    `SELECT ${at}, count(*) FROM ${view} WHERE ${col} IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  const counts = new Map(counted.map((r) => [Number(r[0]), Number(r[1])]));
  return {
    kind: 'number',
    bins: Array.from({ length: bins }, (_, i) => ({
      lo: String(lo + i * width),
      hi: String(i === bins - 1 ? top : lo + (i + 1) * width),
      count: counts.get(i) ?? 0,
    })),
    last: integer ? 'open' : 'closed',
  };
}

async function temporal(
  conn: DuckDBConnection,
  view: string,
  name: string,
  type: string,
): Promise<ColumnDistributionData | null> {
  const col = ident(name);
  const [range] = await rows(conn, `SELECT epoch(min(${col}))::DOUBLE, epoch(max(${col}))::DOUBLE FROM ${view}`);
  const lo = numberOf(range?.[0]);
  const hi = numberOf(range?.[1]);
  if (lo === null || hi === null) return null;
  const isDate = type === 'DATE';
  const unit =
    UNITS.find(([u, seconds]) => (!isDate || seconds >= 86400 || u === 'day') && (hi - lo) / seconds < MAX_BINS)?.[0] ??
    'year';
  const pattern = isDate ? '%Y-%m-%d' : '%Y-%m-%d %H:%M:%S';
  const bucket = `date_trunc(${str(unit)}, ${col})`;
  // Dates stay dates (a date's filter compares with a date), times stay in their own zone.
  const asText = (e: string): string => `strftime(${isDate ? `CAST(${e} AS DATE)` : e}, ${str(pattern)})`;
  const counted = await rows(
    conn,
    `SELECT ${asText('duto_b')}, ${asText(`duto_b + INTERVAL 1 ${unit}`)}, duto_n FROM (SELECT ${bucket} AS duto_b, count(*) AS duto_n FROM ${view} WHERE ${col} IS NOT NULL GROUP BY 1) ORDER BY duto_b LIMIT 400`,
  );
  return {
    kind: 'time',
    unit,
    bins: counted.map((r) => ({ lo: String(r[0]), hi: String(r[1]), count: Number(r[2]) })),
    last: 'open',
  };
}

async function topValues(conn: DuckDBConnection, view: string, name: string): Promise<ColumnDistributionData> {
  const col = ident(name);
  const counted = await rows(
    conn,
    `SELECT CAST(${col} AS VARCHAR), count(*) FROM ${view} WHERE ${col} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${num(TOP_VALUES + 1)}`,
  );
  const shown = counted.slice(0, TOP_VALUES).map((r) => {
    const v = String(r[0]);
    const cut = v.length > MAX_VALUE_CHARS;
    return { value: cut ? v.slice(0, MAX_VALUE_CHARS) : v, count: Number(r[1]), ...(cut ? { cut } : {}) };
  });
  return { kind: 'top', values: shown, more: counted.length > TOP_VALUES };
}

/** The distribution of one column of `view` (a relation name the engine made), or null when it has no values. */
export function columnDistribution(
  conn: DuckDBConnection,
  view: string,
  name: string,
  type: string,
): Promise<ColumnDistributionData | null> {
  if (INTEGER.test(type)) return numeric(conn, view, name, true);
  if (FRACTIONAL.test(type)) return numeric(conn, view, name, false);
  if (TEMPORAL.test(type)) return temporal(conn, view, name, type);
  return topValues(conn, view, name);
}
