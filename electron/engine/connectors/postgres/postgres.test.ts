import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSession, ProgressEvent } from '../../api';
import { openPipeline } from '../../index';
import { freshDir } from '../../test-support';
import { diagnosticText } from '../../../../shared/diagnostics';
import { doc, failingLate, pgQuery, pgSchema, testConnections } from '../test-databases';

/*
 * The PostgreSQL connector against the real server: types across
 * PG → DuckDB → PG, previews that read only what they show, the four write
 * modes, failures and cancellation that leave the target untouched.
 */

let schema: { name: string; drop: () => Promise<void> };
const sessions: PipelineSession[] = [];
const open = async (d: ReturnType<typeof doc>): Promise<PipelineSession> => {
  const s = await openPipeline(d, {
    trust: 'trusted',
    baseDir: freshDir(),
    connections: testConnections(),
    threads: 2,
  });
  sessions.push(s);
  return s;
};
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

const TYPES = `i2 smallint, i4 integer, i8 bigint, n numeric(12,2), nbig numeric(50,10), nfree numeric, f4 real, f8 double precision,
  b boolean, t text, vc varchar(20), ch char(3), d date, tm time, ttz timetz, ts timestamp, tstz timestamptz, iv interval,
  u uuid, j json, jb jsonb, by bytea, arr int[]`;

