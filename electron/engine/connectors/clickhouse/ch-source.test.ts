import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSession } from '../../api';
import { openPipeline } from '../../index';
import { duck, freshDir } from '../../test-support';
import { diagnosticText } from '../../../../shared/diagnostics';
import { str } from '../../../../shared/sql/quote';
import { doc } from '../test-databases';
import { SHARDS, SKIP_MESSAGE, chConnections, chDatabase, chQuery, clusterUp } from './ch-test-cluster';

/*
 * The ClickHouse source against a real two-shard cluster: a Distributed
 * table read through Duto equals DuckDB's computation over the same rows;
 * every ClickHouse type maps to its DuckDB type with exact values; bad
 * names and a server that is down give clear errors, quickly.
 */

const up = await clusterUp();
if (!up) console.warn(SKIP_MESSAGE);

let db: { name: string; drop: () => Promise<void> };
const sessions: PipelineSession[] = [];
const open = async (d: ReturnType<typeof doc>, baseDir = freshDir()): Promise<PipelineSession> => {
  const s = await openPipeline(d, { trust: 'trusted', baseDir, connections: chConnections(db.name), threads: 2 });
  sessions.push(s);
  return s;
};
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

const ROWS = 20_000;
/** The rows of the distributed table, as DuckDB makes them: ids near UInt64's top, a tenth of prices NULL. */
const GENERATED = `SELECT 18446744073709000000::UBIGINT + i AS id, 'g' || (i % 7)::VARCHAR AS grp,
  ((i * 37) % 100000 / 100)::DECIMAL(12,2) AS amount, CASE WHEN i % 10 = 0 THEN NULL ELSE i / 8 END::DOUBLE AS price,
  to_timestamp(1600000000 + i * 37) AS ts, ('2001-01-01'::DATE + (i % 5000)::INTEGER) AS d, md5(i::VARCHAR) AS h
  FROM range(${String(ROWS)}) t(i)`;

beforeAll(async () => {
  if (!up) return;
  db = await chDatabase();
  const local = `${db.name}.hits_local`;
  const columns =
    '(id UInt64, grp LowCardinality(String), amount Decimal(12,2), price Nullable(Float64), ts DateTime, d Date, h String)';
  for (const port of SHARDS) await chQuery(`CREATE TABLE ${local} ${columns} ENGINE = MergeTree ORDER BY id`, port);
  await chQuery(
    `CREATE TABLE ${db.name}.hits AS ${local} ENGINE = Distributed(duto_2shards, ${db.name}, hits_local, rand())`,
  );
  // Even ids to shard 1, odd ones to shard 2: only the Distributed table sees every row.
  const dir = freshDir();
  for (const [i, port] of SHARDS.entries()) {
    const file = join(dir, `shard${String(i)}.tsv`);
    await duck(
      `COPY (SELECT id, grp, amount, coalesce(price::VARCHAR, '\\N'), strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S'), d, h
        FROM (${GENERATED}) WHERE id % 2 = ${String(i)}) TO ${str(file)} (DELIMITER '\t', HEADER false, QUOTE '')`,
    );
    await chQuery(`INSERT INTO ${local} FORMAT TabSeparated`, port, await readFile(file, 'utf8'));
  }
  await chQuery(
    `CREATE TABLE ${db.name}.types (id Int32, i8 Int8, i16 Int16, i32 Int32, i64 Int64, u8 UInt8, u16 UInt16, u32 UInt32, u64 UInt64,
      f32 Float32, f64 Float64, dec Decimal(18,4), dec38 Decimal(38,10), s String, fs FixedString(3), d Date, dt DateTime,
      dtz DateTime('Asia/Tokyo'), n Nullable(Int32), lc LowCardinality(String), lcn LowCardinality(Nullable(String)),
      u UUID, e Enum8('a' = 1, 'b' = 2), arr Array(Int32)) ENGINE = MergeTree ORDER BY id`,
  );
  await chQuery(`INSERT INTO ${db.name}.types VALUES
    (1, -128, -32768, -2147483648, -9223372036854775808, 255, 65535, 4294967295, 18446744073709551615,
     1.5, -1.7976931348623157e308, -12345678901234.5678, 1234567890123456789012345678.0123456789,
     'tab\\there\\nnew ''q'' \\\\ ü 😀', 'ab', '2105-12-31', '2024-02-29 23:59:59', '2024-01-01 09:00:00', NULL, 'x', NULL,
     'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'b', [1, -2]),
    (2, 0, 0, 0, 0, 0, 0, 0, 0, inf, nan, 0, 0, '', '', '1970-01-01', '1970-01-01 00:00:00', '1970-01-01 09:00:00', 7, '', 'y',
     '00000000-0000-0000-0000-000000000000', 'a', [])`);
}, 120_000);
afterAll(async () => {
  if (up) await db.drop();
});

