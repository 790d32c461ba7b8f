import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSession } from '../../api';
import { openPipeline } from '../../index';
import { freshDir } from '../../test-support';
import { diagnosticText } from '../../../../shared/diagnostics';
import { doc, failingLate, type NodeSpec } from '../test-databases';
import { SHARDS, SKIP_MESSAGE, chConnections, chDatabase, chQuery, clusterUp } from './ch-test-cluster';

/*
 * The ClickHouse sink against the real cluster: values that go through
 * DuckDB and back keep their meaning; create, replace and append each end
 * with the whole load or none of it (a staging table, renamed or copied in
 * one statement); what ClickHouse cannot hold is refused by column.
 */

const up = await clusterUp();
if (!up) console.warn(SKIP_MESSAGE);

let db: { name: string; drop: () => Promise<void> };
const sessions: PipelineSession[] = [];
const open = async (d: ReturnType<typeof doc>): Promise<PipelineSession> => {
  const s = await openPipeline(d, {
    trust: 'trusted',
    baseDir: freshDir(),
    connections: chConnections(db.name),
    threads: 2,
  });
  sessions.push(s);
  return s;
};
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});
const q = (sql: string, port: number = SHARDS[0]): Promise<string> => chQuery(sql, port);
const leftovers = async (): Promise<string> =>
  q(`SELECT name FROM system.tables WHERE database = '${db.name}' AND substring(name, 1, 7) = '__duto_'`);

beforeAll(async () => {
  if (!up) return;
  db = await chDatabase();
  await q(
    `CREATE TABLE ${db.name}.types (id Int32, i8 Int8, u64 UInt64, f64 Float64, dec Decimal(18,4), s String, fs FixedString(3),
      d Date, dt DateTime, dtz DateTime('Asia/Tokyo'), n Nullable(Int32), lc LowCardinality(String), u UUID,
      e Enum8('a' = 1, 'b' = 2), arr Array(Int32)) ENGINE = MergeTree ORDER BY id`,
  );
  await q(`INSERT INTO ${db.name}.types VALUES
    (1, -128, 18446744073709551615, -1.7976931348623157e308, -12345678901234.5678, 'tab\\there\\nnew ''q'' \\\\ ü 😀 \\0 nul',
     'ab', '2105-12-31', '2024-02-29 23:59:59', '2024-01-01 09:00:00', NULL, 'x', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'b', [1, -2]),
    (2, 0, 0, nan, 0, '', '', '1970-01-01', '1970-01-01 00:00:00', '1970-01-01 09:00:00', 7, '', '00000000-0000-0000-0000-000000000000', 'a', [])`);
  await q(`CREATE TABLE ${db.name}.late_bad (i Int32, x String) ENGINE = MergeTree ORDER BY i`);
  await q(
    `INSERT INTO ${db.name}.late_bad SELECT toInt32(number), if(number = 9000, 'oops', toString(number)) FROM system.numbers LIMIT 12000`,
  );
}, 60_000);
afterAll(async () => {
  if (up) await db.drop();
});

const src = (table: string, extra: Record<string, unknown> = {}): NodeSpec => ({
  id: 'src',
  type: 'source.clickhouse',
  params: { connection: 'ch', table, ...extra } as never,
});
const sink = (table: string, mode: string, input = 'src', connection = 'ch'): NodeSpec => ({
  id: 'dst',
  type: 'sink.clickhouse',
  inputs: { in: input },
  params: { connection, table, mode } as never,
});

