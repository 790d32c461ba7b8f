import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';

/**
 * The canonical benchmark data at 10,000 orders (orders.csv, customers.csv),
 * copied into `dir`: examples/orders-report/data holds exactly what
 * ../shared/bench/gen-data.mjs writes for 10,000 rows.
 */
export function copyCanonicalData(dir: string): string {
  cpSync(join(ROOT, 'examples', 'orders-report', 'data'), dir, { recursive: true });
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
