import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  doc,
  myDatabase,
  myQuery,
  pgQuery,
  pgSchema,
  testConnections,
  type NodeSpec,
} from '../connectors/test-databases';
import { explainText } from './explain-pushdown';
import { pushedVsPulled } from './pushed-vs-pulled.test-support';

/**
 * Select, distinct, aggregate and join, pushed into PostgreSQL and MariaDB,
 * give what DuckDB gives pulling the tables: the same columns with the same
 * DuckDB types, and the same values (compared as DuckDB's own text, so a
 * decimal's scale or a double's last bit counts). What a database cannot
 * say with DuckDB's meaning stays in DuckDB, with the reason.
 */

let pg = '';
let my = '';
let conn: DuckDBConnection;
const drops: Array<() => Promise<void>> = [];
const { open, splitOf, output, expectSame } = pushedVsPulled(
  () => testConnections(my),
  () => conn,
);

const STATUSES = ['paid', 'Paid', 'open', 'void', 'void ', 'Ção'];
const COUNTRIES = ['BR', 'br', 'US', 'US ', 'Ñu'];
// Customer ids: some orders have none (NULL), some one no customer has (99).
const ORDER_ROWS = Array.from({ length: 240 }, (_, i) => {
  const status = i % 11 === 0 ? 'NULL' : `'${STATUSES[i % STATUSES.length] ?? ''}'`;
  const customer = i % 17 === 0 ? 'NULL' : i % 19 === 0 ? '99' : String((i % 9) + 1);
  const amount = `${String((i * 37) % 1000)}.${String((i * 7) % 100).padStart(2, '0')}`;
  const qty = i % 13 === 0 ? 'NULL' : String((i % 7) - 2);
  const score = i % 5 === 0 ? 'NULL' : String((i % 23) / 7);
  return `(${String(i + 1)}, ${customer}, ${status}, ${amount}, ${qty}, ${score}, '2024-0${String((i % 9) + 1)}-1${String(i % 10)}')`;
}).join(', ');
// Customer 1 twice (a key matching two rows), a NULL key, and a status column clashing with the orders'.
const CUSTOMER_ROWS = Array.from({ length: 11 }, (_, i) => {
  const id = i === 10 ? 'NULL' : i === 9 ? '1' : String(i + 1);
  return `(${id}, 'name ${String(i)}', '${COUNTRIES[i % COUNTRIES.length] ?? ''}', ${i % 3 === 0 ? 'NULL' : `'${STATUSES[i % 4] ?? ''}'`})`;
}).join(', ');

const EDGE_ROWS = [
  '(1, 9007199254740993, 0.1, 999999999999999999, -1.005)',
  '(1, 9007199254740995, 0.7, 999999999999999996, -1.000)',
  '(2, -4611686018427387903, 1e308, -999999999999999999, 0.001)',
  '(2, 4611686018427387901, 1.7976931348623157e308, -999999999999999996, 0.002)',
  '(2, 3, -1e-300, 1, NULL)',
  '(2, NULL, 1.7e308, NULL, 0.004)',
  "(3, 1, 'Infinity', 0, 999.999)",
  "(3, 2, '-Infinity', 1, -999.999)",
  "(4, 1, 'NaN', 2, 0.5)",
  '(4, 2, 1.5, 3, 0.5)',
  '(4, 3, 2.5, 4, 0.501)',
  '(5, NULL, NULL, NULL, NULL)',
  ...Array.from(
    { length: 40 },
    (_, i) =>
      `(6, ${String(i * 7919 - 150000)}, ${String(Math.sin(i) * 1000)}, ${String(i * 37 - 700)}, ${String(((i * 13) % 1000) - 500)}.${String(i % 10)}${String(i % 7)}${String(i % 3)})`,
  ),
].join(', ');

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  const s = await pgSchema();
  const m = await myDatabase();
  drops.push(s.drop, m.drop);
  pg = s.name;
  my = m.name;
  await pgQuery(
    `CREATE TABLE ${pg}.orders (id integer, customer_id integer, status text, amount numeric(10,2), qty integer, score double precision, day date)`,
  );
  await pgQuery(`INSERT INTO ${pg}.orders VALUES ${ORDER_ROWS}`);
  // Values where a median's interpolation or rounding shows: bigints past 2^53, doubles whose halves round, infinities, NaN, decimals at 18 digits.
  await pgQuery(
    `CREATE TABLE ${pg}.edges (g integer, b bigint, x double precision, d numeric(18, 0), c numeric(6, 3))`,
  );
  await pgQuery(`INSERT INTO ${pg}.edges VALUES ${EDGE_ROWS}`);
  await pgQuery(`CREATE TABLE ${pg}.customers (customer_id integer, name text, country text, status text)`);
  await pgQuery(`INSERT INTO ${pg}.customers VALUES ${CUSTOMER_ROWS}`);
  await myQuery(
    `CREATE TABLE orders (id INT, customer_id INT, status VARCHAR(10), amount DECIMAL(10,2), qty INT, score DOUBLE, day DATE)`,
    [],
    my,
  );
  await myQuery(`INSERT INTO orders VALUES ${ORDER_ROWS}`, [], my);
  await myQuery(
    `CREATE TABLE customers (customer_id INT, name VARCHAR(20), country VARCHAR(5), status VARCHAR(10))`,
    [],
    my,
  );
  await myQuery(`INSERT INTO customers VALUES ${CUSTOMER_ROWS}`, [], my);
});

