import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { measureNode } from './child';
import { ORDERS, pg, pipeline, psql, psqlValue } from './connectors';
import { BIN, CANONICAL, DATA_ROOT, ROOT } from './paths';
import { megabytes, seconds, table, verdict } from './report';

/**
 * The pushdown section: the canonical pipeline over orders and customers
 * tables in PostgreSQL, run pulled (`duto run --no-pushdown`) and pushed down (`duto run
 * --pushdown`) in the same run, child processes (wall time, peak RSS), and
 * the two outputs compared. Schema `duto_bench_push` is made and dropped.
 */

const SCHEMA = 'duto_bench_push';
const CUSTOMERS = 'customer_id integer, name text, country text, segment text, signup_date date';
const nodesOf = z.object({ nodes: z.array(z.object({ id: z.string() }).passthrough()) });

/** The output's groups and totals, and a digest of every value and type (so a last bit or a scale counts). */
export async function outputSummary(file: string): Promise<string> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const from = `read_parquet('${file.replaceAll("'", "''")}')`;
  try {
    const r = await con.runAndReadAll(
      `SELECT count(*) || ' groups, revenue ' || round(sum(revenue), 2) || ', orders ' || sum(orders) || ', digest ' || left(md5(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY country, segment, month)), 12) FROM ${from} AS t`,
    );
    const types = await con.runAndReadAll(`SELECT string_agg(column_type, ',') FROM (DESCRIBE SELECT * FROM ${from})`);
    return `${String(r.getRowsJson()[0]?.[0] ?? '')}, types ${String(types.getRowsJson()[0]?.[0] ?? '')}`;
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

export async function runPushdownBench(rows: number, dataDir: string): Promise<void> {
  const out = join(DATA_ROOT, 'out-pushdown');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'duto.connections.json'),
    `${JSON.stringify({ format: 'duto.connections', version: 1, connections: { warehouse: { kind: 'postgres', ...pg } } }, null, 2)}\n`,
  );
  const canonical = nodesOf.parse(JSON.parse(readFileSync(CANONICAL, 'utf8')));
  const file = join(out, 'canonical-pg.duto.json');
  pipeline(
    file,
    canonical.nodes.map((n) =>
      n.id === 'orders' || n.id === 'customers'
        ? { id: n.id, type: 'source.postgres', params: { connection: 'warehouse', schema: SCHEMA, table: n.id } }
        : n.id === 'report'
          ? { ...n, params: { path: 'out.parquet' } }
          : n,
    ),
  );
  console.log(
    `Pushdown benchmark: ${rows.toLocaleString('en-US')} orders rows in PostgreSQL ${psqlValue('SHOW server_version')} at ${pg.host}:${pg.port}`,
  );
  psql(
    `DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}; CREATE TABLE ${SCHEMA}.orders (${ORDERS}); CREATE TABLE ${SCHEMA}.customers (${CUSTOMERS})`,
  );
  try {
    psql(`\\copy ${SCHEMA}.orders FROM '${join(dataDir, 'orders.csv')}' WITH (FORMAT csv, HEADER true)`);
    psql(`\\copy ${SCHEMA}.customers FROM '${join(dataDir, 'customers.csv')}' WITH (FORMAT csv, HEADER true)`);
    psql(`VACUUM ANALYZE ${SCHEMA}.orders`);
    psql(`VACUUM ANALYZE ${SCHEMA}.customers`);
    const pulled = await measureNode([BIN, 'run', file, '--force', '--trust', '--no-pushdown'], ROOT);
    const pulledOut = await outputSummary(join(out, 'out.parquet'));
    const pushed = await measureNode([BIN, 'run', file, '--force', '--trust', '--pushdown'], ROOT);
    const pushedOut = await outputSummary(join(out, 'out.parquet'));
    const explained = spawnSync(process.execPath, [BIN, 'explain', file, '--trust'], { cwd: ROOT, encoding: 'utf8' });
    console.log(`\nduto explain:\n${explained.stdout}${explained.stderr}`);
    console.log('');
    console.log(
      table([
        ['', 'wall time', 'peak RSS'],
        ['pulled (duto run --no-pushdown)', seconds(pulled.wallMs), megabytes(pulled.peakRss)],
        ['pushed (duto run --pushdown)', seconds(pushed.wallMs), megabytes(pushed.peakRss)],
      ]),
    );
    console.log(
      `\nResult pulled: ${pulledOut}; pushed: ${pushedOut}  ${verdict(pulledOut === pushedOut && pulledOut !== '')}`,
    );
  } finally {
    psql(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    rmSync(out, { recursive: true, force: true });
  }
}
