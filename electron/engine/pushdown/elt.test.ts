import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSession, ProgressEvent, RunResult } from '../api';
import { openPipeline } from '../index';
import { freshDir } from '../test-support';
import { connectionLookup } from '../connections/lookup';
import type { ConnectionLookup } from '../connections/resolved';
import { doc, myDatabase, myQuery, pgQuery, pgSchema, testConnectionsFile } from '../connectors/test-databases';
import type { PipelineDocument } from '../../../shared/format/document';
import { explainText, pushdownSplit } from './explain-pushdown';
import { pushedDocument, type PushdownSplit } from './plan-pushdown';
import { nodePlacement } from './pushed-run';

/**
 * ELT: a pushed part whose only reader is a table sink on the same connection
 * is written by the database itself (INSERT … SELECT in the sink's own
 * transaction). Each mode leaves the very table (rows and column types) the
 * streamed run leaves, a failure leaves the target as it was, and no row of
 * the part comes into DuckDB.
 */

let pg = '';
let my = '';
const drops: Array<() => Promise<void>> = [];
const sessions: PipelineSession[] = [];

const connections = (): ConnectionLookup => {
  const file = testConnectionsFile(my);
  return connectionLookup(
    [{ ...file, connections: { ...file.connections, other: { kind: 'postgres', ...file.connections['warehouse'] } } }],
    {},
  );
};

const open = async (d: PipelineDocument): Promise<PipelineSession> => {
  const s = await openPipeline(d, { trust: 'trusted', baseDir: freshDir(), connections: connections(), threads: 2 });
  sessions.push(s);
  return s;
};
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

beforeAll(async () => {
  const p = await pgSchema();
  const m = await myDatabase();
  pg = p.name;
  my = m.name;
  drops.push(p.drop, m.drop);
  await pgQuery(
    `CREATE TABLE ${pg}.orders (id integer PRIMARY KEY, status char(6), amount numeric(10,2), price double precision,
      qty integer, at timestamptz, day date, note text, ip inet, u uuid, loose numeric)`,
  );
  await pgQuery(
    `INSERT INTO ${pg}.orders SELECT i, CASE WHEN i % 3 = 0 THEN 'paid' ELSE 'open' END, (i * 1.25)::numeric(10,2),
      i / 7.0, i % 11, timestamptz '2024-01-01 00:00:00+00' + i * interval '61 minutes', date '2024-01-01' + i % 40,
      CASE WHEN i % 5 = 0 THEN NULL ELSE 'n' || i END, ('10.0.' || (i % 250) || '.1')::inet,
      md5(i::text)::uuid, i / 3.0 FROM generate_series(1, 3000) i`,
  );
  await myQuery(
    `CREATE TABLE ${my}.orders (id int PRIMARY KEY, status char(6), amount decimal(10,2), price double, qty int,
      at timestamp(6) NULL, day date, note varchar(40), flag tinyint(1)) ENGINE=InnoDB`,
  );
  await myQuery(
    `INSERT INTO ${my}.orders SELECT seq, IF(seq % 3 = 0, 'paid', 'open'), seq * 1.25, seq / 7.0, seq % 11,
      TIMESTAMP('2024-01-01') + INTERVAL seq * 61 MINUTE, DATE('2024-01-01') + INTERVAL seq % 40 DAY,
      IF(seq % 5 = 0, NULL, CONCAT('n', seq)), seq % 2 FROM seq_1_to_3000`,
    [],
    my,
  );
});
afterAll(async () => {
  for (const d of drops) await d();
});

type Db = 'postgres' | 'mysql';
const conn = (db: Db): string => (db === 'postgres' ? 'warehouse' : 'shop');
const sourceTable = (db: Db): string => (db === 'postgres' ? `${pg}.orders` : 'orders');