afterAll(async () => {
  conn.closeSync();
  for (const d of drops) await d();
});

type Which = 'PostgreSQL' | 'MySQL';
const TARGETS: readonly Which[] = ['PostgreSQL', 'MySQL'];

function table(which: Which, id: string, name: string): NodeSpec {
  return which === 'PostgreSQL'
    ? { id, type: 'source.postgres', params: { connection: 'warehouse', table: `${pg}.${name}` } }
    : { id, type: 'source.mysql', params: { connection: 'shop', table: name } };
}

/** The orders without their double column (a double tie-breaks nothing: -0 ties with 0), as `no_score`. */
function noScore(which: Which): NodeSpec[] {
  return [
    table(which, 'src', 'orders'),
    {
      id: 'no_score',
      type: 'transform.select',
      inputs: { in: 'src' },
      params: { columns: ['id', 'customer_id', 'status', 'amount', 'qty', 'day'].map((column) => ({ column })) },
    },
  ];
}

/** The rows of the orders table in the database: a hostile name or value ran nothing of its own. */
async function ordersCount(which: Which): Promise<number> {
  const rows =
    which === 'PostgreSQL'
      ? await pgQuery(`SELECT count(*) FROM ${pg}.orders`)
      : await myQuery('SELECT count(*) FROM orders', [], my);
  return Number(rows[0]?.[0]);
}

/** Each node kept in DuckDB, with its reason in English. */
async function keptOf(d: ReturnType<typeof doc>): Promise<Array<[string, string]>> {
  return (await splitOf(d)).kept.map((k) => [k.nodeId, k.reason]);
}

describe.each(TARGETS)('%s: pushed nodes give the pulled columns and rows', (which) => {
  it('select keeps, renames, drops and casts columns', async () => {
    // Saved at the select's version 2: a version-1 select is migrated to others: 'drop'.
    const d = doc(table(which, 'src', 'orders'), {
      id: 'picked',
      type: 'transform.select',
      typeVersion: 2,
      inputs: { in: 'src' },
      params: {
        columns: [
          { column: 'id' },
          { column: 'amount', rename: 'total', type: 'DECIMAL(12,1)' },
          { column: 'qty', type: 'BIGINT' },
          { column: 'day', rename: 'on_day' },
          { column: 'score', keep: false },
        ],
        others: 'keep',
      },
    });
    await expectSame(d, 'picked', ['src', 'picked']);
    // Listed first in their order, then the unlisted ones kept (others: 'keep'), score dropped.
    const names = (await (await open(d)).schema('picked')).columns.map((c) => c.name);
    expect(names.slice(0, 4)).toEqual(['id', 'total', 'qty', 'on_day']);
    expect(names.length).toBeGreaterThan(4);
    expect(names).not.toContain('score');
  });

  it('distinct keeps rows that differ only by case or a trailing space', async () => {
    const d = doc(
      table(which, 'src', 'orders'),
      {
        id: 'two',
        type: 'transform.select',
        inputs: { in: 'src' },
        params: { columns: [{ column: 'status' }, { column: 'customer_id' }], others: 'drop' },
      },
      { id: 'once', type: 'transform.distinct', inputs: { in: 'two' } },
    );
    await expectSame(d, 'once', ['src', 'two', 'once']);
    const pulled = await output(d, 'once', false);
    expect(pulled.rows.some((r) => r.includes('"void "'))).toBe(true);
  });

  it('aggregate groups by text by code point, with counts, sums, averages, minimum and maximum', async () => {
    const d = doc(table(which, 'src', 'orders'), {
      id: 'per_status',
      type: 'transform.aggregate',
      inputs: { in: 'src' },
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
          { function: 'max', column: 'score', as: 'best' },
        ],
      },
    });
    await expectSame(d, 'per_status', ['src', 'per_status']);
  });

  it('aggregate without groups gives one row, also over no rows', async () => {
    const d = doc(
      table(which, 'src', 'orders'),
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
          ],
        },
      },
    );
    await expectSame(d, 'totals', ['src', 'none', 'totals']);
  });

  for (const kind of ['inner', 'left', 'right', 'semi', 'anti'] as const) {
    it(`${kind} join of two tables of the connection: merged key, suffixed clash, empty keys unmatched`, async () => {
      const d = doc(table(which, 'o', 'orders'), table(which, 'c', 'customers'), {
        id: 'joined',
        type: 'transform.join',
        inputs: { left: 'o', right: 'c' },
        params: { kind, keys: [{ left: 'customer_id', right: 'customer_id' }] },
      });
      await expectSame(d, 'joined', ['o', 'c', 'joined']);
    });
  }

  it('join on text keys matches by code point, empty keys match when asked', async () => {
    const d = doc(table(which, 'o', 'orders'), table(which, 'c', 'customers'), {
      id: 'joined',
      type: 'transform.join',
      inputs: { left: 'o', right: 'c' },
      params: { kind: 'left', keys: [{ left: 'status', right: 'status' }], nullsEqual: true, suffix: '_c' },
    });
    await expectSame(d, 'joined', ['o', 'c', 'joined']);
  });

  it('filter → derive → join → aggregate → sort (the canonical pipeline) runs entirely in the database', async () => {
    const d = doc(
      table(which, 'orders', 'orders'),
      table(which, 'customers', 'customers'),
      { id: 'paid', type: 'transform.filter', inputs: { in: 'orders' }, params: { condition: "status <> 'open'" } },
      {
        id: 'revenue',
        type: 'transform.derive',
        inputs: { in: 'paid' },
        params: { columns: [{ name: 'revenue', expression: 'amount * coalesce(qty, 1)' }] },
      },
      {
        id: 'with_customer',
        type: 'transform.join',
        inputs: { left: 'revenue', right: 'customers' },
        params: { kind: 'inner', keys: [{ left: 'customer_id', right: 'customer_id' }] },
      },
      {
        id: 'by_country',
        type: 'transform.aggregate',
        inputs: { in: 'with_customer' },
        params: {
          groupBy: ['country', 'day'],
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
        inputs: { in: 'by_country' },
        params: { keys: [{ column: 'country' }, { column: 'day', direction: 'desc' }] },
      },
    );
    await expectSame(
      d,
      'sorted',
      ['orders', 'paid', 'revenue', 'customers', 'with_customer', 'by_country', 'sorted'],
      true,
    );
  });
});