beforeAll(async () => {
  schema = await pgSchema();
  const s = schema.name;
  await pgQuery(`CREATE TABLE ${s}.types (id int PRIMARY KEY, ${TYPES})`);
  await pgQuery(`INSERT INTO ${s}.types VALUES
    (1, -32768, 2147483647, 9223372036854775807, -1234567890.12, 12345678901234567890123456789012345678.0123456789, 3.14159265358979323846264338327950288419716939937510,
     3.4028235e38, 1.7976931348623157e308, true, 'quote " comma , newline
 tab	 back\\slash ü 😀', '', 'ab', '2024-02-29', '23:59:59.999999', '10:00:00+02', '1999-12-31 23:59:59.123456', '2024-01-02 03:04:05.123456+05:30',
     '-1 years -2 mons +3 days -04:05:06.5', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2]}', '{"b": null}', '\\x00ff10', '{1,2,3}'),
    (2, 0, 0, 0, 0, 0, 0, 'NaN', '-Infinity', false, '', ' sp ', NULL, '0001-01-01', '00:00:00', '00:00:00+00', '1970-01-01 00:00:00', '1970-01-01 00:00:00+00',
     '0 days', '00000000-0000-0000-0000-000000000000', '[]', '{}', '\\x', '{}'),
    (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
  // Rows past the tenth fail: reading them at all is an error, so a preview that succeeds read no further.
  await pgQuery(
    `CREATE VIEW ${s}.poison AS SELECT i, CASE WHEN i > 10 THEN 1 / (i - i) ELSE i END AS v FROM generate_series(1, 100000) AS i`,
  );
  await pgQuery(
    `CREATE TABLE ${s}.late_bad AS SELECT i, CASE WHEN i = 30000 THEN 'oops' ELSE i::text END AS x FROM generate_series(1, 40000) AS i`,
  );
  await pgQuery(`CREATE VIEW ${s}.many AS SELECT i, md5(i::text) AS h FROM generate_series(1, 300000) AS i`);
});
afterAll(async () => schema.drop());

const src = (table: string, extra: Record<string, unknown> = {}) => ({
  id: 'src',
  type: 'source.postgres',
  params: { connection: 'warehouse', schema: schema.name, table, ...extra } as never,
});
const sink = (table: string, mode: string, input = 'src', extra: Record<string, unknown> = {}) => ({
  id: 'dst',
  type: 'sink.postgres',
  inputs: { in: input },
  params: { connection: 'warehouse', schema: schema.name, table, mode, ...extra } as never,
});
const stagingTables = async (): Promise<unknown[][]> =>
  pgQuery(`SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename LIKE '%\\_\\_duto\\_%'`, [schema.name]);

describe('PostgreSQL source', () => {
  it('maps every type to DuckDB at design time, from the catalog only', async () => {
    const s = await open(doc(src('types')));
    const { columns } = await s.schema('src');
    expect(columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'id INTEGER',
      'i2 SMALLINT',
      'i4 INTEGER',
      'i8 BIGINT',
      'n DECIMAL(12,2)',
      'nbig VARCHAR',
      'nfree DOUBLE',
      'f4 FLOAT',
      'f8 DOUBLE',
      'b BOOLEAN',
      't VARCHAR',
      'vc VARCHAR',
      'ch VARCHAR',
      'd DATE',
      'tm TIME',
      'ttz TIME WITH TIME ZONE',
      'ts TIMESTAMP',
      'tstz TIMESTAMP WITH TIME ZONE',
      'iv INTERVAL',
      'u UUID',
      'j JSON',
      'jb JSON',
      'by BLOB',
      'arr VARCHAR',
    ]);
  });

  it('an unconstrained numeric reads as DOUBLE, so a sum works at design time, and the node says what it costs', async () => {
    const s = await open(
      doc(src('types', { columns: ['id', 'nfree'] }), {
        id: 'total',
        type: 'transform.aggregate',
        inputs: { in: 'src' },
        params: { groupBy: [], measures: [{ function: 'sum', column: 'nfree', as: 'total' }] },
      }),
    );
    const v = await s.validate();
    expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const warned = v.diagnostics.find((d) => d.code === 'source.approximate');
    expect(warned).toMatchObject({ nodeId: 'src', param: 'table', severity: 'warning', args: { columns: 'nfree' } });
    expect(warned?.message).toContain('nfree: a numeric with no declared precision, read as DOUBLE');
    expect((await s.schema('total')).columns).toEqual([{ name: 'total', type: 'DOUBLE' }]);
    const p = await s.preview('total', 5);
    expect(p.rows[0]?.[0]).toBeCloseTo(3.14159265358979, 12);
  });

  it('`schema.table` typed in the Table field with no schema reads that schema', async () => {
    const s = await open(
      doc({
        id: 'src',
        type: 'source.postgres',
        params: { connection: 'warehouse', schema: '', table: `${schema.name}.types`, columns: ['id'] } as never,
      }),
    );
    expect((await s.preview('src', 5)).rows).toEqual([[1], [2], [3]]);
  });

  it('previews exact values (decimals, microseconds, time zones, bytes)', async () => {
    const s = await open(
      doc(
        src('types', {
          columns: ['id', 'i8', 'n', 'nbig', 'tstz', 'iv', 'by', 't'],
          filters: [{ column: 'id', op: '=', value: '1' }],
        }),
      ),
    );
    const p = await s.preview('src', 5);
    expect(p.rows).toEqual([
      [
        1,
        '9223372036854775807',
        -1234567890.12,
        '12345678901234567890123456789012345678.0123456789',
        '2024-01-01T21:34:05.123456+00',
        '-1 year -2 months 3 days -04:05:06.5',
        '00FF10',
        'quote " comma , newline\n tab\t back\\slash ü 😀',
      ],
    ]);
  });

  it('reads only what a preview shows; the run reads everything', async () => {
    const s = await open(
      doc(src('poison'), { id: 'top', type: 'transform.limit', inputs: { in: 'src' }, params: { count: 3 } }),
    );
    expect((await s.schema('src')).columns.map((c) => c.name)).toEqual(['i', 'v']);
    const p = await s.preview('src', 5);
    expect(p.rows).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    expect(p.more).toBe(true);
    const r = await s.run({ until: 'src' });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ nodeId: 'src', param: 'table', code: 'database.error' });
    expect(r.diagnostics[0]?.message).toMatch(
      /division by zero.*connection "warehouse"|connection "warehouse".*division by zero/,
    );
  });

  it('a missing table or column is a design-time error on the node, naming the connection', async () => {
    const s = await open(
      doc(src('nope'), {
        id: 's2',
        type: 'source.postgres',
        params: { connection: 'warehouse', schema: schema.name, table: 'types', columns: ['id', 'ghost'] },
      }),
    );
    const v = await s.validate();
    const byNode = Object.fromEntries(v.diagnostics.map((d) => [d.nodeId, d]));
    expect(byNode['src']).toMatchObject({ code: 'source.missing', param: 'table' });
    expect(byNode['src']?.message).toContain('connection "warehouse"');
    expect(byNode['src']?.message).toContain('does not exist');
    expect(byNode['s2']?.message).toContain('"ghost"');
    // In Portuguese, what Duto was doing is translated; the server's own words come as it said them.
    const missing = byNode['src'];
    expect(missing && diagnosticText(missing, 'pt-BR')).toMatch(
      new RegExp(
        `^não foi possível ler a tabela ${schema.name}\\.nope em connection "warehouse" \\([^)]*\\): o servidor respondeu: relation "${schema.name}\\.nope" does not exist$`,
      ),
    );
  });

  it("a query the server cannot parse is sql.invalid, the server's words inside the Portuguese template", async () => {
    const s = await open(
      doc({
        id: 'q',
        type: 'source.postgres',
        params: { connection: 'warehouse', mode: 'query', query: 'SELEC 1' } as never,
      }),
    );
    const d = (await s.validate()).diagnostics.find((x) => x.nodeId === 'q' && x.severity === 'error');
    expect(d).toMatchObject({ code: 'sql.invalid', variant: 'read-query', param: 'query' });
    expect(d?.message).toMatch(/^cannot read the query in connection "warehouse" \([^)]*\): syntax error at or near "/);
    expect(d && diagnosticText(d, 'pt-BR')).toMatch(
      /^não foi possível ler a consulta em connection "warehouse" \([^)]*\): o servidor respondeu: syntax error at or near "/,
    );
  });
});

describe('PostgreSQL round trip', () => {
  it('PG → DuckDB → PG keeps every value', async () => {
    const s = await open(doc(src('types'), sink('types_copy', 'replace')));
    const r = await s.run();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['source.approximate']);
    expect(r.outputs).toEqual([{ nodeId: 'dst', path: `warehouse: ${schema.name}.types_copy`, rows: 3 }]);
    // char(n) arrives padded, as PostgreSQL stores it: compared as char(3) again.
    // nfree reads as DOUBLE (an unconstrained numeric, with a warning): compared as a double below.
    const cols = [
      'i2',
      'i4',
      'i8',
      'n',
      'nbig',
      'f4',
      'f8',
      'b',
      't',
      'vc',
      'd',
      'tm',
      'ttz',
      'ts',
      'tstz',
      'iv',
      'u',
      'arr',
    ];
    const diff = await pgQuery(`SELECT a.id FROM ${schema.name}.types a JOIN ${schema.name}.types_copy b USING (id)
      WHERE ${cols.map((c) => `a.${c}::text IS DISTINCT FROM b.${c}::text`).join(' OR ')} OR a.j::jsonb IS DISTINCT FROM b.j OR a.jb IS DISTINCT FROM b.jb OR a.by IS DISTINCT FROM b.by OR a.ch IS DISTINCT FROM b.ch::char(3) OR a.nfree::float8 IS DISTINCT FROM b.nfree::float8`);
    expect(diff).toEqual([]);
    expect(await pgQuery(`SELECT count(*)::int FROM ${schema.name}.types_copy`)).toEqual([[3]]);
    const types = await pgQuery(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'types_copy' AND column_name IN ('n', 'tstz', 'by', 'jb', 'iv') ORDER BY column_name`,
      [schema.name],
    );
    expect(types).toEqual([
      ['by', 'bytea'],
      ['iv', 'interval'],
      ['jb', 'jsonb'],
      ['n', 'numeric'],
      ['tstz', 'timestamp with time zone'],
    ]);
  });
});