/** orders → filter → derive → sink (table, mode), all on one connection; `sinkOff`: the sink's pushdown switched off. */
function pipeline(db: Db, table: string, mode: string, sinkOff = false): PipelineDocument {
  const d = doc(
    { id: 'src', type: `source.${db}`, params: { connection: conn(db), table: sourceTable(db) } },
    { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: 'qty > 2' } },
    {
      id: 'calc',
      type: 'transform.derive',
      inputs: { in: 'kept' },
      params: { columns: [{ name: 'twice', expression: 'amount * 2' }] },
    },
    {
      id: 'out',
      type: `sink.${db}`,
      inputs: { in: 'calc' },
      params: {
        connection: conn(db),
        ...(db === 'postgres' ? { schema: pg } : {}),
        table,
        mode,
        ...(mode === 'upsert' ? { keyColumns: ['id'] } : {}),
      },
    },
  );
  return { ...d, nodes: d.nodes.map((n) => (sinkOff && n.id === 'out' ? { ...n, pushdown: false } : n)) };
}

/** A run as `duto run` makes it: the split, the pushed document, the loads (ELT) unless `stream`. */
async function run(
  d: PipelineDocument,
  stream = false,
): Promise<{ split: PushdownSplit; result: RunResult; events: ProgressEvent[] }> {
  const split = await pushdownSplit(d, await open(d));
  const events: ProgressEvent[] = [];
  const s = await open(pushedDocument(d, split));
  const result = await s.run({
    ...(stream || split.loads === undefined ? {} : { serverLoads: split.loads }),
    onProgress: (e) => events.push(e),
  });
  return { split, result, events };
}

/** Rows (ordered) and column types of a table. */
async function table(db: Db, name: string): Promise<{ rows: unknown[][]; types: unknown[][] }> {
  if (db === 'postgres')
    return {
      rows: await pgQuery(`SELECT * FROM ${pg}.${name} ORDER BY id`),
      types: await pgQuery(
        `SELECT column_name, data_type, numeric_precision, numeric_scale FROM information_schema.columns
         WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
        [pg, name],
      ),
    };
  return {
    rows: await myQuery(`SELECT * FROM ${my}.${name} ORDER BY id`),
    types: await myQuery(
      `SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY FROM information_schema.COLUMNS
       WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      [my, name],
    ),
  };
}

async function exec(db: Db, sql: string): Promise<void> {
  if (db === 'postgres') await pgQuery(sql.replaceAll('$S', pg));
  else await myQuery(sql.replaceAll('$S', my));
}

/** Before a mode's run: the target as each mode expects it (absent, or holding rows to replace, append to or update). */
async function prepare(db: Db, name: string, mode: string): Promise<void> {
  if (mode === 'create') return;
  const key = mode === 'upsert' ? ' PRIMARY KEY' : '';
  if (db === 'postgres') {
    await exec(
      db,
      `CREATE TABLE $S.${name} (id integer${key}, status char(6), amount numeric(10,2), price double precision, qty integer, at timestamptz, day date, note text, ip text, u uuid, loose double precision, twice numeric)`,
    );
    await exec(
      db,
      `INSERT INTO $S.${name} (id, status, qty, twice, note) VALUES (3, 'x', 1, 1, 'before'), (99999, 'y', 2, 2, 'kept')`,
    );
  } else {
    await exec(
      db,
      `CREATE TABLE $S.${name} (id int${key}, status char(6), amount decimal(10,2), price double, qty int, at timestamp(6) NULL, day date, note varchar(40), flag tinyint(1), twice decimal(20,2)) ENGINE=InnoDB`,
    );
    await exec(
      db,
      `INSERT INTO $S.${name} (id, status, qty, twice, note) VALUES (3, 'x', 1, 1, 'before'), (99999, 'y', 2, 2, 'kept')`,
    );
  }
}

