import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { pushedVsPulled } from './pushed-vs-pulled.test-support';

/*
 * Every node pushed into ClickHouse, over Distributed tables whose rows are
 * split across the two shards of scripts/clickhouse-cluster.sh, gives what
 * DuckDB gives pulling the same tables: the same columns with the same DuckDB
 * types and the same values (as DuckDB's text). What ClickHouse cannot say
 * with DuckDB's meaning stays in DuckDB, with the reason.
 */

const up = await clusterUp();
if (!up) console.warn(SKIP_MESSAGE);

let db: { name: string; drop: () => Promise<void> };
let conn: DuckDBConnection;
const harness = pushedVsPulled(
  () => chConnections(db.name),
  () => conn,
);
const { splitOf } = harness;
/** Pushes `d` and expects `nodes` in ClickHouse, the same columns and rows as pulled at `node`. */
const expectSame = (d: ReturnType<typeof doc>, node: string, nodes: string[], ordered = false): Promise<void> =>
  harness.expectSame(d, node, nodes, ordered, 'ClickHouse');

const STATUSES = ['paid', 'Paid', 'open', 'void', 'void ', 'Ção'];
const COUNTRIES = ['BR', 'br', 'US', 'US ', 'Ñu'];
// As push-nodes.test.ts: orders without a customer (NULL) or with one nobody has (99), NULL statuses and quantities.
const ORDER_ROWS = Array.from({ length: 240 }, (_, i) => {
  const status = i % 11 === 0 ? 'NULL' : `'${STATUSES[i % STATUSES.length] ?? ''}'`;
  const customer = i % 17 === 0 ? 'NULL' : i % 19 === 0 ? '99' : String((i % 9) + 1);
  const amount = `${String((i * 37) % 1000)}.${String((i * 7) % 100).padStart(2, '0')}`;
  const qty = i % 13 === 0 ? 'NULL' : String((i % 7) - 2);
  const score = i % 5 === 0 ? 'NULL' : String((i % 23) / 7);
  return `(${String(i + 1)}, ${customer}, ${status}, ${amount}, ${qty}, ${score}, '2024-0${String((i % 9) + 1)}-1${String(i % 10)}')`;
});
// Customer 1 twice, a NULL key, and a status column clashing with the orders'.
const CUSTOMER_ROWS = Array.from({ length: 11 }, (_, i) => {
  const id = i === 10 ? 'NULL' : i === 9 ? '1' : String(i + 1);
  return `(${id}, 'name ${String(i)}', '${COUNTRIES[i % COUNTRIES.length] ?? ''}', ${i % 3 === 0 ? 'NULL' : `'${STATUSES[i % 4] ?? ''}'`})`;
});

/** A Distributed table `name` over `name_local` on both shards, row i on shard i % 2. */
async function sharded(name: string, columns: string, rows: string[]): Promise<void> {
  const local = `${db.name}.${name}_local`;
  for (const port of SHARDS)
    await chQuery(`CREATE TABLE ${local} ${columns} ENGINE = MergeTree ORDER BY tuple()`, port);
  await chQuery(
    `CREATE TABLE ${db.name}.${name} AS ${local} ENGINE = Distributed(duto_2shards, ${db.name}, ${name}_local)`,
  );
  for (const [s, port] of SHARDS.entries())
    await chQuery(`INSERT INTO ${local} VALUES ${rows.filter((_, i) => i % 2 === s).join(', ')}`, port);
}

beforeAll(async () => {
  if (!up) return;
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  db = await chDatabase();
  await sharded(
    'orders',
    '(id Int32, customer_id Nullable(Int32), status Nullable(String), amount Decimal(10,2), qty Nullable(Int32), score Nullable(Float64), day Date)',
    ORDER_ROWS,
  );
  // LowCardinality columns (a dictionary encoding): through joins' NULLs and casts as any text.
  await sharded(
    'customers',
    '(customer_id Nullable(Int32), name String, country LowCardinality(String), status LowCardinality(Nullable(String)))',
    CUSTOMER_ROWS,
  );
}, 60_000);
afterAll(async () => {
  if (!up) return;
  conn.closeSync();
  await db.drop();
});

const table = (id: string, name: string): NodeSpec => ({
  id,
  type: 'source.clickhouse',
  params: { connection: 'ch', table: name },
});

