import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSession } from '../api';
import { openPipeline } from '../index';
import { freshDir } from '../test-support';
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
import { planPushdown, pushedDocument } from './plan-pushdown';

/**
 * A chain below a PostgreSQL or MariaDB table, run by the database (its SQL
 * read through the source's query mode), gives what DuckDB gives pulling the
 * table and computing the chain itself; what the database cannot say stays in
 * DuckDB, with the reason.
 */

let pg = '';
let my = '';
let conn: DuckDBConnection;
const drops: Array<() => Promise<void>> = [];
const sessions: PipelineSession[] = [];
let mysqlDb = 'test';

const open = async (d: ReturnType<typeof doc>): Promise<PipelineSession> => {
  const s = await openPipeline(d, {
    trust: 'trusted',
    baseDir: freshDir(),
    connections: testConnections(mysqlDb),
    threads: 2,
  });
  sessions.push(s);
  return s;
};
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

const ROWS = Array.from(
  { length: 300 },
  (_, i) =>
    `(${String(i + 1)}, ${i % 7 === 0 ? 'NULL' : `'${['paid', 'Paid', 'open', 'void '][i % 4] ?? ''}'`}, ${String((i * 37) % 1000)}.${String(i % 100).padStart(2, '0')}, ${String(i % 13)}, '2024-0${String((i % 9) + 1)}-1${String(i % 10)}')`,
).join(', ');

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  const s = await pgSchema();
  const m = await myDatabase();
  drops.push(s.drop, m.drop);
  pg = s.name;
  my = m.name;
  mysqlDb = my;
  await pgQuery(`CREATE TABLE ${pg}.orders (id integer, status text, amount numeric(10,2), qty integer, day date)`);
  await pgQuery(`INSERT INTO ${pg}.orders VALUES ${ROWS}`);
  await myQuery(`CREATE TABLE orders (id INT, status VARCHAR(10), amount DECIMAL(10,2), qty INT, day DATE)`, [], my);
  await myQuery(`INSERT INTO orders VALUES ${ROWS}`, [], my);
});

afterAll(async () => {
  conn.closeSync();
  for (const d of drops) await d();
});

function chain(source: NodeSpec, condition: string): ReturnType<typeof doc> {
  return doc(
    source,
    { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition } },
    {
      id: 'calc',
      type: 'transform.derive',
      inputs: { in: 'kept' },
      params: {
        columns: [
          { name: 'total', expression: 'amount * qty' },
          { name: 'tag', expression: "upper(coalesce(status, '-')) || '#'" },
        ],
      },
    },
    {
      id: 'ordered',
      type: 'transform.sort',
      inputs: { in: 'calc' },
      params: {
        keys: [
          { column: 'status', direction: 'desc', nulls: 'first' },
          { column: 'id', direction: 'asc' },
        ],
      },
    },
    { id: 'top', type: 'transform.limit', inputs: { in: 'ordered' }, params: { count: 40, offset: 3 } },
  );
}

async function rows(d: ReturnType<typeof doc>, node: string): Promise<unknown[][]> {
  const s = await open(d);
  return (await s.preview(node, 1000)).rows.map((r) =>
    r.map((v) => (typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) ? Number(v) : v)),
  );
}

describe('pushdown to the database gives the pulled result', () => {
  const sources = (): Array<[string, NodeSpec]> => [
    // schema.table in the Table field, as the source reads it.
    ['PostgreSQL', { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: `${pg}.orders` } }],
    ['MySQL', { id: 'src', type: 'source.mysql', params: { connection: 'shop', table: 'orders' } }],
  ];
  for (const which of ['PostgreSQL', 'MySQL']) {
    it(`${which}: filter, derive, sort and limit run as one query, same rows as pulled`, async () => {
      const source = sources().find(([n]) => n === which)?.[1];
      if (source === undefined) throw new Error(which);
      const d = chain(source, "qty > 3 AND status <> 'open' OR status IS NULL");
      const pulled = await open(d);
      const split = await planPushdown(conn, d, async (id) => (await pulled.schema(id)).columns);
      expect(split.kept).toEqual([]);
      expect(split.chains.map((c) => [c.target.label, c.nodes])).toEqual([
        [which, ['src', 'kept', 'calc', 'ordered', 'top']],
      ]);
      const pushed = await rows(pushedDocument(d, split), 'top');
      expect(pushed).toHaveLength(40);
      expect(pushed).toEqual(await rows(d, 'top'));
    });
  }

  it('keeps in DuckDB what the database cannot say, naming the function and the target', async () => {
    const d = chain(sources()[0]?.[1] ?? { id: 'src', type: 'source.postgres' }, "regexp_matches(status, '^p')");
    const s = await open(d);
    const split = await planPushdown(conn, d, async (id) => (await s.schema(id)).columns);
    expect(split.chains).toEqual([]);
    expect(split.kept.map(({ nodeId, target, reason }) => ({ nodeId, target, reason }))).toEqual([
      { nodeId: 'kept', target: 'PostgreSQL', reason: "PostgreSQL cannot say regexp_matches() with DuckDB's meaning" },
    ]);
    expect(explainText(d, split)).toBe(
      [
        'in DuckDB: src',
        "in DuckDB: kept (no PostgreSQL: PostgreSQL cannot say regexp_matches() with DuckDB's meaning)",
        'in DuckDB: calc',
        'in DuckDB: ordered',
        'in DuckDB: top',
        '',
      ].join('\n'),
    );
  });

  it('keeps a limit without a sort in DuckDB, and pushes the chain above it', async () => {
    const d = doc(
      { id: 'src', type: 'source.mysql', params: { connection: 'shop', table: 'orders' } },
      {
        id: 'kept',
        type: 'transform.filter',
        inputs: { in: 'src' },
        params: { condition: "day >= DATE '2024-05-01'" },
      },
      { id: 'top', type: 'transform.limit', inputs: { in: 'kept' }, params: { count: 5 } },
    );
    const s = await open(d);
    const split = await planPushdown(conn, d, async (id) => (await s.schema(id)).columns);
    expect(split.chains.map((c) => c.nodes)).toEqual([['src', 'kept']]);
    expect(split.kept.map((k) => [k.nodeId, k.reason])).toEqual([
      ['top', 'a limit without a sort before it takes rows in an order only DuckDB keeps'],
    ]);
    expect(explainText(d, split)).toBe(
      `in MySQL: src → kept\n  SELECT * FROM (SELECT \`id\`, \`status\`, \`amount\`, \`qty\`, \`day\` FROM \`orders\`) AS duto_p1 WHERE (\`day\` >= CAST('2024-05-01' AS DATE))\n\nin DuckDB: top (no MySQL: a limit without a sort before it takes rows in an order only DuckDB keeps)\n`,
    );
    const all = await rows(pushedDocument(d, split), 'kept');
    expect(all.length).toBeGreaterThan(50);
    expect(all).toEqual(await rows(d, 'kept'));
  });
});
