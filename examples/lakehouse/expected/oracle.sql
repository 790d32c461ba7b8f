-- The expected output, computed by hand-written DuckDB SQL (not by Duto). Run from this example's folder.
-- Version 0 of lake/sales holds exactly data/sales-jan.csv (the table was created from it).
COPY (
  SELECT region, count(*) AS sales, sum(amount) AS revenue
  FROM read_csv_auto('data/sales-jan.csv') GROUP BY region ORDER BY region
) TO 'expected/january-by-region.csv' (FORMAT csv, HEADER);