describe.skipIf(!up)('ClickHouse sink', () => {
  it('ClickHouse → DuckDB → ClickHouse keeps every value', async () => {
    const r = await (await open(doc(src('types'), sink('types_copy', 'replace')))).run();
    expect(r.diagnostics).toEqual([]);
    expect(r.outputs[0]?.rows).toBe(2);
    // Read back through Duto: the copy's rows are the original's, value for value.
    const read = async (table: string) => (await (await open(doc(src(table)))).preview('src', 10)).rows;
    expect(await read('types_copy')).toEqual(await read('types'));
    const created = await q(
      `SELECT name, type FROM system.columns WHERE database = '${db.name}' AND table = 'types_copy' FORMAT TSV`,
    );
    expect(created).toContain('u64\tNullable(UInt64)');
    expect(created).toContain('dec\tNullable(Decimal(18, 4))');
    expect(created).toContain("dt\tNullable(DateTime(\\'UTC\\'))");
    expect(await q(`SELECT engine FROM system.tables WHERE database = '${db.name}' AND name = 'types_copy'`)).toBe(
      'MergeTree\n',
    );
  });

  it('create refuses an existing table; append adds; replace swaps; upsert is refused by name', async () => {
    await q(`CREATE TABLE ${db.name}.kv (k Int32, v String) ENGINE = MergeTree ORDER BY k`);
    await q(`INSERT INTO ${db.name}.kv VALUES (1, 'old')`);
    const input: NodeSpec = {
      id: 'gen',
      type: 'source.clickhouse',
      params: { connection: 'ch', mode: 'query', query: "SELECT toInt32(2) AS k, 'two' AS v" } as never,
    };
    const create = await (await open(doc(input, sink('kv', 'create', 'gen')))).run();
    expect(create.diagnostics[0]).toMatchObject({ code: 'sink.exists', nodeId: 'dst', param: 'mode' });
    expect((await (await open(doc(input, sink('kv', 'append', 'gen')))).run()).diagnostics).toEqual([]);
    expect(await q(`SELECT k, v FROM ${db.name}.kv ORDER BY k`)).toBe('1\told\n2\ttwo\n');
    expect((await (await open(doc(input, sink('kv', 'replace', 'gen')))).run()).diagnostics).toEqual([]);
    expect(await q(`SELECT k, v FROM ${db.name}.kv ORDER BY k`)).toBe('2\ttwo\n');
    const upsert = await open(
      doc(input, {
        ...sink('kv', 'upsert', 'gen'),
        params: { connection: 'ch', table: 'kv', mode: 'upsert' } as never,
      }),
    );
    const refused = (await upsert.validate()).diagnostics.find((d) => d.nodeId === 'dst');
    expect(refused).toMatchObject({ param: 'mode' });
    expect(await leftovers()).toBe('');
  });

  it('appends through a Distributed table land on both shards, written before the run ends', async () => {
    for (const port of SHARDS)
      await q(`CREATE TABLE ${db.name}.ev_local (k Int32, v String) ENGINE = MergeTree ORDER BY k`, port);
    await q(
      `CREATE TABLE ${db.name}.ev AS ${db.name}.ev_local ENGINE = Distributed(duto_2shards, ${db.name}, ev_local, k)`,
    );
    const gen: NodeSpec = {
      id: 'gen',
      type: 'source.clickhouse',
      params: {
        connection: 'ch',
        mode: 'query',
        query: 'SELECT toInt32(number) AS k, toString(number) AS v FROM system.numbers LIMIT 1000',
      } as never,
    };
    const r = await (await open(doc(gen, sink('ev', 'append', 'gen')))).run();
    expect(r.diagnostics).toEqual([]);
    const counts = await Promise.all(SHARDS.map((p) => q(`SELECT count() FROM ${db.name}.ev_local`, p)));
    expect(counts).toEqual(['500\n', '500\n']);
    // Replacing the Distributed table would swap the router, not the shards' rows: refused, nothing changed.
    const replace = await (await open(doc(gen, sink('ev', 'replace', 'gen')))).run();
    expect(replace.diagnostics[0]).toMatchObject({ code: 'sink.non-transactional', nodeId: 'dst', param: 'mode' });
    expect(replace.diagnostics[0] && diagnosticText(replace.diagnostics[0], 'pt-BR')).toContain('Distributed');
    expect(await q(`SELECT count() FROM ${db.name}.ev`)).toBe('1000\n');
  });

  it('a run that fails mid-stream leaves the target as it was, and no staging table', async () => {
    await q(`CREATE TABLE ${db.name}.target (i Int32, y String) ENGINE = MergeTree ORDER BY i`);
    await q(`INSERT INTO ${db.name}.target VALUES (1, 'previous')`);
    for (const mode of ['replace', 'append']) {
      const r = await (await open(failingLate(src('late_bad'), (input) => sink('target', mode, input)))).run();
      expect(r.ok).toBe(false);
      expect(r.diagnostics[0]?.message).toContain('oops');
      expect(await q(`SELECT i, y FROM ${db.name}.target`)).toBe('1\tprevious\n');
    }
    expect(await leftovers()).toBe('');
  });

  it('a timestamp with a fraction of a second, or beyond 2105, is refused by column, not cut', async () => {
    const s = await open(
      doc(
        {
          id: 'gen',
          type: 'source.clickhouse',
          params: { connection: 'ch', mode: 'query', query: "SELECT toDateTime('2024-01-01 10:00:00') AS t" } as never,
        },
        {
          id: 'later',
          type: 'transform.derive',
          inputs: { in: 'gen' },
          params: { columns: [{ name: 'at', expression: "t + INTERVAL '250 milliseconds'" }] } as never,
        },
        sink('fractions', 'create', 'later'),
      ),
    );
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.message).toContain('column "at": 2024-01-01 10:00:00.25');
    expect(r.diagnostics[0]?.message).toContain('whole seconds');
    expect(await q(`EXISTS TABLE ${db.name}.fractions`)).toBe('0\n');
    expect(await leftovers()).toBe('');
  });
});

describe.skipIf(!up)('ClickHouse server down', () => {
  it('a sink whose server is down fails clearly, in seconds', async () => {
    const started = Date.now();
    const gen: NodeSpec = {
      id: 'gen',
      type: 'source.clickhouse',
      params: { connection: 'ch', mode: 'query', query: 'SELECT 1 AS x' } as never,
    };
    const r = await (await open(doc(gen, sink('t', 'replace', 'gen', 'chdown')))).run();
    expect(r.diagnostics[0]).toMatchObject({ code: 'connection.failed', nodeId: 'dst' });
    expect(r.diagnostics[0]?.message).toMatch(/^cannot connect to connection "chdown"/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
