import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GEN_DATA } from './paths';

/** The canonical benchmark data (orders.csv, customers.csv) for `rows` orders, generated into `dir`. */
export function generateCanonicalData(dir: string, rows: number): string {
  if (!existsSync(GEN_DATA)) throw new Error(`the data generator is missing: ${GEN_DATA}`);
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, [GEN_DATA, dir, String(rows)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gen-data.mjs failed: ${r.stderr}`);
  return dir;
}

/** The canonical pipeline hand-written as one DuckDB query (../shared/bench/README.md), sorted like the pipeline's output. */
export function canonicalQuery(dataDir: string): string {
  const csv = (name: string): string => `'${join(dataDir, name).replace(/'/g, "''")}'`;
  return `
    WITH orders AS (SELECT * FROM read_csv_auto(${csv('orders.csv')})),
         customers AS (SELECT * FROM read_csv_auto(${csv('customers.csv')})),
         paid AS (SELECT *, quantity * unit_price * (1 - coalesce(discount, 0)) AS revenue,
                         date_trunc('month', ordered_at) AS month
                  FROM orders WHERE status = 'paid')
    SELECT c.country, c.segment, p.month, count(*) AS orders, sum(p.revenue) AS revenue, avg(p.revenue) AS avg_ticket
    FROM paid p JOIN customers c USING (customer_id)
    GROUP BY ALL ORDER BY country, segment, month`;
}
