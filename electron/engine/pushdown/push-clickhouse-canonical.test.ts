import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSession } from '../api';
import { openPipeline } from '../index';
import { join } from 'node:path';
import { str } from '../../../shared/sql/quote';
import { duck, freshDir } from '../test-support';
import { doc, type NodeSpec } from '../connectors/test-databases';
import {
  SHARDS,
  SKIP_MESSAGE,
  chConnections,
  chDatabase,
  chQuery,
  clusterUp,
} from '../connectors/clickhouse/ch-test-cluster';
import { explainText } from './explain-pushdown';
import { planPushdown, pushedDocument, type PushdownSplit } from './plan-pushdown';
import { nodePlacement } from './pushed-run';

/*
 * The benchmark's canonical pipeline (filter → derive → join → aggregate →
 * sort over orders and customers, shared/bench) over Distributed tables whose
 * rows are split across both shards: pushed down into ClickHouse it gives
 * the columns, types and values DuckDB computes pulling the tables. And a
 * cancelled pushed query stops on the server (KILL QUERY by its query_id).
 */

const up = await clusterUp();
if (!up) console.warn(SKIP_MESSAGE);

let db: { name: string; drop: () => Promise<void> };
let conn: DuckDBConnection;
const sessions: PipelineSession[] = [];
const open = async (d: ReturnType<typeof doc>, baseDir = freshDir()): Promise<PipelineSession> => {
  const s = await openPipeline(d, { trust: 'trusted', baseDir, connections: chConnections(db.name), threads: 2 });
  sessions.push(s);
  return s;
};
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

const ORDERS = 40_000;
const CUSTOMERS = 400;

/** Rows as the benchmark's generator makes them (deterministic), order i on shard i % 2. */
async function load(): Promise<void> {
  const local = (t: string): string => `${db.name}.${t}_local`;
  for (const port of SHARDS) {
    await chQuery(
      `CREATE TABLE ${local('orders')} (order_id Int64, customer_id Int64, ordered_at DateTime, ordered_on Date, status String,
        quantity Int32, unit_price Decimal(10,2), discount Nullable(Decimal(4,2))) ENGINE = MergeTree ORDER BY order_id`,
      port,
    );
    await chQuery(
      `CREATE TABLE ${local('customers')} (customer_id Int64, name String, country String, segment String, signup_date Date)
        ENGINE = MergeTree ORDER BY customer_id`,
      port,
    );
  }
  for (const t of ['orders', 'customers'])
    await chQuery(
      `CREATE TABLE ${db.name}.${t} AS ${local(t)} ENGINE = Distributed(duto_2shards, ${db.name}, ${t}_local)`,
    );
  for (const [s, port] of SHARDS.entries()) {
    await chQuery(
      `INSERT INTO ${local('orders')} SELECT number + 1, (cityHash64(number, 1) % ${String(CUSTOMERS)}) + 1,
        toDateTime(1704067200 + cityHash64(number, 2) % (730 * 86400), 'UTC') AS at, toDate(at),
        ['paid', 'paid', 'paid', 'refunded', 'pending', 'cancelled'][cityHash64(number, 3) % 6 + 1],
        toInt32(cityHash64(number, 4) % 9 + 1), toDecimal64(100 + cityHash64(number, 5) % 49900, 2) / 100,
        if(cityHash64(number, 6) % 5 = 0, NULL, toDecimal32(cityHash64(number, 7) % 30, 2) / 100)
        FROM numbers(${String(ORDERS)}) WHERE number % 2 = ${String(s)}`,
      port,
    );
    await chQuery(
      `INSERT INTO ${local('customers')} SELECT number + 1, concat('Customer ', toString(number + 1)),
        ['BR', 'PT', 'US', 'DE', 'FR', 'IN', 'JP', 'MX', 'AR', 'CA'][cityHash64(number, 8) % 10 + 1],
        ['consumer', 'corporate', 'home office', 'small business'][cityHash64(number, 9) % 4 + 1],
        toDate('2010-01-01') + cityHash64(number, 10) % 5000
        FROM numbers(${String(CUSTOMERS)}) WHERE number % 2 = ${String(s)}`,
      port,
    );
  }
}

beforeAll(async () => {
  if (!up) return;
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  db = await chDatabase();
  await load();
  await chQuery(
    `CREATE VIEW ${db.name}.slow AS SELECT number AS n FROM system.numbers WHERE sleepEachRow(0.00002) = 0 LIMIT 100000000`,
  );
}, 120_000);
afterAll(async () => {
  if (!up) return;
  conn.closeSync();
  await db.drop();
});

