import type { DuckDBConnection } from '@duckdb/node-api';
import { ident } from '../../../shared/sql/quote';
import { readOne } from '../walls/one-statement';

/**
 * The summary row of each column of a profile — what DuckDB's SUMMARIZE
 * gives — in one pass over the whole output, plus quartiles over at most
 * {@link QUANTILE_ROWS} evenly spaced rows. SUMMARIZE itself computes its
 * approximate quartiles and statistics column by column and took 25 s over
 * the 10M-row join of the canonical pipeline where this takes a few: the
 * quartiles of 200,000 evenly spaced rows are within a fraction of a
 * percentile of the whole's, and exact up to that many rows. `table` must be
 * a table (its rowid spaces the rows).
 */

export const QUANTILE_ROWS = 200_000;

export interface ColumnSummary {
  name: string;
  type: string;
  min: unknown;
  max: unknown;
  distinct: number;
  nullPercent: number;
  avg: unknown;
  std: unknown;
  q25: unknown;
  median: unknown;
  q75: unknown;
}

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\))$/;
const TEMPORAL = /^(DATE|TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMESTAMP WITH TIME ZONE)$/;

export async function summarizeTable(
  conn: DuckDBConnection,
  table: string,
): Promise<{ rows: number; columns: ColumnSummary[] }> {
  const described = (await readOne(conn, `DESCRIBE SELECT * FROM ${table}`))
    .getRowsJson()
    .map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  const whole: string[] = ['count(*)'];
  for (const { name, type } of described) {
    const c = ident(name);
    const numeric = NUMERIC.test(type);
    const averaged = numeric || TEMPORAL.test(type);
    whole.push(
      `min(${c})::VARCHAR`,
      `max(${c})::VARCHAR`,
      `approx_count_distinct(${c})`,
      `count(${c})`,
      averaged ? `avg(${c})::VARCHAR` : 'NULL',
      numeric ? `stddev_samp(${c})::VARCHAR` : 'NULL',
    );
  }
  const totals = (await readOne(conn, `SELECT ${whole.join(', ')} FROM ${table}`)).getRowsJson()[0] ?? [];
  const rows = Number(totals[0] ?? 0);
  const ranked = described.filter((c) => NUMERIC.test(c.type) || TEMPORAL.test(c.type));
  const quartiles = new Map<string, unknown[]>();
  if (ranked.length > 0 && rows > 0) {
    const step = Math.max(1, Math.ceil(rows / QUANTILE_ROWS));
    const q = ranked.map((c) => `quantile_disc(${ident(c.name)}, [0.25, 0.5, 0.75])::VARCHAR[]`);
    const spaced = step === 1 ? table : `(SELECT * FROM ${table} WHERE rowid % ${String(step)} = 0)`;
    const got = (await readOne(conn, `SELECT ${q.join(', ')} FROM ${spaced}`)).getRowsJson()[0] ?? [];
    ranked.forEach((c, i) => {
      const v = got[i];
      if (Array.isArray(v)) quartiles.set(c.name, v);
    });
  }
  const columns = described.map((c, i) => {
    const at = (k: number): unknown => totals[1 + i * 6 + k] ?? null;
    const present = Number(at(3) ?? 0);
    const q = quartiles.get(c.name);
    return {
      ...c,
      min: at(0),
      max: at(1),
      distinct: Number(at(2) ?? 0),
      nullPercent: rows === 0 ? 0 : Math.round(((rows - present) / rows) * 10_000) / 100,
      avg: at(4),
      std: at(5),
      q25: q?.[0] ?? null,
      median: q?.[1] ?? null,
      q75: q?.[2] ?? null,
    };
  });
  return { rows, columns };
}