describe('PostgreSQL: median with the values DuckDB gives', () => {
  const median = (column: string, as: string): Record<string, string> => ({ function: 'median', column, as });

  it('median of integers and doubles (as doubles) and of decimals (rounded down to the scale), odd and even counts', async () => {
    const d = doc(
      table('PostgreSQL', 'src', 'orders'),
      {
        id: 'signed',
        type: 'transform.derive',
        inputs: { in: 'src' },
        params: { columns: [{ name: 'net', expression: 'amount - 500' }] },
      },
      {
        id: 'per_day',
        type: 'transform.aggregate',
        inputs: { in: 'signed' },
        params: {
          groupBy: ['day'],
          measures: [
            { function: 'count', column: 'qty', as: 'n' },
            median('qty', 'mid_qty'),
            median('id', 'mid_id'),
            median('amount', 'mid_amount'),
            median('net', 'mid_net'),
            median('score', 'mid_score'),
          ],
        },
      },
    );
    await expectSame(d, 'per_day', ['src', 'signed', 'per_day']);
    const rows = (await output(d, 'per_day', false)).rows.map((r) => JSON.parse(r) as unknown[]);
    // Groups of two and of three values, negative decimal midpoints: the cases that round or interpolate.
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set([1, 2, 3]));
    expect(rows.some((r) => Number(r[5]) < 0)).toBe(true);
  });

  it('median at the edges: bigints past 2^53, huge, infinite and NaN doubles, 18-digit decimals, negative midpoints', async () => {
    const d = doc(
      { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: `${pg}.edges` } },
      {
        id: 'mid',
        type: 'transform.aggregate',
        inputs: { in: 'src' },
        params: {
          groupBy: ['g'],
          measures: [median('b', 'mb'), median('x', 'mx'), median('d', 'md'), median('c', 'mc')],
        },
      },
    );
    await expectSame(d, 'mid', ['src', 'mid']);
    const s = await open(d);
    const rows = (await s.preview('mid', 100)).rows;
    // Group 1: DuckDB's own values, which percentile_cont would miss in the last bit (0.39999999999999997).
    expect(
      rows
        .find((r) => r[0] === 1)
        ?.slice(1)
        .map(String),
    ).toEqual(['9007199254740994', '0.39999999999999997', '999999999999999997', '-1.003']);
    // Group 2: the two middle doubles sum past the largest double; halved first, they do not.
    expect(rows.find((r) => r[0] === 2)?.[2]).toBe(1.35e308);
  });

  it('median over no rows and over only NULLs is NULL', async () => {
    const d = doc(
      table('PostgreSQL', 'src', 'orders'),
      { id: 'few', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: 'qty IS NULL OR id < 0' } },
      {
        id: 'mid',
        type: 'transform.aggregate',
        inputs: { in: 'few' },
        params: { measures: [median('qty', 'q'), median('amount', 'a'), median('score', 's')] },
      },
    );
    await expectSame(d, 'mid', ['src', 'few', 'mid']);
    expect((await output(d, 'mid', false)).rows[0]).toMatch(/^\[null,[\d.]+,[\d.]+\]$/);
  });
});