describe.each<Db>(['postgres', 'mysql'])('ELT in %s', (db) => {
  it.each(['create', 'replace', 'append', 'upsert'])(
    '%s: the server writes the same table as the streamed run, and no row comes into DuckDB',
    async (mode) => {
      const streamed = `streamed_${mode}`;
      const elt = `elt_${mode}`;
      await prepare(db, streamed, mode);
      await prepare(db, elt, mode);
      const before = await run(pipeline(db, streamed, mode), true);
      expect(before.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const after = await run(pipeline(db, elt, mode));
      expect(after.result.ok).toBe(true);
      expect(after.split.loads).toMatchObject([{ sinkId: 'out', sourceId: 'calc', mode }]);
      expect(await table(db, elt)).toEqual(await table(db, streamed));
      // The same counts in the run's result: the sink's rows, and the part's (reported on its last node).
      const rows = before.result.nodes['out']?.rows;
      expect(rows).toBeGreaterThan(2000);
      expect(after.result.nodes['out']?.rows).toBe(rows);
      expect(after.result.nodes['calc']).toMatchObject({ status: 'done', rows, streamed: true });
      expect(after.result.outputs).toEqual(
        before.result.outputs.map((o) => ({ ...o, path: o.path.replace(streamed, elt) })),
      );
      // Streamed, the part's rows come in (its source reports them as read); ELT, none does.
      expect(before.result.nodes['calc']).toMatchObject({ status: 'done', rows });
      expect(before.result.nodes['calc']?.streamed).toBeUndefined();
      expect(after.events.filter((e) => e.nodeId === 'calc' && e.status === 'running' && e.rows !== undefined)).toEqual(
        [],
      );
    },
  );

  it('a source copied as it is into a table of its connection is a load too (no part of one node otherwise)', async () => {
    const copy = (name: string): PipelineDocument =>
      doc(
        { id: 'src', type: `source.${db}`, params: { connection: conn(db), table: sourceTable(db) } },
        {
          id: 'out',
          type: `sink.${db}`,
          inputs: { in: 'src' },
          params: { connection: conn(db), ...(db === 'postgres' ? { schema: pg } : {}), table: name, mode: 'create' },
        },
      );
    const streamed = await run(copy('copied_s'), true);
    const { split, result } = await run(copy('copied_e'));
    expect(split.chains.map((c) => c.nodes)).toEqual([['src']]);
    expect(split.loads).toMatchObject([{ sinkId: 'out', sourceId: 'src' }]);
    expect(streamed.result.nodes['out']?.rows).toBe(3000);
    expect(result.nodes['out']?.rows).toBe(3000);
    expect(await table(db, 'copied_e')).toEqual(await table(db, 'copied_s'));
    // A source read by a file sink is not pushed at all, as before.
    const file = doc(
      { id: 'src', type: `source.${db}`, params: { connection: conn(db), table: sourceTable(db) } },
      { id: 'out', type: 'sink.csv', inputs: { in: 'src' }, params: { path: `${freshDir()}/x.csv` } },
    );
    expect((await pushdownSplit(file, await open(file))).chains).toEqual([]);
  });

  it('a failure in the middle of the INSERT … SELECT leaves the target as it was', async () => {
    await prepare(db, 'checked', 'append');
    // Row 1500 breaks the target's CHECK: the statement fails after inserting the ones before it.
    await exec(db, `ALTER TABLE $S.checked ADD CONSTRAINT small CHECK (id <> 1500)`);
    const before = await table(db, 'checked');
    const { result, split } = await run(pipeline(db, 'checked', 'append'));
    expect(split.loads).toHaveLength(1);
    expect(result.ok).toBe(false);
    expect(result.nodes['out']?.status).toBe('failed');
    expect(result.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ nodeId: 'out' });
    expect(await table(db, 'checked')).toEqual(before);
    await exec(db, `ALTER TABLE $S.checked DROP ${db === 'postgres' ? 'CONSTRAINT' : 'CONSTRAINT'} small`);
  });

  it('a hostile table name is one quoted name on the server: no statement stacked after it runs', async () => {
    // Quotes of both dialects, a statement terminator, a comment and a dollar quote: all part of the name.
    const name = `x"\`; DROP TABLE orders; -- $$q`;
    const sourceCount = async (): Promise<unknown> =>
      db === 'postgres'
        ? (await pgQuery(`SELECT count(*)::int FROM ${pg}.orders`))[0]?.[0]
        : Number((await myQuery(`SELECT count(*) FROM ${my}.orders`))[0]?.[0]);
    expect(await sourceCount()).toBe(3000);
    const { result, split } = await run(pipeline(db, name, 'create'));
    expect(split.loads).toMatchObject([{ sinkId: 'out', sourceId: 'calc' }]);
    expect(result.ok).toBe(true);
    const rows = result.nodes['out']?.rows;
    expect(rows).toBeGreaterThan(2000);
    // The table exists under exactly that name, with the rows; the source table is untouched.
    const created =
      db === 'postgres'
        ? await pgQuery(
            `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`,
            [pg, name],
          )
        : await myQuery(`SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`, [
            my,
            name,
          ]);
    expect(created).toEqual([[name]]);
    const counted =
      db === 'postgres'
        ? await pgQuery(`SELECT count(*)::int FROM ${pg}."${name.replaceAll('"', '""')}"`)
        : await myQuery(`SELECT count(*) FROM ${my}.\`${name.replaceAll('`', '``')}\``);
    expect(Number(counted[0]?.[0])).toBe(rows);
    expect(await sourceCount()).toBe(3000);
  });

  it('explain shows the load; a sink on another connection, switched off, or a part read twice streams and says why', async () => {
    const d = pipeline(db, 'explained', 'replace');
    const split = await pushdownSplit(d, await open(d));
    const label = db === 'postgres' ? 'PostgreSQL' : 'MySQL';
    const text = explainText(d, split);
    expect(text).toContain(`in ${label}: src → kept → calc → out`);
    expect(text).toContain('written there by out: INSERT … SELECT into');
    expect(text).not.toContain('in DuckDB: out');
    expect(explainText(d, split, 'pt-BR')).toContain('gravado lá por out');
    expect(nodePlacement(split)['out']).toEqual({ target: label });

    const off = pipeline(db, 'explained', 'replace', true);
    const offSplit = await pushdownSplit(off, await open(off));
    expect(offSplit.loads).toBeUndefined();
    expect(explainText(off, offSplit)).toContain(`in DuckDB: out (no ${label}: pushdown is off for this node)`);

    const twice: PipelineDocument = {
      ...d,
      nodes: [
        ...d.nodes,
        {
          id: 'count',
          type: 'transform.aggregate',
          inputs: { in: 'calc' },
          params: { aggregates: [{ fn: 'count', as: 'n' }] },
        },
      ],
    };
    const twiceSplit = await pushdownSplit(twice, await open(twice));
    expect(twiceSplit.loads).toBeUndefined();
    expect(explainText(twice, twiceSplit)).toContain('in DuckDB: out (no');
  });
});

describe('ELT failures', () => {
  it('PostgreSQL: a replace whose SELECT fails on the server (a sum past BIGINT) leaves the old table, and no staging table', async () => {
    await pgQuery(`CREATE TABLE ${pg}.huge (id integer, g text, big bigint)`);
    await pgQuery(
      `INSERT INTO ${pg}.huge VALUES (1, 'a', 9000000000000000000), (2, 'a', 9000000000000000000), (3, 'b', 1)`,
    );
    await pgQuery(`CREATE TABLE ${pg}.sums (g text, total bigint)`);
    await pgQuery(`INSERT INTO ${pg}.sums VALUES ('old', 1)`);
    const d = doc(
      { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: `${pg}.huge` } },
      {
        id: 'sum',
        type: 'transform.aggregate',
        inputs: { in: 'src' },
        params: { groupBy: ['g'], measures: [{ function: 'sum', column: 'big', as: 'total' }] },
      },
      {
        id: 'out',
        type: 'sink.postgres',
        inputs: { in: 'sum' },
        params: { connection: 'warehouse', schema: pg, table: 'sums', mode: 'replace' },
      },
    );
    const { result, split } = await run(d);
    expect(split.loads).toMatchObject([{ sinkId: 'out', sourceId: 'sum' }]);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.find((x) => x.severity === 'error')).toMatchObject({ nodeId: 'out' });
    expect(result.diagnostics.find((x) => x.severity === 'error')?.message).toMatch(/out of range/);
    expect(await pgQuery(`SELECT * FROM ${pg}.sums`)).toEqual([['old', '1']]);
    expect(
      await pgQuery(`SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename LIKE '\\_\\_duto%'`, [pg]),
    ).toEqual([]);
  });
});