const src = (table: string, extra: Record<string, unknown> = {}) => ({
  id: 'src',
  type: 'source.clickhouse',
  params: { connection: 'ch', table, ...extra } as never,
});

describe.skipIf(!up)('ClickHouse source over a two-shard cluster', () => {
  it('reads every row of a Distributed table, equal to DuckDB over the same rows', async () => {
    const dir = freshDir();
    const s = await open(
      doc(src('hits'), {
        id: 'out',
        type: 'sink.parquet',
        inputs: { in: 'src' },
        params: { path: 'hits.parquet' } as never,
      }),
      dir,
    );
    expect((await s.schema('src')).columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'id UBIGINT',
      'grp VARCHAR',
      'amount DECIMAL(12,2)',
      'price DOUBLE',
      'ts TIMESTAMP WITH TIME ZONE',
      'd DATE',
      'h VARCHAR',
    ]);
    const r = await s.run();
    expect(r.diagnostics).toEqual([]);
    expect(r.outputs[0]?.rows).toBe(ROWS);
    // Both ways: every generated row came back once, with the same value in every column, and nothing else.
    const file = str(join(dir, 'hits.parquet'));
    const diff = await duck(`SELECT
      (SELECT count(*) FROM (SELECT * FROM ${file} EXCEPT ALL ${GENERATED})),
      (SELECT count(*) FROM (${GENERATED} EXCEPT ALL SELECT * FROM ${file})),
      (SELECT count(*) FROM ${file}), (SELECT count(DISTINCT id % 2) FROM ${file})`);
    expect(diff).toEqual([['0', '0', String(ROWS), '2']]);
    // Both shards hold part of it: the rows really came from two servers.
    const counts = await Promise.all(SHARDS.map((p) => chQuery(`SELECT count() FROM ${db.name}.hits_local`, p)));
    expect(counts.map((c) => Number(c))).toEqual([ROWS / 2, ROWS / 2]);
  });

  it('an aggregate over the Distributed table equals DuckDB computing it over the same rows', async () => {
    const dir = freshDir();
    const s = await open(
      doc(
        src('hits', { filters: [{ column: 'grp', op: '<>', value: 'g0' }] }),
        {
          id: 'agg',
          type: 'transform.aggregate',
          inputs: { in: 'src' },
          params: {
            groupBy: ['grp'],
            measures: [
              { function: 'count', as: 'n' },
              { function: 'sum', column: 'amount', as: 'total' },
              { function: 'max', column: 'id', as: 'top' },
              { function: 'min', column: 'ts', as: 'first' },
            ],
          } as never,
        },
        { id: 'out', type: 'sink.parquet', inputs: { in: 'agg' }, params: { path: 'agg.parquet' } as never },
      ),
      dir,
    );
    const r = await s.run();
    expect(r.diagnostics).toEqual([]);
    const got = await duck(`SELECT * FROM ${str(join(dir, 'agg.parquet'))} ORDER BY grp`);
    const want = await duck(
      `SELECT grp, count(*) AS n, sum(amount) AS total, max(id) AS top, min(ts) AS first FROM (${GENERATED}) WHERE grp <> 'g0' GROUP BY grp ORDER BY grp`,
    );
    expect(got).toEqual(want);
    expect(got.length).toBe(6);
    // A filter's value is a quoted literal, never SQL: this one matches no row (it would match g1 and g2 as SQL).
    const hostile = await open(doc(src('hits', { filters: [{ column: 'grp', op: '=', value: "g1' OR grp = 'g2" }] })));
    expect((await hostile.preview('src', 5)).rows).toEqual([]);
  });

  it('a query through the read-only wall reads the cluster; one that would lift it or add a statement is refused', async () => {
    const s = await open(
      doc({
        id: 'q',
        type: 'source.clickhouse',
        params: {
          connection: 'ch',
          mode: 'query',
          query: 'SELECT grp, count() AS n FROM hits GROUP BY grp ORDER BY grp;',
        } as never,
      }),
    );
    expect((await s.schema('q')).columns).toEqual([
      { name: 'grp', type: 'VARCHAR' },
      { name: 'n', type: 'UBIGINT' },
    ]);
    const p = await s.preview('q', 10);
    expect(p.rows.length).toBe(7);
    expect(p.rows.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(ROWS);
    const writes = await open(
      doc({
        id: 'w',
        type: 'source.clickhouse',
        params: { connection: 'ch', mode: 'query', query: `SELECT 1 AS x SETTINGS readonly = 0` } as never,
      }),
    );
    const problem = (await writes.validate()).diagnostics.find((d) => d.nodeId === 'w');
    expect(problem).toMatchObject({ code: 'source.writes', param: 'query' });
    expect(problem?.message).toContain("Cannot modify 'readonly' setting in readonly mode");
    // A second statement is refused too: one request is one statement.
    const two = await open(
      doc({
        id: 'w',
        type: 'source.clickhouse',
        params: { connection: 'ch', mode: 'query', query: 'SELECT 1; DROP TABLE hits_local' } as never,
      }),
    );
    expect((await two.validate()).diagnostics.find((d) => d.nodeId === 'w')).toMatchObject({ code: 'sql.invalid' });
    expect(await chQuery(`SELECT count() FROM ${db.name}.hits_local`)).toBe(`${String(ROWS / 2)}\n`);
  });
});

