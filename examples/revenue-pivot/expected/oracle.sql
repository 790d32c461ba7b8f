-- The expected output, computed by hand-written DuckDB SQL (not by Duto). Run from this example's folder.
COPY (
  WITH paid AS (SELECT *, quantity * unit_price * (1 - coalesce(discount, 0)) AS revenue,
                       strftime(ordered_at, '%Y-%m') AS month
                FROM read_csv_auto('data/orders.csv') WHERE status = 'paid'),
       joined AS (SELECT p.month, p.revenue, c.country, c.segment
                  FROM paid p JOIN read_csv_auto('data/customers.csv') c USING (customer_id)),
       pivoted AS (PIVOT joined ON segment IN ('consumer', 'corporate', 'home office', 'small business')
                   USING sum(revenue) GROUP BY country, month)
  SELECT country, month, round(consumer, 2) AS consumer, round(corporate, 2) AS corporate,
         round("home office", 2) AS "home office", round("small business", 2) AS "small business"
  FROM pivoted ORDER BY country, month
) TO 'expected/revenue-by-segment.csv' (FORMAT csv, HEADER);