describe('ELT fallbacks', () => {
  it('PostgreSQL: a sink on another connection (even to the same server) streams, with the reason', async () => {
    const d = pipeline('postgres', 'elsewhere', 'replace');
    const other: PipelineDocument = {
      ...d,
      nodes: d.nodes.map((n) => (n.id === 'out' ? { ...n, params: { ...n.params, connection: 'other' } } : n)),
    };
    const split = await pushdownSplit(other, await open(other));
    expect(split.loads).toBeUndefined();
    expect(explainText(other, split)).toContain(
      'in DuckDB: out (no PostgreSQL: it writes to another connection than the one its input is read from)',
    );
    const { result } = await run(other);
    expect(result.ok).toBe(true);
    expect(result.nodes['calc']?.streamed).toBeUndefined();
  });

  it('an append to a table whose column types are not the ones Duto creates streams (COPY parses text the INSERT would refuse)', async () => {
    await pgQuery(`CREATE TABLE ${pg}.typed (id integer, ip inet)`);
    const d = doc(
      { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: `${pg}.orders` } },
      {
        id: 'few',
        type: 'transform.select',
        inputs: { in: 'src' },
        params: { columns: [{ column: 'id' }, { column: 'ip' }] },
      },
      {
        id: 'out',
        type: 'sink.postgres',
        inputs: { in: 'few' },
        params: { connection: 'warehouse', schema: pg, table: 'typed', mode: 'append' },
      },
    );
    const { split, result } = await run(d);
    expect(split.loads).toHaveLength(1);
    expect(result.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(result.nodes['out']?.rows).toBe(3000);
    // Read into DuckDB and streamed, as without the load.
    expect(result.nodes['few']).toMatchObject({ status: 'done', rows: 3000 });
    expect(result.nodes['few']?.streamed).toBeUndefined();
    expect(await pgQuery(`SELECT count(*)::int FROM ${pg}.typed WHERE ip = '10.0.1.1'`)).toEqual([[12]]);
  });

  it('MySQL: a sink naming a database streams (a pushed part writes only into its own database)', async () => {
    const d = pipeline('mysql', 'named', 'replace');
    const named: PipelineDocument = {
      ...d,
      nodes: d.nodes.map((n) => (n.id === 'out' ? { ...n, params: { ...n.params, schema: my } } : n)),
    };
    const split = await pushdownSplit(named, await open(named));
    expect(split.loads).toBeUndefined();
    expect(explainText(named, split)).toContain(`it writes into database ${my}, not the connection's own`);
    expect(explainText(named, split, 'pt-BR')).toContain(`grava no banco ${my}`);
  });

  it('the engine streams a load it cannot honour (a source not made by the planner, or read by another node)', async () => {
    const d = doc(
      {
        id: 'src',
        type: 'source.postgres',
        params: { connection: 'warehouse', mode: 'query', query: `SELECT id FROM ${pg}.orders` },
      },
      {
        id: 'out',
        type: 'sink.postgres',
        inputs: { in: 'src' },
        params: { connection: 'other', schema: pg, table: 'forced', mode: 'replace' },
      },
    );
    const s = await open(d);
    const result = await s.run({ serverLoads: [{ sinkId: 'out', sourceId: 'src' }] });
    expect(result.ok).toBe(true);
    // Another connection: read into DuckDB and streamed, as without the load.
    expect(result.nodes['src']).toMatchObject({ status: 'done', rows: 3000 });
    expect(result.nodes['src']?.streamed).toBeUndefined();
  });
});
