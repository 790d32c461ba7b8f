import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureNode, type Measurement } from './child';
import { BIN, DATA_ROOT, ROOT } from './paths';
import { megabytes, seconds, table, verdict } from './report';

/**
 * The connectors section: 10M orders rows PostgreSQL → Parquet and Parquet →
 * PostgreSQL through `duto run` (child processes: wall time and peak RSS),
 * beside psql's `\copy` to and from CSV as the floor, in the same run.
 * Targets: within 2× of `\copy`, peak RSS under 1 GB.
 *
 * The server: PostgreSQL on 127.0.0.1:5432 as user postgres, database test
 * (or DUTO_BENCH_PG_HOST/PORT/USER/DATABASE). A schema `duto_bench` is made and dropped.
 */

const TARGET_RATIO = 2;
const TARGET_RSS = 1024 * 1024 * 1024;
const SCHEMA = 'duto_bench';

export const pg = {
  host: process.env['DUTO_BENCH_PG_HOST'] ?? '127.0.0.1',
  port: Number(process.env['DUTO_BENCH_PG_PORT'] ?? 5432),
  user: process.env['DUTO_BENCH_PG_USER'] ?? 'postgres',
  database: process.env['DUTO_BENCH_PG_DATABASE'] ?? 'test',
};

export function psql(command: string): number {
  const started = performance.now();
  const r = spawnSync(
    'psql',
    [
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      pg.host,
      '-p',
      String(pg.port),
      '-U',
      pg.user,
      '-d',
      pg.database,
      '-c',
      command,
    ],
    { encoding: 'utf8' },
  );
  if (r.error !== undefined)
    throw new Error(`psql could not run (${r.error.message}); the connectors benchmark needs the psql client`);
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr.trim()}`);
  return performance.now() - started;
}

export function psqlValue(sql: string): string {
  const r = spawnSync(
    'psql',
    ['-X', '-At', '-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-d', pg.database, '-c', sql],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

export const ORDERS = `order_id bigint, customer_id integer, ordered_at timestamp, status text, quantity integer, unit_price numeric(10,2), discount numeric(4,2)`;

export function pipeline(file: string, nodes: unknown[]): void {
  writeFileSync(file, `${JSON.stringify({ format: 'duto.pipeline', version: 1, nodes }, null, 2)}\n`);
}

async function parquetSummary(file: string): Promise<string> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const r = await con.runAndReadAll(
      `SELECT count(*) || ' rows, sum(unit_price) ' || sum(unit_price) FROM read_parquet('${file.replaceAll("'", "''")}')`,
    );
    return String(r.getRowsJson()[0]?.[0] ?? '');
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

export async function runConnectorsBench(rows: number, dataDir: string): Promise<void> {
  const out = join(DATA_ROOT, 'out-connectors');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const csv = join(dataDir, 'orders.csv');
  writeFileSync(
    join(out, 'duto.connections.json'),
    `${JSON.stringify({ format: 'duto.connections', version: 1, connections: { warehouse: { kind: 'postgres', ...pg } } }, null, 2)}\n`,
  );
  const toParquet = join(out, 'pg-to-parquet.duto.json');
  const toPg = join(out, 'parquet-to-pg.duto.json');
  pipeline(toParquet, [
    { id: 'orders', type: 'source.postgres', params: { connection: 'warehouse', schema: SCHEMA, table: 'orders' } },
    { id: 'file', type: 'sink.parquet', inputs: { in: 'orders' }, params: { path: 'orders.parquet' } },
  ]);
  pipeline(toPg, [
    { id: 'file', type: 'source.parquet', params: { path: 'orders.parquet' } },
    {
      id: 'table',
      type: 'sink.postgres',
      inputs: { in: 'file' },
      params: { connection: 'warehouse', schema: SCHEMA, table: 'orders_duto', mode: 'replace' },
    },
  ]);

  console.log(
    `Connectors benchmark: ${rows.toLocaleString('en-US')} orders rows, PostgreSQL ${psqlValue('SHOW server_version')} at ${pg.host}:${pg.port}`,
  );
  psql(
    `DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}; CREATE TABLE ${SCHEMA}.orders (${ORDERS}); CREATE TABLE ${SCHEMA}.orders_copy (${ORDERS})`,
  );
  try {
    // Floors: psql's client-side COPY, CSV in and out.
    const copyIn = psql(`\\copy ${SCHEMA}.orders FROM '${csv}' WITH (FORMAT csv, HEADER true)`);
    psql(`VACUUM ANALYZE ${SCHEMA}.orders`);
    const copyOut = psql(`\\copy ${SCHEMA}.orders TO '${join(out, 'floor.csv')}' WITH (FORMAT csv, HEADER true)`);
    rmSync(join(out, 'floor.csv'), { force: true });
    // The floor for loading runs into an existing empty table, as \copy needs one.
    const copyInAgain = psql(`\\copy ${SCHEMA}.orders_copy FROM '${csv}' WITH (FORMAT csv, HEADER true)`);

    const read: Measurement = await measureNode([BIN, 'run', toParquet, '--force', '--trust'], ROOT);
    const parquet = await parquetSummary(join(out, 'orders.parquet'));
    const written: Measurement = await measureNode([BIN, 'run', toPg, '--force', '--trust'], ROOT);
    const loaded = psqlValue(
      `SELECT count(*) || ' rows, sum(unit_price) ' || sum(unit_price) FROM ${SCHEMA}.orders_duto`,
    );
    const expected = psqlValue(`SELECT count(*) || ' rows, sum(unit_price) ' || sum(unit_price) FROM ${SCHEMA}.orders`);

    const floorIn = Math.min(copyIn, copyInAgain);
    const rate = (ms: number): string => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;
    console.log('');
    console.log(
      `Through \`duto run\` (child processes: wall time from spawn to exit; peak RSS = the child's maxRSS); floor = psql \\copy, same run`,
    );
    console.log(
      table([
        ['', 'duto', 'rows/s', 'peak RSS', 'psql \\copy', 'ratio', 'target', ''],
        [
          'PostgreSQL → Parquet',
          seconds(read.wallMs),
          rate(read.wallMs),
          megabytes(read.peakRss),
          `${seconds(copyOut)} (to CSV)`,
          `${(read.wallMs / copyOut).toFixed(2)}×`,
          `≤ ${TARGET_RATIO}×, < 1 GB`,
          verdict(read.wallMs / copyOut <= TARGET_RATIO && read.peakRss < TARGET_RSS),
        ],
        [
          'Parquet → PostgreSQL',
          seconds(written.wallMs),
          rate(written.wallMs),
          megabytes(written.peakRss),
          `${seconds(floorIn)} (from CSV)`,
          `${(written.wallMs / floorIn).toFixed(2)}×`,
          `≤ ${TARGET_RATIO}×, < 1 GB`,
          verdict(written.wallMs / floorIn <= TARGET_RATIO && written.peakRss < TARGET_RSS),
        ],
      ]),
    );
    const parquetSize = statSync(join(out, 'orders.parquet')).size;
    console.log(
      `\nResult: source table ${expected}; Parquet file (${megabytes(parquetSize)}) ${parquet}; table loaded back ${loaded}  ${verdict(loaded === expected && parquet === expected)}`,
    );
  } finally {
    psql(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    rmSync(out, { recursive: true, force: true });
  }
}
