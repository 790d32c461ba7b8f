-- The expected output, computed by hand-written DuckDB SQL (not by Duto). Run from this example's folder.
COPY (
  WITH raw AS (SELECT * FROM read_csv('data/customers.csv', header = true, all_varchar = true)),
       tidy AS (
         SELECT CAST(trim(customer_id) AS INTEGER) AS customer_id,
                coalesce(nullif(trim(name), ''), '(unknown)') AS name,
                nullif(lower(trim(email)), '') AS email,
                coalesce(nullif(upper(trim(country)), ''), 'XX') AS country,
                TRY_CAST(nullif(trim(age), '') AS INTEGER) AS age,
                coalesce(TRY_CAST(nullif(replace(trim(balance), ',', ''), '') AS DECIMAL(12,2)), 0) AS balance,
                CAST(updated_at AS TIMESTAMP) AS updated_at
         FROM raw)
  SELECT * FROM tidy
  QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY updated_at DESC) = 1
  ORDER BY customer_id
) TO 'expected/customers-clean.csv' (FORMAT csv, HEADER);
