-- The expected output, computed by hand-written DuckDB SQL (not by Duto):
-- the floor statement of shared/bench/README.md. Run from this example's folder.
COPY (
  WITH orders AS (SELECT * FROM read_csv_auto('data/orders.csv')),
       customers AS (SELECT * FROM read_csv_auto('data/customers.csv')),
       paid AS (SELECT *, quantity * unit_price * (1 - coalesce(discount, 0)) AS revenue,
                       date_trunc('month', ordered_at) AS month
                FROM orders WHERE status = 'paid')
  SELECT c.country, c.segment, p.month, count(*) AS orders, sum(p.revenue) AS revenue, avg(p.revenue) AS avg_ticket
  FROM paid p JOIN customers c USING (customer_id)
  GROUP BY ALL ORDER BY country, segment, month
) TO 'expected/orders-report.csv' (FORMAT csv, HEADER);