const table = (id: string): NodeSpec => ({ id, type: 'source.clickhouse', params: { connection: 'ch', table: id } });

/** The canonical pipeline, grouping by `period` (an expression of the order's date). */
function canonical(period: string): ReturnType<typeof doc> {
  return doc(
    table('orders'),
    table('customers'),
    { id: 'paid_orders', type: 'transform.filter', inputs: { in: 'orders' }, params: { condition: "status = 'paid'" } },
    {
      id: 'with_revenue',
      type: 'transform.derive',
      inputs: { in: 'paid_orders' },
      params: {
        columns: [
          { name: 'revenue', expression: 'quantity * unit_price * (1 - coalesce(discount, 0))' },
          { name: 'month', expression: period },
        ],
      },
    },
    {
      id: 'with_customer',
      type: 'transform.join',
      inputs: { left: 'with_revenue', right: 'customers' },
      params: { kind: 'inner', keys: [{ left: 'customer_id', right: 'customer_id' }] },
    },
    {
      id: 'by_month',
      type: 'transform.aggregate',
      inputs: { in: 'with_customer' },
      params: {
        groupBy: ['country', 'segment', 'month'],
        measures: [
          { function: 'count', column: '', as: 'orders' },
          { function: 'sum', column: 'revenue', as: 'revenue' },
          { function: 'avg', column: 'revenue', as: 'avg_ticket' },
        ],
      },
    },
    {
      id: 'sorted',
      type: 'transform.sort',
      inputs: { in: 'by_month' },
      params: { keys: [{ column: 'country' }, { column: 'segment' }, { column: 'month' }] },
    },
    { id: 'report', type: 'sink.parquet', inputs: { in: 'sorted' }, params: { path: 'out.parquet' } },
  );
}

async function splitOf(d: ReturnType<typeof doc>): Promise<PushdownSplit> {
  const s = await open(d);
  return planPushdown(conn, d, async (id) => (await s.schema(id)).columns);
}

/** The run's Parquet output: column types, and every row in the file's order (each value as DuckDB prints it). */
async function output(d: ReturnType<typeof doc>): Promise<{ columns: unknown; rows: unknown[] }> {
  const dir = freshDir();
  const r = await (await open(d, dir)).run();
  expect(r.diagnostics).toEqual([]);
  const file = str(join(dir, 'out.parquet'));
  return {
    columns: await duck(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${file})`),
    rows: await duck(`SELECT * FROM ${file}`),
  };
}

describe.skipIf(!up)('ClickHouse: the canonical pipeline over a Distributed table split across two shards', () => {
  it('runs entirely in ClickHouse and gives the columns, types and values DuckDB computes pulling', async () => {
    // The order's day (a Date): date_trunc gives a TIMESTAMP in DuckDB, which ClickHouse cannot give back.
    const d = canonical('ordered_on');
    const split = await splitOf(d);
    // Only the Parquet sink stays in DuckDB.
    expect(split.kept.map((k) => k.nodeId)).toEqual(['report']);
    // What the canvas badges say: "in ClickHouse", and the sink "in DuckDB" saying why.
    const placed = nodePlacement(split);
    expect(placed['with_customer']).toEqual({ target: 'ClickHouse' });
    expect(placed['report']).toMatchObject({ target: 'DuckDB', missed: { database: 'ClickHouse' } });
    expect(split.chains.map((c) => [c.target.label, c.nodes])).toEqual([
      ['ClickHouse', ['orders', 'paid_orders', 'with_revenue', 'customers', 'with_customer', 'by_month', 'sorted']],
    ]);
    const pushed = await output(pushedDocument(d, split));
    const pulled = await output(d);
    expect(pulled.columns).toEqual([
      ['country', 'VARCHAR'],
      ['segment', 'VARCHAR'],
      ['month', 'DATE'],
      ['orders', 'BIGINT'],
      ['revenue', 'DECIMAL(38,4)'],
      ['avg_ticket', 'DOUBLE'],
    ]);
    expect(pulled.rows.length).toBeGreaterThan(1000);
    expect(pushed).toEqual(pulled);
    // Both shards hold orders: the pushed query read two servers.
    const counts = await Promise.all(SHARDS.map((p) => chQuery(`SELECT count() FROM ${db.name}.orders_local`, p)));
    expect(counts.map(Number)).toEqual([ORDERS / 2, ORDERS / 2]);
  });

  it('with the month of a DateTime (an instant in DuckDB): all of it in ClickHouse where DuckDB truncates in UTC, with equal results', async () => {
    const d = canonical("date_trunc('month', ordered_at)");
    const split = await splitOf(d);
    const zone = String((await duck("SELECT current_setting('TimeZone')"))[0]?.[0]);
    if (/^(Etc\/)?(UTC|UCT|GMT|Universal|Zulu)$/.test(zone))
      expect(split.chains.map((c) => c.nodes)).toEqual([
        ['orders', 'paid_orders', 'with_revenue', 'customers', 'with_customer', 'by_month', 'sorted'],
      ]);
    else
      // Elsewhere a month starts at local midnight, which ClickHouse's time zone database may place otherwise.
      expect(explainText(d, split)).toContain(
        `in DuckDB: with_revenue (no ClickHouse: ClickHouse cannot say date_trunc of a timestamp with time zone in ${zone}() with DuckDB's meaning)`,
      );
    const pulled = await output(d);
    expect(pulled.columns).toContainEqual(['month', 'TIMESTAMP WITH TIME ZONE']);
    expect(await output(pushedDocument(d, split))).toEqual(pulled);
  });

  it('in another time zone, the month of a DateTime stays in DuckDB, saying which zone', async () => {
    const d = canonical("date_trunc('month', ordered_at)");
    const zoned = await DuckDBInstance.create(':memory:');
    const c = await zoned.connect();
    try {
      await c.run("SET TimeZone = 'America/Sao_Paulo'");
      const s = await open(d);
      const split = await planPushdown(c, d, async (id) => (await s.schema(id)).columns);
      expect(split.chains.map((ch) => ch.nodes)).toEqual([['orders', 'paid_orders']]);
      expect(explainText(d, split)).toContain(
        "in DuckDB: with_revenue (no ClickHouse: ClickHouse cannot say date_trunc of a timestamp with time zone in America/Sao_Paulo() with DuckDB's meaning)",
      );
    } finally {
      c.closeSync();
      zoned.closeSync();
    }
  });
});