// PostgreSQL orders the aggregate itself; MySQL and MariaDB take the value on the row numbered 1 in its group.
describe.each(TARGETS)('%s: first and last with the values DuckDB gives', (which) => {
  it('first and last by an order whose ties hold the same value, NULLs kept where the order puts them', async () => {
    const d = doc(table(which, 'src', 'orders'), {
      id: 'ends',
      type: 'transform.aggregate',
      inputs: { in: 'src' },
      params: {
        groupBy: ['customer_id'],
        measures: [
          { function: 'first', column: 'status', as: 'top_status' },
          { function: 'last', column: 'status', as: 'bottom_status' },
          { function: 'last', column: 'amount', as: 'last_amount' },
          // MySQL casts to no 32-bit INTEGER (DuckDB's type of it): there it stays local, by that name.
          ...(which === 'MySQL' ? [] : [{ function: 'first', column: 'customer_id', as: 'same_key' }]),
          { function: 'first', column: 'day', as: 'first_day' },
        ],
        orderBy: [
          { column: 'status', direction: 'desc', nulls: 'first' },
          { column: 'day' },
          { column: 'amount', nulls: 'first' },
        ],
      },
    });
    await expectSame(d, 'ends', ['src', 'ends']);
    const rows = (await output(d, 'ends', false)).rows.join('\n');
    expect(rows).toContain('null');
  });

  it('a column named as the row number would be keeps its values: the number takes another name', async () => {
    const d = doc(
      table(which, 'src', 'orders'),
      {
        id: 'named',
        type: 'transform.select',
        inputs: { in: 'src' },
        params: {
          columns: [
            { column: 'customer_id' },
            { column: 'status', rename: '__duto_first' },
            { column: 'day', rename: '__duto_last' },
          ],
        },
      },
      {
        id: 'ends',
        type: 'transform.aggregate',
        inputs: { in: 'named' },
        params: {
          groupBy: ['customer_id'],
          measures: [
            { function: 'first', column: '__duto_first', as: 'first_status' },
            { function: 'last', column: '__duto_last', as: 'last_day' },
          ],
          orderBy: [{ column: '__duto_last' }, { column: '__duto_first', nulls: 'first' }],
        },
      },
    );
    await expectSame(d, 'ends', ['src', 'named', 'ends']);
  });

  it('first over no rows is NULL', async () => {
    const d = doc(
      table(which, 'src', 'orders'),
      { id: 'none', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: 'id < 0' } },
      {
        id: 'ends',
        type: 'transform.aggregate',
        inputs: { in: 'none' },
        params: {
          measures: [{ function: 'first', column: 'day', as: 'd' }],
          orderBy: [{ column: 'day' }],
        },
      },
    );
    await expectSame(d, 'ends', ['src', 'none', 'ends']);
  });
});

describe.each(TARGETS)('%s: window functions with the values DuckDB gives', (which) => {
  it('rank and dense rank per group of text (compared byte by byte), by an order with ties and NULLs', async () => {
    const d = doc(table(which, 'src', 'orders'), {
      id: 'ranked',
      type: 'transform.window',
      inputs: { in: 'src' },
      params: {
        partitionBy: ['status'],
        orderBy: [
          { column: 'day', direction: 'desc' },
          { column: 'amount', nulls: 'first' },
        ],
        functions: [
          { function: 'rank', as: 'r' },
          { function: 'dense_rank', as: 'dr' },
        ],
      },
    });
    await expectSame(d, 'ranked', ['src', 'ranked']);
  });

  it('row number, values back and ahead and running counts, by an order where no two rows tie', async () => {
    const d = doc(...noScore(which), {
      id: 'numbered',
      type: 'transform.window',
      inputs: { in: 'no_score' },
      params: {
        partitionBy: ['customer_id'],
        orderBy: [
          { column: 'day' },
          { column: 'status', direction: 'desc', nulls: 'first' },
          { column: 'amount' },
          { column: 'qty', nulls: 'first' },
          { column: 'id' },
        ],
        functions: [
          { function: 'row_number', as: 'n' },
          { function: 'lag', column: 'amount', as: 'prev_amount' },
          { function: 'lead', column: 'status', offset: 2, as: 'status_after_next' },
          { function: 'lag', column: 'day', offset: 3, as: 'day_3_back' },
          { function: 'running_count', column: 'qty', as: 'qty_so_far' },
          { function: 'running_count', as: 'rows_so_far' },
        ],
      },
    });
    await expectSame(d, 'numbered', ['src', 'no_score', 'numbered']);
  });

  it('hostile names for the group and the new column are one quoted name each there: nothing stacked runs', async () => {
    const hostile = 's"`; DROP TABLE orders; -- $$q';
    const d = doc(
      table(which, 'src', 'orders'),
      {
        id: 'renamed',
        type: 'transform.select',
        inputs: { in: 'src' },
        params: { columns: [{ column: 'status', rename: hostile }, { column: 'day' }], others: 'drop' },
      },
      {
        id: 'ranked',
        type: 'transform.window',
        inputs: { in: 'renamed' },
        params: {
          partitionBy: [hostile],
          orderBy: [{ column: 'day' }],
          functions: [{ function: 'dense_rank', as: `r'); DROP TABLE orders; -- $$` }],
        },
      },
    );
    await expectSame(d, 'ranked', ['src', 'renamed', 'ranked']);
    expect(await ordersCount(which)).toBe(240);
  });

  it('a row number where tied rows can differ, and a running sum, stay in DuckDB by name', async () => {
    const window = (params: Record<string, unknown>): ReturnType<typeof doc> =>
      doc(table(which, 'src', 'orders'), { id: 'w', type: 'transform.window', inputs: { in: 'src' }, params });
    const byDay = { orderBy: [{ column: 'day' }] };
    expect(await keptOf(window({ ...byDay, functions: [{ function: 'row_number' }] }))).toEqual([
      [
        'w',
        'row_number: rows tied in the groups and order can differ in id, and DuckDB numbers them in any order (order by every column, none a double)',
      ],
    ]);
    expect(await keptOf(window({ ...byDay, functions: [{ function: 'running_sum', column: 'amount' }] }))).toEqual([
      ['w', 'running_sum over a window is not pushed: a sum over a frame gives another type or rounding there'],
    ]);
  });
});

