import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { measureNode, type Measurement } from './child';
import { pipeline } from './connectors';
import { BIN, CANONICAL, DATA_ROOT, ROOT } from './paths';
import { outputSummary } from './pushdown';
import { megabytes, seconds, table, verdict } from './report';

/**
 * The pushdown section's ClickHouse rows: the same orders and customers in
 * Distributed tables of the two-shard cluster on loopback
 * (scripts/clickhouse-cluster.sh; rows split by id parity), the canonical
 * pipeline run pulled (`--no-pushdown`) and pushed (`--pushdown`), child
 * processes (wall time, peak RSS), outputs compared. ClickHouse 18 has no
 * naive timestamp, so `date_trunc('month', ordered_at)` (a TIMESTAMP in
 * DuckDB) stays local and only the filter is pushed; the same pipeline
 * grouping by the order's day (a Date) is pushed entirely. Database
 * `duto_bench_ch` is made on both shards and dropped.
 */

const SHARDS = [8123, 8124] as const;
const DB = 'duto_bench_ch';
const nodesOf = z.object({ nodes: z.array(z.object({ id: z.string(), params: z.unknown() }).passthrough()) });

/** One statement on one shard over HTTP (`file`: the data of an INSERT), or an error with the server's words. */
function ch(sql: string, port: number, file?: string): string {
  const url = `http://127.0.0.1:${String(port)}/?query=${encodeURIComponent(sql)}`;
  const r = spawnSync('curl', ['-sS', '--fail-with-body', url, '--data-binary', file === undefined ? '' : `@${file}`], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`ClickHouse: ${r.stdout}${r.stderr}`.trim());
  return r.stdout.trim();
}

function clusterUp(): boolean {
  try {
    return SHARDS.every((p) => ch("SELECT count() FROM system.clusters WHERE cluster = 'duto_2shards'", p) !== '0');
  } catch {
    return false;
  }
}

