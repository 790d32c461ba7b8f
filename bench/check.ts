import { DuckDBInstance } from '@duckdb/node-api';
import { str } from '../shared/sql/quote';

/** The README's correct result at 10,000,000 rows. */
export const KNOWN_10M = { rows: 525, revenue: 5856667499.92, orders: 5074436 };

export interface Totals {
  rows: number;
  revenue: number;
  orders: number;
}

async function totals(con: Awaited<ReturnType<DuckDBInstance['connect']>>, file: string): Promise<Totals> {
  const r = await con.runAndReadAll(
    `SELECT count(*)::DOUBLE AS n, round(sum(revenue), 2)::DOUBLE AS revenue, sum(orders)::DOUBLE AS orders FROM read_parquet(${str(file)})`,
  );
  const row = r.getRows()[0] ?? [];
  return { rows: Number(row[0]), revenue: Number(row[1]), orders: Number(row[2]) };
}

export interface CheckResult {
  ok: boolean;
  message: string;
  duto: Totals;
}

/**
 * Checks Duto's output: against the README's figures at 10M rows, and
 * against the floor's output (same rows, keys and counts, revenue within
 * rounding) at every size.
 */
export async function checkResult(rows: number, dutoFile: string, floorFile: string): Promise<CheckResult> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const duto = await totals(con, dutoFile);
    const floor = await totals(con, floorFile);
    const diff = await con.runAndReadAll(`
      WITH d AS (SELECT row_number() OVER () AS i, * FROM read_parquet(${str(dutoFile)})),
           f AS (SELECT row_number() OVER () AS i, * FROM read_parquet(${str(floorFile)}))
      SELECT count(*) FROM d FULL JOIN f USING (i)
      WHERE d.country IS DISTINCT FROM f.country OR d.segment IS DISTINCT FROM f.segment OR d.month IS DISTINCT FROM f.month
         OR d.orders IS DISTINCT FROM f.orders OR abs(d.revenue - f.revenue) > 1e-6 * greatest(1, abs(f.revenue))
         OR abs(d.avg_ticket - f.avg_ticket) > 1e-6 * greatest(1, abs(f.avg_ticket))`);
    const mismatched = Number(diff.getRows()[0]?.[0] ?? -1);
    const problems: string[] = [];
    if (duto.rows !== floor.rows) problems.push(`${duto.rows} rows, the floor has ${floor.rows}`);
    if (mismatched !== 0) problems.push(`${mismatched} rows differ from the floor's output`);
    if (rows === 10_000_000) {
      if (duto.rows !== KNOWN_10M.rows) problems.push(`${duto.rows} rows, expected ${KNOWN_10M.rows}`);
      if (Math.abs(duto.revenue - KNOWN_10M.revenue) > 0.005)
        problems.push(`sum(revenue) ${duto.revenue.toFixed(2)}, expected ${KNOWN_10M.revenue.toFixed(2)}`);
      if (duto.orders !== KNOWN_10M.orders) problems.push(`sum(orders) ${duto.orders}, expected ${KNOWN_10M.orders}`);
    }
    const figures = `${duto.rows} rows, sum(revenue) ${duto.revenue.toFixed(2)}, sum(orders) ${duto.orders}`;
    const against = rows === 10_000_000 ? "the README's figures and the floor's output" : "the floor's output";
    return {
      ok: problems.length === 0,
      message: problems.length === 0 ? `${figures}: matches ${against}` : `${figures}: ${problems.join('; ')}`,
      duto,
    };
  } finally {
    con.closeSync();
    db.closeSync();
  }
}