describe.each(TARGETS)('%s: empty values filled with a fixed value, as DuckDB converts it', (which) => {
  const fill = (fills: Array<Record<string, string>>): ReturnType<typeof doc> =>
    doc(table(which, 'src', 'orders'), {
      id: 'filled',
      type: 'transform.fill_nulls',
      inputs: { in: 'src' },
      params: { fills },
    });

  it('text, decimals, doubles, dates (and integers where the database can give their type back)', async () => {
    const d = fill([
      { column: 'status', value: "none 'quoted' \\" },
      { column: 'amount', value: '0.5' },
      { column: 'score', value: '-1.25e3' },
      { column: 'day', value: '2000-02-29' },
      // MySQL casts to no 32-bit INTEGER: there an integer fill stays local (below).
      ...(which === 'MySQL' ? [] : [{ column: 'qty', value: ' 7' }]),
    ]);
    await expectSame(d, 'filled', ['src', 'filled']);
    const rows = (await output(d, 'filled', false)).rows.join('\n');
    expect(rows).toContain("none 'quoted' \\\\");
    // Filled where empty, as DuckDB does it: a NULL score became the double -1250.
    expect(rows).toContain(',-1250,');
  });

  it('a hostile fill value is one constant there, and one DuckDB cannot convert stays local: nothing stacked runs', async () => {
    const d = fill([{ column: 'status', value: "x'); DROP TABLE orders; -- $$q$$ \\' \"" }]);
    await expectSame(d, 'filled', ['src', 'filled']);
    expect((await output(d, 'filled', false)).rows.join('\n')).toContain("x'); DROP TABLE orders; -- $$q$$");
    expect(await keptOf(fill([{ column: 'amount', value: "1' AS DECIMAL(10,2)); DROP TABLE orders; --" }]))).toEqual([
      ['filled', 'the fill value of amount does not convert to DECIMAL(10,2) in DuckDB (the node says why)'],
    ]);
    expect(await ordersCount(which)).toBe(240);
  });

  it('the previous value, a mean, or a value DuckDB cannot convert stay in DuckDB by name', async () => {
    expect(await keptOf(fill([{ column: 'amount', strategy: 'previous' }]))).toEqual([
      [
        'filled',
        'filling empty values with the previous one stays in DuckDB (the databases have no IGNORE NULLS; a mean rounds otherwise)',
      ],
    ]);
    expect(await keptOf(fill([{ column: 'amount', value: 'lots' }]))).toEqual([
      ['filled', 'the fill value of amount does not convert to DECIMAL(10,2) in DuckDB (the node says why)'],
    ]);
    if (which === 'MySQL')
      expect(await keptOf(fill([{ column: 'qty', value: '7' }]))).toEqual([
        ['filled', 'MySQL has no type that reads back as INTEGER (column qty)'],
      ]);
  });
});

describe.each(TARGETS)('%s: change types, as DuckDB converts', (which) => {
  const cast = (casts: Array<Record<string, string>>): ReturnType<typeof doc> =>
    doc(table(which, 'src', 'orders'), {
      id: 'typed',
      type: 'transform.cast',
      inputs: { in: 'src' },
      params: { casts },
    });

  it('widens numbers, writes numbers and dates as text and dates as timestamps, in place; the others untouched', async () => {
    const d = cast([
      { column: 'qty', type: 'BIGINT' },
      { column: 'amount', type: 'DOUBLE' },
      { column: 'id', type: 'VARCHAR', onError: 'null' },
      { column: 'day', type: 'TIMESTAMP', onError: 'null' },
      { column: 'customer_id', type: 'DECIMAL(12,2)' },
    ]);
    await expectSame(d, 'typed', ['src', 'typed']);
    const schema = (await (await open(d)).schema('typed')).columns;
    expect(schema.map((col) => `${col.name} ${col.type}`)).toEqual([
      'id VARCHAR',
      'customer_id DECIMAL(12,2)',
      'status VARCHAR',
      'amount DOUBLE',
      'qty BIGINT',
      'score DOUBLE',
      'day TIMESTAMP',
    ]);
  });

  it('a cast that can fail and should leave the value empty, one with another meaning there, or a hostile type stay in DuckDB by name', async () => {
    expect(await keptOf(cast([{ column: 'status', type: 'INTEGER', onError: 'null' }]))).toEqual([
      ['typed', `${which} cannot cast status (VARCHAR) to INTEGER with DuckDB's meaning`],
    ]);
    expect(await keptOf(cast([{ column: 'amount', type: 'INTEGER', onError: 'null' }]))).toEqual([
      [
        'typed',
        `amount (DECIMAL(10,2)) to INTEGER can fail to convert: leaving the value empty instead stays in DuckDB (${which} fails the whole query)`,
      ],
    ]);
    expect(await keptOf(cast([{ column: 'score', type: 'VARCHAR' }]))).toEqual([
      ['typed', `${which} cannot cast score (DOUBLE) to VARCHAR with DuckDB's meaning`],
    ]);
    const hostile = await keptOf(cast([{ column: 'qty', type: 'INTEGER); DROP TABLE orders; --' }]));
    expect(hostile.map(([id]) => id)).toEqual(['typed']);
    expect(await ordersCount(which)).toBe(240);
  });
});