describe.skipIf(!up)('ClickHouse: cancelling a pushed query', () => {
  const running = async (): Promise<string[]> =>
    (
      await chQuery(
        `SELECT query_id FROM system.processes WHERE query LIKE '%slow%' AND query NOT LIKE '%system.processes%' FORMAT TSV`,
      )
    )
      .split('\n')
      .filter((l) => l !== '');

  it('a client that only disconnects leaves the query running there (why the cancel sends KILL QUERY)', async () => {
    const id = `duto-test-${String(Date.now())}`;
    const url = `http://127.0.0.1:${String(SHARDS[0])}/?query_id=${id}`;
    const gone = fetch(url, {
      method: 'POST',
      body: `SELECT count() FROM ${db.name}.slow`,
      signal: AbortSignal.timeout(500),
    }).catch(() => 'aborted');
    expect(await gone).toBe('aborted');
    await new Promise((r) => setTimeout(r, 1000));
    const still = await chQuery(`SELECT count() FROM system.processes WHERE query_id = '${id}'`);
    await chQuery(`KILL QUERY WHERE query_id = '${id}' SYNC`);
    expect(still.trim()).toBe('1');
  }, 30_000);

  it('stops it on the server: the query is running there, and after the cancel system.processes has it no more', async () => {
    const d = doc(
      table('slow'),
      { id: 'some', type: 'transform.filter', inputs: { in: 'slow' }, params: { condition: 'n >= 0' } },
      {
        id: 'total',
        type: 'transform.aggregate',
        inputs: { in: 'some' },
        params: { measures: [{ function: 'count', column: '', as: 'total' }] },
      },
      { id: 'out', type: 'sink.parquet', inputs: { in: 'total' }, params: { path: 'total.parquet' } },
    );
    const split = await splitOf(d);
    expect(split.chains.map((c) => c.nodes)).toEqual([['slow', 'some', 'total']]);
    const s = await open(pushedDocument(d, split));
    const abort = new AbortController();
    const run = s.run({ signal: abort.signal });
    let seen: string[] = [];
    for (let i = 0; i < 100 && seen.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await running();
    }
    expect(seen.length).toBe(1);
    expect(seen[0]).toMatch(/^duto-/);
    abort.abort();
    const r = await run;
    expect(r.cancelled).toBe(true);
    let left = seen;
    for (let i = 0; i < 50 && left.length > 0; i++) {
      await new Promise((res) => setTimeout(res, 100));
      left = await running();
    }
    expect(left).toEqual([]);
  }, 30_000);
});