/** The CSVs as TSV per shard (the order's day beside its time, NULL as \N), loaded into each shard's local tables. */
async function load(dataDir: string, work: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const csv = (f: string): string => `'${join(dataDir, f).replaceAll("'", "''")}'`;
  try {
    for (const [s, port] of SHARDS.entries()) {
      const orders = join(work, `orders${String(s)}.tsv`);
      const customers = join(work, `customers${String(s)}.tsv`);
      await con.run(`COPY (SELECT order_id, customer_id, strftime(ordered_at, '%Y-%m-%d %H:%M:%S'), CAST(ordered_at AS DATE),
          status, quantity, unit_price, coalesce(CAST(discount AS VARCHAR), '\\N')
        FROM read_csv(${csv('orders.csv')}, header = true, columns = {'order_id': 'BIGINT', 'customer_id': 'INTEGER',
          'ordered_at': 'TIMESTAMP', 'status': 'VARCHAR', 'quantity': 'INTEGER', 'unit_price': 'DECIMAL(10,2)', 'discount': 'DECIMAL(4,2)'})
        WHERE order_id % 2 = ${String(s)}) TO '${orders}' (DELIMITER '\t', HEADER false, QUOTE '')`);
      await con.run(`COPY (SELECT * FROM read_csv(${csv('customers.csv')}, header = true, columns = {'customer_id': 'INTEGER',
          'name': 'VARCHAR', 'country': 'VARCHAR', 'segment': 'VARCHAR', 'signup_date': 'DATE'})
        WHERE customer_id % 2 = ${String(s)}) TO '${customers}' (DELIMITER '\t', HEADER false, QUOTE '')`);
      ch(`INSERT INTO ${DB}.orders_local FORMAT TabSeparated`, port, orders);
      ch(`INSERT INTO ${DB}.customers_local FORMAT TabSeparated`, port, customers);
      rmSync(orders);
      rmSync(customers);
    }
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

function create(): void {
  for (const port of SHARDS) {
    ch(`DROP DATABASE IF EXISTS ${DB}`, port);
    ch(`CREATE DATABASE ${DB}`, port);
    ch(
      `CREATE TABLE ${DB}.orders_local (order_id Int64, customer_id Int32, ordered_at DateTime, ordered_on Date, status String,
        quantity Int32, unit_price Decimal(10,2), discount Nullable(Decimal(4,2))) ENGINE = MergeTree ORDER BY order_id`,
      port,
    );
    ch(
      `CREATE TABLE ${DB}.customers_local (customer_id Int32, name String, country String, segment String, signup_date Date)
        ENGINE = MergeTree ORDER BY customer_id`,
      port,
    );
  }
  for (const t of ['orders', 'customers'])
    ch(`CREATE TABLE ${DB}.${t} AS ${DB}.${t}_local ENGINE = Distributed(duto_2shards, ${DB}, ${t}_local)`, SHARDS[0]);
}

/** The canonical pipeline over the ClickHouse tables; `month` as the canonical's or as `period`. */
function write(file: string, period?: string): void {
  const canonical = nodesOf.parse(JSON.parse(readFileSync(CANONICAL, 'utf8')));
  pipeline(
    file,
    canonical.nodes.map((n) => {
      if (n.id === 'orders' || n.id === 'customers')
        return { id: n.id, type: 'source.clickhouse', params: { connection: 'lake', table: n.id } };
      if (n.id === 'report') return { ...n, params: { path: 'out.parquet' } };
      if (n.id === 'with_revenue' && period !== undefined) {
        const p = z
          .object({ columns: z.array(z.object({ name: z.string(), expression: z.string() })) })
          .parse(n.params);
        return {
          ...n,
          params: { columns: p.columns.map((c) => (c.name === 'month' ? { ...c, expression: period } : c)) },
        };
      }
      return n;
    }),
  );
}

export async function runClickhousePushdownBench(rows: number, dataDir: string): Promise<void> {
  if (!clusterUp()) {
    console.log(
      '\nClickHouse pushdown skipped: no two-shard cluster on 127.0.0.1:8123/8124 (scripts/clickhouse-cluster.sh start)',
    );
    return;
  }
  const out = join(DATA_ROOT, 'out-pushdown-ch');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'duto.connections.json'),
    `${JSON.stringify({ format: 'duto.connections', version: 1, connections: { lake: { kind: 'clickhouse', host: '127.0.0.1', port: SHARDS[0], database: DB } } }, null, 2)}\n`,
  );
  console.log(
    `\nClickHouse pushdown: ${rows.toLocaleString('en-US')} orders rows in a Distributed table over 2 shards (ClickHouse ${ch('SELECT version()', SHARDS[0])})`,
  );
  create();
  try {
    await load(dataDir, out);
    const counts = SHARDS.map((p) => ch(`SELECT count() FROM ${DB}.orders_local`, p));
    console.log(`orders per shard: ${counts.join(' + ')}`);
    const lines: string[][] = [['', 'pulled (--no-pushdown)', 'pushed (--pushdown)', 'same output']];
    for (const [name, period] of [
      ['canonical (month of a DateTime: all pushed, DuckDB in UTC)', undefined],
      ['by day (ordered_on, a Date: all pushed)', 'ordered_on'],
    ] as const) {
      const file = join(out, `canonical-ch-${period ?? 'month'}.duto.json`);
      write(file, period);
      const explained = spawnSync(process.execPath, [BIN, 'explain', file, '--trust'], { cwd: ROOT, encoding: 'utf8' });
      console.log(`\nduto explain (${name}):\n${explained.stdout}${explained.stderr}`);
      const runOnce = async (flag: string): Promise<[Measurement, string]> => {
        const m = await measureNode([BIN, 'run', file, '--force', '--trust', flag], ROOT);
        return [m, await outputSummary(join(out, 'out.parquet'))];
      };
      const [pulled, pulledOut] = await runOnce('--no-pushdown');
      const [pushed, pushedOut] = await runOnce('--pushdown');
      console.log(`result pulled: ${pulledOut}\nresult pushed: ${pushedOut}`);
      const cell = (m: Measurement): string => `${seconds(m.wallMs)}, ${megabytes(m.peakRss)}`;
      lines.push([name, cell(pulled), cell(pushed), verdict(pulledOut === pushedOut && pulledOut !== '')]);
    }
    console.log(`\n${table(lines)}`);
  } finally {
    for (const port of SHARDS) ch(`DROP DATABASE IF EXISTS ${DB}`, port);
    rmSync(out, { recursive: true, force: true });
  }
}