describe.skipIf(!up)('ClickHouse types', () => {
  it('maps every type faithfully (Nullable and LowCardinality unwrapped, UInt64 as UBIGINT, DateTime as an instant)', async () => {
    const s = await open(doc(src('types')));
    expect((await s.schema('src')).columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'id INTEGER',
      'i8 TINYINT',
      'i16 SMALLINT',
      'i32 INTEGER',
      'i64 BIGINT',
      'u8 UTINYINT',
      'u16 USMALLINT',
      'u32 UINTEGER',
      'u64 UBIGINT',
      'f32 FLOAT',
      'f64 DOUBLE',
      'dec DECIMAL(18,4)',
      'dec38 DECIMAL(38,10)',
      's VARCHAR',
      'fs VARCHAR',
      'd DATE',
      'dt TIMESTAMP WITH TIME ZONE',
      'dtz TIMESTAMP WITH TIME ZONE',
      'n INTEGER',
      'lc VARCHAR',
      'lcn VARCHAR',
      'u UUID',
      'e VARCHAR',
      'arr VARCHAR',
    ]);
    const dir = freshDir();
    const run = await open(
      doc(src('types'), {
        id: 'out',
        type: 'sink.parquet',
        inputs: { in: 'src' },
        params: { path: 't.parquet' } as never,
      }),
      dir,
    );
    expect((await run.run()).diagnostics).toEqual([]);
    const rows = await duck(
      `SELECT * REPLACE (dt::VARCHAR AS dt, dtz::VARCHAR AS dtz, f32::VARCHAR AS f32, f64::VARCHAR AS f64) FROM ${str(join(dir, 't.parquet'))} ORDER BY id`,
    );
    expect(rows).toEqual([
      [
        1,
        -128,
        -32768,
        -2147483648,
        '-9223372036854775808',
        255,
        65535,
        4294967295,
        '18446744073709551615',
        '1.5',
        '-1.7976931348623157e+308',
        '-12345678901234.5678',
        '1234567890123456789012345678.0123456789',
        "tab\there\nnew 'q' \\ ü 😀",
        'ab\u0000',
        '2105-12-31',
        '2024-02-29 23:59:59+00',
        '2024-01-01 00:00:00+00',
        null,
        'x',
        null,
        'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
        'b',
        '[1,-2]',
      ],
      [
        2,
        0,
        0,
        0,
        '0',
        0,
        0,
        0,
        '0',
        'inf',
        'nan',
        '0.0000',
        '0.0000000000',
        '',
        '\u0000\u0000\u0000',
        '1970-01-01',
        '1970-01-01 00:00:00+00',
        '1970-01-01 00:00:00+00',
        7,
        '',
        'y',
        '00000000-0000-0000-0000-000000000000',
        'a',
        '[]',
      ],
    ]);
  });
});

describe.skipIf(!up)('ClickHouse source errors', () => {
  it('a table that does not exist is named, with the node, in both languages', async () => {
    const s = await open(doc(src('nope')));
    const problem = (await s.validate()).diagnostics.find((d) => d.nodeId === 'src');
    expect(problem).toMatchObject({ code: 'source.missing', variant: 'read-table', param: 'table' });
    expect(problem?.message).toMatch(
      /^cannot read table nope in connection "ch" \([^)]*\): Table duto_t_\w+\.nope doesn't exist/,
    );
    expect(problem && diagnosticText(problem, 'pt-BR')).toMatch(
      /^não foi possível ler a tabela nope em connection "ch"/,
    );
  });

  it('a database-qualified name reads that database; a wrong one is named', async () => {
    const s = await open(doc(src(`${db.name}.types`, { columns: ['id'] })));
    expect((await s.preview('src', 5)).rows).toEqual([[1], [2]]);
    const bad = await open(doc(src('no_such_db.types')));
    const problem = (await bad.validate()).diagnostics.find((d) => d.nodeId === 'src');
    expect(problem).toMatchObject({ code: 'source.missing', param: 'table' });
    expect(problem?.message).toContain('no_such_db.types');
  });

  it('a server that is down is a clear connection error, in seconds', async () => {
    const started = Date.now();
    const s = await open(doc({ ...src('hits'), params: { connection: 'chdown', table: 'hits' } as never }));
    const problem = (await s.validate()).diagnostics.find((d) => d.nodeId === 'src');
    expect(problem).toMatchObject({ code: 'connection.failed', param: 'connection' });
    expect(problem?.message).toMatch(
      /^cannot connect to connection "chdown" \(clickhouse at 127\.0\.0\.1:8129.*the server refused the connection/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