describe('PostgreSQL sink modes', () => {
  it('create refuses an existing table before reading anything; append adds; upsert merges on the key', async () => {
    await pgQuery(`CREATE TABLE ${schema.name}.kv (k int PRIMARY KEY, v text)`);
    await pgQuery(`INSERT INTO ${schema.name}.kv VALUES (1, 'old'), (5, 'keep')`);
    await pgQuery(`CREATE TABLE ${schema.name}.kv_in AS SELECT * FROM (VALUES (1, 'new'), (2, 'two')) AS t(k, v)`);
    const create = await (await open(doc(src('kv_in'), sink('kv', 'create')))).run();
    expect(create.ok).toBe(false);
    expect(create.diagnostics[0]).toMatchObject({ code: 'sink.exists', nodeId: 'dst', param: 'mode' });
    expect(create.nodes['src']?.status).toBe('skipped');

    const up = await (await open(doc(src('kv_in'), sink('kv', 'upsert', 'src', { keyColumns: ['k'] })))).run();
    expect(up.diagnostics).toEqual([]);
    expect(await pgQuery(`SELECT k, v FROM ${schema.name}.kv ORDER BY k`)).toEqual([
      [1, 'new'],
      [2, 'two'],
      [5, 'keep'],
    ]);

    const add = await (await open(doc(src('kv_in'), sink('kv_log', 'append')))).run();
    expect(add.ok).toBe(true);
    await (await open(doc(src('kv_in'), sink('kv_log', 'append')))).run();
    expect(await pgQuery(`SELECT count(*)::int FROM ${schema.name}.kv_log`)).toEqual([[4]]);

    const noKey = await (await open(doc(src('kv_in'), sink('kv_log', 'upsert', 'src', { keyColumns: ['k'] })))).run();
    expect(noKey.diagnostics[0]).toMatchObject({ code: 'sink.key', nodeId: 'dst', param: 'keyColumns' });
  });

  it('a run that fails mid-stream leaves the target as it was, and no staging table', async () => {
    await pgQuery(`CREATE TABLE ${schema.name}.target AS SELECT 1 AS i, 'previous' AS y`);
    for (const mode of ['replace', 'append']) {
      const s = await open(failingLate(src('late_bad'), (input) => sink('target', mode, input)));
      const r = await s.run();
      expect(r.ok).toBe(false);
      expect(r.diagnostics[0]?.message).toContain('oops');
      expect(await pgQuery(`SELECT i, y FROM ${schema.name}.target`)).toEqual([[1, 'previous']]);
    }
    // The server refuses a row mid-COPY: the whole load is rolled back.
    await pgQuery(`ALTER TABLE ${schema.name}.target ADD CHECK (i < 30000)`);
    const refused = await (await open(doc(src('late_bad', { columns: ['i'] }), sink('target', 'append')))).run();
    expect(refused.diagnostics[0]).toMatchObject({ nodeId: 'dst', param: 'table' });
    expect(refused.diagnostics[0]?.message).toContain('violates check constraint');
    expect(await pgQuery(`SELECT i, y FROM ${schema.name}.target`)).toEqual([[1, 'previous']]);
    expect(await stagingTables()).toEqual([]);
  });

  it('cancelling while the sink loads rolls back; cancelling while the source reads stops at once', async () => {
    await pgQuery(`CREATE TABLE ${schema.name}.big AS SELECT 1 AS i, 'previous' AS h`);
    const s = await open(doc(src('many'), sink('big', 'replace')));
    const controller = new AbortController();
    const events: ProgressEvent[] = [];
    const r = await s.run({
      signal: controller.signal,
      onProgress: (e) => {
        events.push(e);
        // Mid-load: COPY has received the first megabyte of CSV.
        if (e.nodeId === 'dst' && (e.progress ?? 0) > 0) controller.abort();
      },
    });
    expect(r.cancelled).toBe(true);
    expect(r.nodes['dst']?.status).toBe('cancelled');
    expect(events.some((e) => e.nodeId === 'src' && e.status === 'done' && e.rows === 300000)).toBe(true);
    expect(await pgQuery(`SELECT i, h FROM ${schema.name}.big`)).toEqual([[1, 'previous']]);
    expect(await stagingTables()).toEqual([]);

    const early = new AbortController();
    const started = performance.now();
    const r2 = await (
      await open(doc(src('many'), sink('big', 'replace')))
    ).run({
      signal: early.signal,
      onProgress: (e) => {
        if (e.nodeId === 'src' && e.status === 'running') early.abort();
      },
    });
    expect(r2.cancelled).toBe(true);
    expect(r2.nodes['src']?.status).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await pgQuery(`SELECT i, h FROM ${schema.name}.big`)).toEqual([[1, 'previous']]);
    // The server's session ended with the cancel: nothing of ours is still running there.
    const busy = await pgQuery(
      `SELECT count(*)::int FROM pg_stat_activity WHERE application_name = 'duto' AND state = 'active'`,
    );
    expect(busy).toEqual([[0]]);
  });

  it('a cancel reaches the server: a slow query of a source stops there, not only its socket', async () => {
    const marker = `duto_cancel_${String(process.pid)}`;
    const running = async (): Promise<number> =>
      Number(
        (
          await pgQuery(
            `SELECT count(*)::int FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()`,
            [`%${marker}%`],
          )
        )[0]?.[0] ?? 0,
      );
    const s = await open(
      doc(
        {
          id: 'slow',
          type: 'source.postgres',
          params: { connection: 'warehouse', mode: 'query', query: `SELECT 1 AS ${marker} FROM pg_sleep(30)` },
        },
        { id: 'out', type: 'sink.csv', inputs: { in: 'slow' }, params: { path: 'out.csv' } },
      ),
    );
    const controller = new AbortController();
    const done = s.run({ signal: controller.signal });
    // Cancelled once the server runs it.
    await expect.poll(running, { timeout: 10_000, interval: 100 }).toBe(1);
    controller.abort();
    expect((await done).cancelled).toBe(true);
    // Without the cancel on the server, pg_sleep(30) would run on for half a minute.
    await expect.poll(running, { timeout: 3_000, interval: 100 }).toBe(0);
  });
});