describe.each(TARGETS)('%s: rows of several inputs appended, as DuckDB stacks them by name', (which) => {
  /** Two parts of the orders (odd and even ids), the second with other columns, stacked. */
  const stacked = (
    params: Record<string, unknown>,
    second: Array<Record<string, unknown>>,
    order = ['odd', 'even'],
  ): ReturnType<typeof doc> =>
    doc(
      table(which, 'a_src', 'orders'),
      table(which, 'b_src', 'orders'),
      { id: 'odd', type: 'transform.filter', inputs: { in: 'a_src' }, params: { condition: 'id % 2 = 1' } },
      { id: 'even_rows', type: 'transform.filter', inputs: { in: 'b_src' }, params: { condition: 'id % 2 = 0' } },
      {
        id: 'even',
        type: 'transform.select',
        typeVersion: 2,
        inputs: { in: 'even_rows' },
        params: { columns: second, others: 'drop' },
      },
      { id: 'all', type: 'transform.union', inputs: { in: order }, params },
    );
  const PUSHED_NODES = ['a_src', 'odd', 'b_src', 'even_rows', 'even', 'all'];

  it('columns matched by name (in any order), a column one input lacks empty there, types unified as DuckDB does', async () => {
    const d = stacked({}, [
      // Reordered, a type DuckDB widens the other input's to (BIGINT), one as text, and one only this input has.
      { column: 'status' },
      { column: 'id', type: 'BIGINT' },
      { column: 'day', rename: 'only_here' },
      { column: 'customer_id', type: 'VARCHAR' },
    ]);
    await expectSame(d, 'all', PUSHED_NODES);
    const schema = (await (await open(d)).schema('all')).columns.map((c) => `${c.name} ${c.type}`);
    expect(schema).toEqual([
      'id BIGINT',
      'customer_id VARCHAR',
      'status VARCHAR',
      'amount DECIMAL(10,2)',
      'qty INTEGER',
      'score DOUBLE',
      'day DATE',
      'only_here DATE',
    ]);
    expect((await output(d, 'all', false)).rows).toHaveLength(240);
    // The input lacking columns first: its NULLs take the type the other input gives them.
    await expectSame(stacked({}, [{ column: 'status' }, { column: 'id', type: 'BIGINT' }], ['even', 'odd']), 'all', [
      'b_src',
      'even_rows',
      'even',
      'a_src',
      'odd',
      'all',
    ]);
  });

  it('distinct rows (text compared by its bytes) and the input named in a source column', async () => {
    const cols = [{ column: 'status' }, { column: 'customer_id' }];
    const d = doc(
      table(which, 'a_src', 'orders'),
      table(which, 'b_src', 'orders'),
      {
        id: 'a',
        type: 'transform.select',
        typeVersion: 2,
        inputs: { in: 'a_src' },
        params: { columns: cols, others: 'drop' },
      },
      {
        id: 'b',
        type: 'transform.select',
        typeVersion: 2,
        inputs: { in: 'b_src' },
        params: { columns: cols, others: 'drop' },
      },
      { id: 'once', type: 'transform.union', inputs: { in: ['a', 'b'] }, params: { distinct: true } },
      {
        id: 'named',
        type: 'transform.union',
        inputs: { in: ['once'] },
        params: { sourceColumn: "from'); DROP TABLE orders; --" },
      },
    );
    await expectSame(d, 'named', ['a_src', 'a', 'b_src', 'b', 'once', 'named']);
    const rows = (await output(d, 'named', false)).rows;
    // Each (status, customer) once: 'paid', 'Paid' and 'void', 'void ' apart.
    expect(new Set(rows).size).toBe(rows.length);
    expect(rows.join('\n')).toContain('["void ",');
    expect(rows.every((r) => r.endsWith(',"once"]'))).toBe(true);
    expect(await ordersCount(which)).toBe(240);
  });

  it('a column whose unified type has another meaning there (a decimal written as text) stays in DuckDB by name', async () => {
    // The other input's amount is text: DuckDB unifies both as VARCHAR.
    const d = stacked({}, [{ column: 'id' }, { column: 'status', rename: 'amount' }]);
    expect(await keptOf(d)).toEqual([
      ['all', `${which} cannot cast amount (DECIMAL(10,2)) to VARCHAR with DuckDB's meaning`],
    ]);
  });
});

// PostgreSQL keeps the row with DISTINCT ON, MariaDB the row numbered 1 in its key's window (keys compared byte by byte).
describe.each(TARGETS)('%s: one row per key, the row DuckDB keeps', (which) => {
  for (const keep of ['first', 'last'] as const) {
    it(`one row per key (keep ${keep}) by an order over every column`, async () => {
      const d = doc(...noScore(which), {
        id: 'per_status',
        type: 'transform.distinct',
        inputs: { in: 'no_score' },
        params: {
          keys: ['status'],
          keep,
          orderBy: [
            { column: 'day', direction: 'desc' },
            { column: 'qty', nulls: 'first' },
            { column: 'customer_id' },
            { column: 'amount' },
            { column: 'id' },
          ],
        },
      });
      await expectSame(d, 'per_status', ['src', 'no_score', 'per_status']);
      // paid/Paid and void/void  are their own keys (MariaDB's collation would fold both), and NULL is one.
      expect((await output(d, 'per_status', false)).rows).toHaveLength(STATUSES.length + 1);
    });
  }

  it('one row per key and identical rows: any of them is the same row', async () => {
    const d = doc(
      table(which, 'src', 'orders'),
      {
        id: 'two',
        type: 'transform.select',
        inputs: { in: 'src' },
        params: { columns: [{ column: 'customer_id' }, { column: 'day' }], others: 'drop' },
      },
      {
        id: 'latest',
        type: 'transform.distinct',
        inputs: { in: 'two' },
        params: { keys: ['customer_id'], keep: 'last', orderBy: [{ column: 'day' }] },
      },
    );
    await expectSame(d, 'latest', ['src', 'two', 'latest']);
  });

  it('a hostile column name as the key is one quoted name in the database: nothing stacked runs, the table stays', async () => {
    const key = 's"`; DROP TABLE orders; -- $$q';
    const d = doc(
      table(which, 'src', 'orders'),
      {
        id: 'renamed',
        type: 'transform.select',
        inputs: { in: 'src' },
        params: {
          columns: [{ column: 'status', rename: key }, { column: 'id' }],
          others: 'drop',
        },
      },
      {
        id: 'per_key',
        type: 'transform.distinct',
        inputs: { in: 'renamed' },
        params: { keys: [key], keep: 'first', orderBy: [{ column: 'id' }] },
      },
    );
    await expectSame(d, 'per_key', ['src', 'renamed', 'per_key']);
    expect(await ordersCount(which)).toBe(240);
  });
});