async function keptOf(d: ReturnType<typeof doc>): Promise<Array<[string, string]>> {
  return (await splitOf(d)).kept.map((k) => [k.nodeId, k.reason]);
}

/** `node` reading the orders table. */
const one = (node: NodeSpec): ReturnType<typeof doc> => doc(table('src', 'orders'), { ...node, inputs: { in: 'src' } });

describe.skipIf(!up)('ClickHouse: pushed nodes give the pulled columns and rows (Distributed tables, 2 shards)', () => {
  it('filter: three-valued AND/OR/NOT, IN with NULL, BETWEEN, LIKE, decimals and doubles', async () => {
    const d = one({
      id: 'f',
      type: 'transform.filter',
      params: {
        condition:
          "NOT (status = 'void' AND qty > 1) AND (qty IS NULL OR qty NOT IN (1, 2)) AND amount BETWEEN 10.5 AND 900 AND (status LIKE '_a%' OR status IS DISTINCT FROM 'open') AND (score IS NULL OR score < amount)",
      },
    });
    await expectSame(d, 'f', ['src', 'f']);
  });

  it('derive: division (also by zero), text, decimals, CASE, values that are NULL', async () => {
    const d = one({
      id: 'dv',
      type: 'transform.derive',
      params: {
        columns: [
          { name: 'per_unit', expression: 'amount / qty' },
          { name: 'label', expression: "status || '-' || trim('  x ') || substr(coalesce(status, '?'), 2, 2)" },
          { name: 'chars', expression: 'length(status)' },
          { name: 'net', expression: 'amount * (1 - 0.25) + coalesce(qty, 1) * 2.5' },
          { name: 'band', expression: "CASE WHEN qty > 2 THEN 'big' WHEN qty IS NULL THEN NULL ELSE 'small' END" },
          { name: 'rounded', expression: 'round(amount, 1)' },
          { name: 'scaled', expression: 'score * 2 + amount' },
          { name: 'empty', expression: "nullif(status, 'open')" },
        ],
      },
    });
    await expectSame(d, 'dv', ['src', 'dv']);
  });

  it('select keeps, renames, drops and casts columns', async () => {
    const d = one({
      id: 'picked',
      type: 'transform.select',
      params: {
        columns: [
          { column: 'id', type: 'BIGINT' },
          { column: 'amount', rename: 'total', type: 'DOUBLE' },
          { column: 'qty', type: 'VARCHAR' },
          { column: 'day', rename: 'on_day' },
          { column: 'score', keep: false },
        ],
        others: 'keep',
      },
    });
    await expectSame(d, 'picked', ['src', 'picked']);
  });

  it('change types: numbers widened, integers as text, in place', async () => {
    const d = one({
      id: 'typed',
      type: 'transform.cast',
      params: {
        casts: [
          { column: 'id', type: 'BIGINT' },
          { column: 'amount', type: 'DOUBLE' },
          { column: 'qty', type: 'VARCHAR', onError: 'null' },
        ],
      },
    });
    await expectSame(d, 'typed', ['src', 'typed']);
  });

  it('select swaps names (in ClickHouse an alias would shadow the column of that name)', async () => {
    const d = one({
      id: 'swapped',
      type: 'transform.select',
      params: {
        columns: [
          { column: 'id', rename: 'amount' },
          { column: 'amount', rename: 'id' },
        ],
        others: 'drop',
      },
    });
    await expectSame(d, 'swapped', ['src', 'swapped']);
  });

  it('distinct keeps rows that differ only by case or a trailing space', async () => {
    const d = doc(
      table('src', 'orders'),
      {
        id: 'two',
        type: 'transform.select',
        inputs: { in: 'src' },
        params: { columns: [{ column: 'status' }, { column: 'customer_id' }], others: 'drop' },
      },
      { id: 'once', type: 'transform.distinct', inputs: { in: 'two' } },
    );
    await expectSame(d, 'once', ['src', 'two', 'once']);
  });

  it('aggregate: counts, exact distinct counts, sums, averages, minimum and maximum per text group', async () => {
    const d = one({
      id: 'per_status',
      type: 'transform.aggregate',
      params: {
        groupBy: ['status'],
        measures: [
          { function: 'count', column: '', as: 'n' },
          { function: 'count', column: 'qty', as: 'with_qty' },
          { function: 'count_distinct', column: 'customer_id', as: 'customers' },
          { function: 'count_distinct', column: 'day', as: 'days' },
          { function: 'sum', column: 'qty', as: 'units' },
          { function: 'sum', column: 'amount', as: 'revenue' },
          { function: 'avg', column: 'amount', as: 'ticket' },
          { function: 'avg', column: 'qty', as: 'avg_qty' },
          { function: 'min', column: 'amount', as: 'low' },
          { function: 'max', column: 'day', as: 'last_day' },
          { function: 'min', column: 'status', as: 'first_status' },
        ],
      },
    });
    await expectSame(d, 'per_status', ['src', 'per_status']);
  });

  it('aggregate without groups gives one row of NULLs over no rows (not ClickHouse’s 0 and nan)', async () => {
    const d = doc(
      table('src', 'orders'),
      { id: 'none', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: 'id < 0' } },
      {
        id: 'totals',
        type: 'transform.aggregate',
        inputs: { in: 'none' },
        params: {
          measures: [
            { function: 'count', column: '', as: 'n' },
            { function: 'sum', column: 'amount', as: 'revenue' },
            { function: 'avg', column: 'qty', as: 'avg_qty' },
            { function: 'min', column: 'day', as: 'first_day' },
          ],
        },
      },
    );
    await expectSame(d, 'totals', ['src', 'none', 'totals']);
  });

  for (const kind of ['inner', 'left', 'right', 'semi', 'anti'] as const) {
    it(`${kind} join: merged key, suffixed clash, NULL (not default) where unmatched, empty keys unmatched`, async () => {
      const d = doc(table('o', 'orders'), table('c', 'customers'), {
        id: 'joined',
        type: 'transform.join',
        inputs: { left: 'o', right: 'c' },
        params: { kind, keys: [{ left: 'customer_id', right: 'customer_id' }] },
      });
      await expectSame(d, 'joined', ['o', 'c', 'joined']);
    });
  }

  it('join on text keys by code point, empty keys matching when asked', async () => {
    const d = doc(table('o', 'orders'), table('c', 'customers'), {
      id: 'joined',
      type: 'transform.join',
      inputs: { left: 'o', right: 'c' },
      params: { kind: 'left', keys: [{ left: 'status', right: 'status' }], nullsEqual: true, suffix: '_c' },
    });
    await expectSame(d, 'joined', ['o', 'c', 'joined']);
  });

  it('sort (text by code point, NULLs first) then limit with an offset', async () => {
    const d = doc(
      table('src', 'orders'),
      {
        id: 'sorted',
        type: 'transform.sort',
        inputs: { in: 'src' },
        params: {
          keys: [{ column: 'status', nulls: 'first' }, { column: 'amount', direction: 'desc' }, { column: 'id' }],
        },
      },
      { id: 'top', type: 'transform.limit', inputs: { in: 'sorted' }, params: { count: 50, offset: 5 } },
    );
    await expectSame(d, 'top', ['src', 'sorted', 'top'], true);
  });
});