describe('PostgreSQL source queries never change data', () => {
  it('checks, schemas and previews run in a read-only transaction, rolled back: a function folded at planning cannot call nextval()', async () => {
    const s = schema.name;
    await pgQuery(`CREATE SEQUENCE ${s}.counter`);
    // IMMUTABLE (a lie): the planner folds it, so even a LIMIT 0 describe would run it.
    await pgQuery(
      `CREATE FUNCTION ${s}.folded() RETURNS bigint IMMUTABLE LANGUAGE plpgsql AS $$ BEGIN RETURN nextval('${s}.counter'); END $$`,
    );
    const counter = async (): Promise<unknown[][]> => pgQuery(`SELECT last_value::text, is_called FROM ${s}.counter`);
    const before = await counter();
    expect(before).toEqual([['1', false]]);

    const session = await open(
      doc({
        id: 'q',
        type: 'source.postgres',
        params: { connection: 'warehouse', mode: 'query', query: `SELECT ${s}.folded() AS n` } as never,
      }),
    );
    const problem = (await session.validate()).diagnostics.find((d) => d.nodeId === 'q' && d.severity === 'error');
    expect(problem).toMatchObject({ code: 'source.writes', param: 'query' });
    expect(problem?.message).toContain('cannot execute nextval() in a read-only transaction');
    expect(problem?.message).toContain(
      'a source only reads, in a read-only transaction: its query may not change data',
    );
    expect(problem && diagnosticText(problem, 'pt-BR')).toMatch(
      /^não foi possível ler a consulta em connection "warehouse" \([^)]*\): o servidor respondeu: cannot execute nextval\(\) in a read-only transaction.*; uma fonte só lê, numa transação somente leitura: sua consulta não pode alterar dados/,
    );
    await expect(session.preview('q', 5)).rejects.toThrow(/read-only transaction/);
    expect(await counter()).toEqual(before);
  });

  it('a plain query still describes and previews inside its read-only transaction', async () => {
    const session = await open(
      doc({
        id: 'q',
        type: 'source.postgres',
        params: { connection: 'warehouse', mode: 'query', query: 'SELECT 41 + 1 AS answer' } as never,
      }),
    );
    expect((await session.schema('q')).columns).toEqual([{ name: 'answer', type: 'INTEGER' }]);
    expect((await session.preview('q', 5)).rows).toEqual([[42]]);
  });

  it("the describe's own settings (no JIT, no parallel workers: a LIMIT 0 starts no executor work) stay in its transaction", async () => {
    const server = (): Promise<unknown[][]> =>
      pgQuery(`SELECT current_setting('jit'), current_setting('max_parallel_workers_per_gather')`);
    const session = await open(
      doc({
        id: 'q',
        type: 'source.postgres',
        params: {
          connection: 'warehouse',
          mode: 'query',
          query: `SELECT current_setting('jit') AS jit, current_setting('max_parallel_workers_per_gather') AS workers`,
        } as never,
      }),
    );
    expect((await session.schema('q')).columns.map((c) => c.name)).toEqual(['jit', 'workers']);
    // The rows are read in a transaction of their own: the server's settings, not the describe's.
    expect((await session.preview('q', 5)).rows).toEqual(await server());
  });
});
