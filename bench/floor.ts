import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { str } from '../shared/sql/quote';

/** The floor: the canonical pipeline as one hand-written DuckDB statement (shared/bench/README.md). */
export function floorStatement(dataDir: string, out: string): string {
  return `COPY (
  WITH orders AS (SELECT * FROM read_csv_auto(${str(join(dataDir, 'orders.csv'))})),
       customers AS (SELECT * FROM read_csv_auto(${str(join(dataDir, 'customers.csv'))})),
       paid AS (SELECT *, quantity * unit_price * (1 - coalesce(discount, 0)) AS revenue,
                       date_trunc('month', ordered_at) AS month
                FROM orders WHERE status = 'paid')
  SELECT c.country, c.segment, p.month, count(*) AS orders, sum(p.revenue) AS revenue, avg(p.revenue) AS avg_ticket
  FROM paid p JOIN customers c USING (customer_id)
  GROUP BY ALL ORDER BY country, segment, month
) TO ${str(out)} (FORMAT parquet);`;
}

/** Runs in the floor child process: `node dist/bench/run.js --floor-child DATA_DIR OUT`. */
export async function runFloor(dataDir: string, out: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(floorStatement(dataDir, out));
  con.closeSync();
  db.closeSync();
}