describe.skipIf(!up)('what ClickHouse cannot say the same way stays in DuckDB, by name', () => {
  const refusals: Array<[string, NodeSpec, string]> = [
    [
      'integer arithmetic (wraps in Int64)',
      { id: 'n', type: 'transform.derive', params: { columns: [{ name: 'next', expression: 'qty + 1' }] } },
      "ClickHouse cannot say integer + integer (ClickHouse wraps on overflow where DuckDB fails) with DuckDB's meaning",
    ],
    [
      'upper (leaves ı and ß)',
      { id: 'n', type: 'transform.derive', params: { columns: [{ name: 'u', expression: 'upper(status)' }] } },
      "ClickHouse cannot say upper() with DuckDB's meaning",
    ],
    [
      'a decimal cast to fewer decimals (truncated there)',
      { id: 'n', type: 'transform.select', params: { columns: [{ column: 'amount', type: 'DECIMAL(12,1)' }] } },
      "ClickHouse cannot cast amount (DECIMAL(10,2)) to DECIMAL(12,1) with DuckDB's meaning",
    ],
    [
      'a change of type to fewer decimals (truncated there)',
      { id: 'n', type: 'transform.cast', params: { casts: [{ column: 'amount', type: 'DECIMAL(12,1)' }] } },
      "ClickHouse cannot cast amount (DECIMAL(10,2)) to DECIMAL(12,1) with DuckDB's meaning",
    ],
    [
      'appending rows (a union: ClickHouse 18 fails on NULLs among typed values)',
      { id: 'n', type: 'transform.union', params: {} },
      'ClickHouse 18 fails a union whose inputs differ in a type or lack a column (NULL there): appending rows stays in DuckDB',
    ],
    [
      'a sum of doubles',
      { id: 'n', type: 'transform.aggregate', params: { measures: [{ function: 'sum', column: 'score', as: 'x' }] } },
      "ClickHouse cannot compute sum of score (DOUBLE) with DuckDB's result type and value",
    ],
    [
      'a maximum of doubles (NaN skipped there)',
      { id: 'n', type: 'transform.aggregate', params: { measures: [{ function: 'max', column: 'score', as: 'x' }] } },
      "ClickHouse cannot compute max of score (DOUBLE) with DuckDB's result type and value",
    ],
    [
      'a sort by a double (NaN among NULLs there)',
      { id: 'n', type: 'transform.sort', params: { keys: [{ column: 'score' }] } },
      'ClickHouse cannot sort score (double) as DuckDB does',
    ],
    [
      'a boolean value (no boolean type in ClickHouse 18)',
      { id: 'n', type: 'transform.derive', params: { columns: [{ name: 'big', expression: 'amount > 100' }] } },
      "ClickHouse cannot say a true/false value with DuckDB's meaning",
    ],
    [
      'grouping by a double (-0 and 0 are two groups there)',
      {
        id: 'n',
        type: 'transform.aggregate',
        params: { groupBy: ['score'], measures: [{ function: 'count', as: 'x' }] },
      },
      'ClickHouse cannot group score (DOUBLE) as DuckDB does',
    ],
    [
      'distinct per key',
      {
        id: 'n',
        type: 'transform.distinct',
        params: { keys: ['customer_id'], keep: 'first', orderBy: [{ column: 'day' }] },
      },
      'ClickHouse has no window function to keep one row per key',
    ],
    [
      'window functions (ClickHouse 18 has none)',
      {
        id: 'n',
        type: 'transform.window',
        params: { orderBy: [{ column: 'day' }], functions: [{ function: 'rank' }] },
      },
      'ClickHouse has no window functions',
    ],
    [
      'filling empty values (COALESCE of a Nullable column and a constant fails in 18.16)',
      { id: 'n', type: 'transform.fill_nulls', params: { fills: [{ column: 'status', value: 'none' }] } },
      'ClickHouse 18 fails on COALESCE of a Nullable column and a constant: filling empty values stays in DuckDB',
    ],
    [
      'a limit without a sort',
      { id: 'n', type: 'transform.limit', params: { count: 5 } },
      'a limit without a sort before it takes rows in an order only DuckDB keeps',
    ],
  ];
  for (const [what, node, reason] of refusals) {
    it(`refuses ${what}`, async () => {
      expect(await keptOf(one(node))).toEqual([['n', reason]]);
    });
  }

  it('a full join is refused by name; explain says so in English and Portuguese', async () => {
    const d = doc(table('o', 'orders'), table('c', 'customers'), {
      id: 'joined',
      type: 'transform.join',
      inputs: { left: 'o', right: 'c' },
      params: { kind: 'full', keys: [{ left: 'customer_id', right: 'customer_id' }] },
    });
    const split = await splitOf(d);
    expect(split.kept.map((k) => [k.nodeId, k.reason])).toEqual([['joined', 'ClickHouse has no FULL JOIN']]);
    expect(explainText(d, split)).toContain('in DuckDB: joined (no ClickHouse: ClickHouse has no FULL JOIN)');
    expect(explainText(d, split, 'pt-BR')).toContain(
      'no DuckDB: joined (não em ClickHouse: ClickHouse não tem FULL JOIN)',
    );
  });

  it('a join on keys of different kinds is refused', async () => {
    const d = doc(table('o', 'orders'), table('c', 'customers'), {
      id: 'joined',
      type: 'transform.join',
      inputs: { left: 'o', right: 'c' },
      params: { kind: 'inner', keys: [{ left: 'id', right: 'name' }] },
    });
    expect(await keptOf(d)).toEqual([
      ['joined', 'ClickHouse compares id (INTEGER) and name (VARCHAR) differently from DuckDB'],
    ]);
  });
});
