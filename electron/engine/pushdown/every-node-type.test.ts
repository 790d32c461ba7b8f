import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeTypes } from '../../../shared/catalog/index';
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
 * Every node type of the catalog, in PostgreSQL and MySQL/MariaDB: pushed
 * (the per-node files prove the values: push-nodes.test.ts,
 * plan-pushdown.test.ts, elt.test.ts), or refused by name — the node stays in
 * DuckDB and `duto explain` says why, in English and Portuguese. A type added
 * to the catalog fails here until it is one or the other.
 */

/** Computed in the database, each proven value for value against DuckDB in the files above. */
const PUSHED = new Set([
  'transform.filter',
  'transform.derive',
  'transform.select',
  'transform.distinct',
  'transform.aggregate',
  'transform.join',
  'transform.sort',
  'transform.limit',
  'transform.window',
  'transform.fill_nulls',
  'transform.cast',
  'transform.union',
]);
/** Sources of each target (read whole, or as the base of a part). */
const SOURCES = new Set(['source.postgres', 'source.mysql', 'source.clickhouse']);
/** Kept in DuckDB, each with `duto explain`'s reason: the list a new type must join (or PUSHED), by name. */
const REFUSED = new Set([
  'transform.pivot',
  'transform.unpivot',
  'transform.sql',
  'quality.checks',
  'ml.score',
  'ml.train',
  'sink.csv',
  'sink.json',
  'sink.parquet',
  'sink.delta',
  'sink.excel',
  'sink.sqlite',
]);
/** Sinks that write a part on its own server (ELT, elt.test.ts) when it is theirs; elsewhere they stream. */
const ELT_SINKS = new Set(['sink.postgres', 'sink.mysql', 'sink.clickhouse']);

let pg = '';
let my = '';
let conn: DuckDBConnection;
const drops: Array<() => Promise<void>> = [];
const { splitOf } = pushedVsPulled(
  () => testConnections(my),
  () => conn,
);

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  const s = await pgSchema();
  const m = await myDatabase();
  drops.push(s.drop, m.drop);
  pg = s.name;
  my = m.name;
  await pgQuery(`CREATE TABLE ${pg}.t (id integer, name text, amount numeric(10,2))`);
  await pgQuery(`INSERT INTO ${pg}.t VALUES (1, 'a', 1.50), (2, 'b', NULL)`);
  await myQuery('CREATE TABLE t (id INT, name VARCHAR(10), amount DECIMAL(10,2))', [], my);
  await myQuery("INSERT INTO t VALUES (1, 'a', 1.50), (2, 'b', NULL)", [], my);
});
afterAll(async () => {
  conn.closeSync();
  for (const d of drops) await d();
});

type Which = 'PostgreSQL' | 'MySQL';

function source(which: Which, id: string): NodeSpec {
  return which === 'PostgreSQL'
    ? { id, type: 'source.postgres', params: { connection: 'warehouse', table: `${pg}.t` } }
    : { id, type: 'source.mysql', params: { connection: 'shop', table: 't' } };
}

/** The node under test, reading the table on every input port it has. */
function reading(type: (typeof nodeTypes)[number]): NodeSpec {
  const inputs = Object.fromEntries(type.inputs.map((port) => [port.name, port.multi === true ? ['src'] : 'src']));
  return { id: 'n', type: type.type, inputs, params: {} };
}

describe.each(['PostgreSQL', 'MySQL'] as const)('%s: every node type is pushed or refused by name', (which) => {
  const refusable = nodeTypes.filter((t) => REFUSED.has(t.type));

  it('the catalog has no type this file does not place, and places no type the catalog lacks', () => {
    const types = nodeTypes.map((t) => t.type);
    const placed = new Set([...PUSHED, ...SOURCES, ...ELT_SINKS, ...REFUSED]);
    // Other nodes without inputs (file and HTTP sources, reports) are never part of a database's query.
    const inputless = nodeTypes.filter((t) => t.inputs.length === 0).map((t) => t.type);
    expect(types.filter((t) => !placed.has(t) && !inputless.includes(t))).toEqual([]);
    expect([...PUSHED, ...SOURCES, ...ELT_SINKS, ...REFUSED].filter((t) => !types.includes(t))).toEqual([]);
  });

  it('a node whose params DuckDB refuses stays in DuckDB, never a crash of the planner', async () => {
    for (const type of ['transform.filter', 'transform.aggregate', 'transform.window', 'transform.select']) {
      const d = doc(source(which, 'src'), { id: 'n', type, inputs: { in: 'src' }, params: {} });
      const split = await splitOf(d);
      expect(split.chains.flatMap((c) => c.nodes)).not.toContain('n');
      // A select of nothing is refused as such; the others are nodes DuckDB cannot type.
      expect(split.kept.find((k) => k.nodeId === 'n')?.why.key).toBe(
        type === 'transform.select' ? 'no-column' : 'no-schema',
      );
    }
  });

  it.each(refusable.map((t) => [t.type, t] as const))(
    '%s stays in DuckDB, and explain says why in English and Portuguese',
    async (_, type) => {
      const d = doc(source(which, 'src'), reading(type));
      const split = await splitOf(d);
      expect(split.chains.flatMap((c) => c.nodes)).not.toContain('n');
      const kept = split.kept.find((k) => k.nodeId === 'n');
      expect(kept?.target).toBe(which);
      const reasons = ['not-yet', 'several-inputs'];
      expect(reasons).toContain(kept?.why.key);
      const en = explainText(d, split, 'en');
      const pt = explainText(d, split, 'pt-BR');
      expect(en).toContain(`in DuckDB: n (no ${which}: `);
      expect(pt).toMatch(/no DuckDB: n \(/);
      if (kept?.why.key === 'not-yet') {
        expect(en).toContain(`${type.type} is not pushed to a database yet`);
        expect(pt).toContain(`${type.type} ainda não vai a um banco de dados`);
      }
    },
  );
});
