import { DuckDBInstance } from '@duckdb/node-api';
const D='/work/main/bench/data/10000000';
const db = await DuckDBInstance.create(':memory:'); const c = await db.connect();
const t = async (label, sql) => { const s = performance.now(); await c.run(sql); console.log(label.padEnd(40), ((performance.now()-s)/1000).toFixed(2),'s'); };
const rest = (src) => `COPY (WITH paid AS (SELECT *, quantity * unit_price * (1 - coalesce(discount, 0)) AS revenue, date_trunc('month', ordered_at) AS month FROM ${src} WHERE status = 'paid')
  SELECT c.country, c.segment, p.month, count(*) AS orders, sum(p.revenue) AS revenue, avg(p.revenue) AS avg_ticket
  FROM paid p JOIN read_csv_auto('${D}/customers.csv') c USING (customer_id) GROUP BY ALL ORDER BY country, segment, month) TO '/tmp/o.parquet' (FORMAT parquet)`;
const mode = process.argv[2];
if (mode==='floor') await t('floor', rest(`read_csv_auto('${D}/orders.csv')`));
if (mode==='parse') await t('parse only count', `CREATE TEMP TABLE x AS SELECT count(*) FROM read_csv_auto('${D}/orders.csv')`);
if (mode==='mem') { await t('parse into temp table', `CREATE TEMP TABLE o AS SELECT * FROM read_csv_auto('${D}/orders.csv')`); await t('rest from table', rest('o')); }
for (const comp of ['uncompressed','snappy','zstd','lz4']) if (mode===comp) { await t('parse+write parquet '+comp, `COPY (SELECT * FROM read_csv_auto('${D}/orders.csv')) TO '/tmp/c.parquet' (FORMAT parquet, COMPRESSION ${comp})`); await t('rest from parquet', rest(`read_parquet('/tmp/c.parquet')`)); }
if (mode==='duck') { await t('attach', `ATTACH '/tmp/c.duckdb' AS k`); await t('parse+write duckdb', `CREATE OR REPLACE TABLE k.o AS SELECT * FROM read_csv_auto('${D}/orders.csv')`); await t('checkpoint', 'CHECKPOINT k'); await t('rest from duckdb', rest('k.o')); }