describe('what a database cannot say the same way stays in DuckDB, with the reason', () => {
  it('a cast whose result differs (a decimal as text) is refused', async () => {
    const d = doc(table('PostgreSQL', 'src', 'orders'), {
      id: 'picked',
      type: 'transform.select',
      inputs: { in: 'src' },
      params: { columns: [{ column: 'amount', type: 'VARCHAR' }], others: 'drop' },
    });
    expect(await keptOf(d)).toEqual([
      ['picked', "PostgreSQL cannot cast amount (DECIMAL(10,2)) to VARCHAR with DuckDB's meaning"],
    ]);
  });

  it('median, first and last where DuckDB gives another value or any row are refused by name', async () => {
    const agg = (measure: Record<string, string>, params: Record<string, unknown> = {}): ReturnType<typeof doc> =>
      doc(
        table('PostgreSQL', 'src', 'orders'),
        {
          id: 'wide',
          type: 'transform.select',
          inputs: { in: 'src' },
          params: {
            columns: [
              ...['customer_id', 'status', 'score', 'day'].map((column) => ({ column })),
              { column: 'amount', rename: 'big', type: 'DECIMAL(20,2)' },
            ],
          },
        },
        {
          id: 'agg',
          type: 'transform.aggregate',
          inputs: { in: 'wide' },
          params: { groupBy: ['customer_id'], measures: [{ ...measure, as: 'x' }], ...params },
        },
      );
    expect(await keptOf(agg({ function: 'median', column: 'big' }))).toEqual([
      ['agg', "PostgreSQL cannot compute median of big (DECIMAL(20,2)) with DuckDB's result type and value"],
    ]);
    expect(await keptOf(agg({ function: 'median', column: 'status' }))).toEqual([
      ['agg', "PostgreSQL cannot compute median of status (VARCHAR) with DuckDB's result type and value"],
    ]);
    expect(await keptOf(agg({ function: 'first', column: 'status' }))).toEqual([
      ['agg', 'first of status without an order takes any row of the group in DuckDB'],
    ]);
    const byDay = { orderBy: [{ column: 'day' }] };
    expect(await keptOf(agg({ function: 'last', column: 'status' }, byDay))).toEqual([
      [
        'agg',
        'last of status: rows tied in the order can hold different values, and DuckDB takes any of them (order by status too)',
      ],
    ]);
    expect(await keptOf(agg({ function: 'first', column: 'score' }, { orderBy: [{ column: 'score' }] }))).toEqual([
      [
        'agg',
        'first of score: rows tied in the order can hold different values, and DuckDB takes any of them (order by score too)',
      ],
    ]);
    // MySQL has no ordered aggregate: the row numbered 1 in its group gives the value, with the same checks.
    const mysql = (params: Record<string, unknown>): ReturnType<typeof doc> =>
      doc(table('MySQL', 'src', 'orders'), {
        id: 'agg',
        type: 'transform.aggregate',
        inputs: { in: 'src' },
        params: { groupBy: ['customer_id'], ...params },
      });
    expect(
      await keptOf(mysql({ measures: [{ function: 'first', column: 'day', as: 'x' }], orderBy: [{ column: 'day' }] })),
    ).toEqual([]);
    expect(await keptOf(mysql({ measures: [{ function: 'first', column: 'status', as: 'x' }] }))).toEqual([
      ['agg', 'first of status without an order takes any row of the group in DuckDB'],
    ]);
    expect(
      await keptOf(
        mysql({ measures: [{ function: 'last', column: 'status', as: 'x' }], orderBy: [{ column: 'day' }] }),
      ),
    ).toEqual([
      [
        'agg',
        'last of status: rows tied in the order can hold different values, and DuckDB takes any of them (order by status too)',
      ],
    ]);
  });

  it('one row per key in input order, or with ties that can differ, is refused by name', async () => {
    const per = (params: Record<string, unknown>): ReturnType<typeof doc> =>
      doc(table('PostgreSQL', 'src', 'orders'), {
        id: 'latest',
        type: 'transform.distinct',
        inputs: { in: 'src' },
        params: { keys: ['customer_id'], ...params },
      });
    expect(await keptOf(per({}))).toEqual([
      ['latest', 'one row per key in input order: only DuckDB has the order rows arrive in'],
    ]);
    expect(await keptOf(per({ orderBy: [{ column: 'day' }, { column: 'id' }] }))).toEqual([
      [
        'latest',
        'one row per key: rows tied in the keys and order can differ in status, and DuckDB keeps any of them (order by every column, none a double)',
      ],
    ]);
  });

  it('one row per key where ties can differ is refused in MariaDB too', async () => {
    const d = doc(table('MySQL', 'src', 'orders'), {
      id: 'latest',
      type: 'transform.distinct',
      inputs: { in: 'src' },
      params: { keys: ['customer_id'], keep: 'last', orderBy: [{ column: 'day' }] },
    });
    expect((await keptOf(d))[0]?.[0]).toBe('latest');
    expect((await keptOf(d))[0]?.[1]).toMatch(/^one row per key: rows tied in the keys and order can differ in /);
  });

  it('a sum of doubles, a median and a MySQL minimum of text are refused by name', async () => {
    const agg = (which: Which, fn: string, column: string): ReturnType<typeof doc> =>
      doc(table(which, 'src', 'orders'), {
        id: 'agg',
        type: 'transform.aggregate',
        inputs: { in: 'src' },
        params: { groupBy: ['day'], measures: [{ function: fn, column, as: 'x' }] },
      });
    expect(await keptOf(agg('PostgreSQL', 'sum', 'score'))).toEqual([
      ['agg', "PostgreSQL cannot compute sum of score (DOUBLE) with DuckDB's result type and value"],
    ]);
    expect(await keptOf(agg('MySQL', 'median', 'amount'))).toEqual([
      ['agg', "MySQL cannot compute median of amount (DECIMAL(10,2)) with DuckDB's result type and value"],
    ]);
    expect(await keptOf(agg('MySQL', 'min', 'status'))).toEqual([
      ['agg', "MySQL cannot compute min of status (VARCHAR) with DuckDB's result type and value"],
    ]);
  });

  it('MySQL has no FULL JOIN: refused by name; PostgreSQL runs it', async () => {
    const full = (which: Which): ReturnType<typeof doc> =>
      doc(table(which, 'o', 'orders'), table(which, 'c', 'customers'), {
        id: 'joined',
        type: 'transform.join',
        inputs: { left: 'o', right: 'c' },
        params: { kind: 'full', keys: [{ left: 'customer_id', right: 'customer_id' }] },
      });
    expect(await keptOf(full('MySQL'))).toEqual([['joined', 'MySQL has no FULL JOIN']]);
    await expectSame(full('PostgreSQL'), 'joined', ['o', 'c', 'joined']);
  });

  it('a join of tables on two connections stays in DuckDB; explain says why', async () => {
    const d = doc(table('PostgreSQL', 'o', 'orders'), table('MySQL', 'c', 'customers'), {
      id: 'joined',
      type: 'transform.join',
      inputs: { left: 'o', right: 'c' },
      params: { kind: 'inner', keys: [{ left: 'customer_id', right: 'customer_id' }] },
    });
    const split = await splitOf(d);
    expect(split.chains).toEqual([]);
    expect(explainText(d, split)).toBe(
      'in DuckDB: o\nin DuckDB: c\nin DuckDB: joined (no PostgreSQL: its inputs are on different connections)\n',
    );
    expect(explainText(d, split, 'pt-BR')).toBe(
      'no DuckDB: o\nno DuckDB: c\nno DuckDB: joined (não em PostgreSQL: as entradas estão em conexões diferentes)\n',
    );
  });

  it('a join with an input the database does not hold (a query source) stays in DuckDB', async () => {
    const d = doc(
      table('PostgreSQL', 'o', 'orders'),
      {
        id: 'c',
        type: 'source.postgres',
        params: { connection: 'warehouse', mode: 'query', query: `SELECT * FROM ${pg}.customers` },
      },
      {
        id: 'joined',
        type: 'transform.join',
        inputs: { left: 'o', right: 'c' },
        params: { kind: 'inner', keys: [{ left: 'customer_id', right: 'customer_id' }] },
      },
    );
    expect(await keptOf(d)).toEqual([['joined', 'not all its inputs are in that database']]);
  });

  it('MySQL cannot give back an INTEGER it computes (CAST AS SIGNED is a BIGINT): the node stays in DuckDB', async () => {
    const d = doc(table('MySQL', 'src', 'orders'), {
      id: 'more',
      type: 'transform.derive',
      inputs: { in: 'src' },
      params: { columns: [{ name: 'next_qty', expression: 'qty + 1' }] },
    });
    expect(await keptOf(d)).toEqual([['more', 'MySQL has no type that reads back as INTEGER (column next_qty)']]);
  });

  it('a node in error (two outputs named id) stays in DuckDB, where its error is reported', async () => {
    const d = doc(table('PostgreSQL', 'src', 'orders'), {
      id: 'agg',
      type: 'transform.aggregate',
      inputs: { in: 'src' },
      params: { groupBy: ['id'], measures: [{ function: 'count', column: '', as: 'id' }] },
    });
    expect(await keptOf(d)).toEqual([['agg', 'DuckDB gives it no columns']]);
  });

  it('a join on keys of different types (text with a number) is refused', async () => {
    const d = doc(table('PostgreSQL', 'o', 'orders'), table('PostgreSQL', 'c', 'customers'), {
      id: 'joined',
      type: 'transform.join',
      inputs: { left: 'o', right: 'c' },
      params: { kind: 'inner', keys: [{ left: 'id', right: 'name' }] },
    });
    expect(await keptOf(d)).toEqual([
      ['joined', 'PostgreSQL compares id (INTEGER) and name (VARCHAR) differently from DuckDB'],
    ]);
  });
});
