import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineSession } from '../../api';
import { openPipeline } from '../../index';
import { freshDir } from '../../test-support';
import { doc } from '../test-databases';

/*
 * The SQLite connector (sql.js): declared types to DuckDB and back, values
 * across SQLite → DuckDB → SQLite and DuckDB → SQLite → DuckDB, the write
 * modes, and a file that is replaced atomically or not at all.
 */

const sessions: PipelineSession[] = [];
const open = async (d: ReturnType<typeof doc>, dir: string): Promise<PipelineSession> => {
  const s = await openPipeline(d, { trust: 'trusted', baseDir: dir, threads: 2 });
  sessions.push(s);
  return s;
};
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

async function makeDb(path: string, sql: string): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(sql);
  writeFileSync(path, db.export());
  db.close();
}

async function rows(path: string, sql: string): Promise<unknown[][]> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(path));
  try {
    return db.exec(sql)[0]?.values ?? [];
  } finally {
    db.close();
  }
}

const TYPES = `CREATE TABLE types (id INTEGER PRIMARY KEY, b BOOLEAN, i INTEGER, big BIGINT, r REAL, d DECIMAL(10,2), t TEXT, bl BLOB, dt DATE, ts TIMESTAMP, tstz TIMESTAMPTZ, j JSON, loose);
  INSERT INTO types VALUES (1, 1, -5, 9223372036854775807, 1.5, 12.34, 'quote " comma , newline
 ü 😀', x'00ff10', '2024-02-29', '1999-12-31 23:59:59.123456', '2024-01-02 03:04:05+00', '{"a":1}', 7);
  INSERT INTO types VALUES (2, 0, NULL, NULL, NULL, NULL, '', x'', NULL, NULL, NULL, NULL, 8);
  INSERT INTO types VALUES (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);`;

describe('SQLite source', () => {
  it('types columns from their declarations (undeclared ones from their values) and previews exact values', async () => {
    const dir = freshDir();
    await makeDb(join(dir, 'shop.sqlite'), TYPES);
    const s = await open(
      doc({ id: 'src', type: 'source.sqlite', params: { path: 'shop.sqlite', table: 'types' } }),
      dir,
    );
    const { columns } = await s.schema('src');
    expect(columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'id BIGINT',
      'b BOOLEAN',
      'i BIGINT',
      'big BIGINT',
      'r DOUBLE',
      'd DECIMAL(10,2)',
      't VARCHAR',
      'bl BLOB',
      'dt DATE',
      'ts TIMESTAMP',
      'tstz TIMESTAMP WITH TIME ZONE',
      'j JSON',
      'loose BIGINT',
    ]);
    const p = await s.preview('src', 2);
    expect(p.rows).toEqual([
      [
        1,
        true,
        -5,
        '9223372036854775807',
        1.5,
        12.34,
        'quote " comma , newline\n ü 😀',
        '00FF10',
        '2024-02-29',
        '1999-12-31T23:59:59.123456',
        '2024-01-02T03:04:05+00',
        '{"a":1}',
        7,
      ],
      [2, false, null, null, null, null, '', '', null, null, null, null, 8],
    ]);
  });

  it('refuses a second statement in a query, and reads nothing', async () => {
    const dir = freshDir();
    await makeDb(join(dir, 'shop.sqlite'), TYPES);
    const before = readFileSync(join(dir, 'shop.sqlite'));
    const s = await open(
      doc({
        id: 'src',
        type: 'source.sqlite',
        params: { path: 'shop.sqlite', mode: 'query', query: 'SELECT 1; DROP TABLE types' },
      }),
      dir,
    );
    const v = await s.validate();
    expect(v.diagnostics[0]).toMatchObject({ nodeId: 'src', param: 'query', code: 'sql.invalid' });
    expect(readFileSync(join(dir, 'shop.sqlite')).equals(before)).toBe(true);
  });
});

describe('SQLite round trips and sink', () => {
  it('SQLite → DuckDB → SQLite keeps every value', async () => {
    const dir = freshDir();
    await makeDb(join(dir, 'shop.sqlite'), TYPES);
    const s = await open(
      doc(
        { id: 'src', type: 'source.sqlite', params: { path: 'shop.sqlite', table: 'types' } },
        { id: 'dst', type: 'sink.sqlite', inputs: { in: 'src' }, params: { path: 'copy.sqlite', table: 'types' } },
      ),
      dir,
    );
    const r = await s.run();
    expect(r.diagnostics).toEqual([]);
    const cols = 'id, b, i, big, r, d, t, hex(bl), dt, ts, tstz, j, loose';
    expect(await rows(join(dir, 'copy.sqlite'), `SELECT ${cols} FROM types ORDER BY id`)).toEqual(
      await rows(join(dir, 'shop.sqlite'), `SELECT ${cols} FROM types ORDER BY id`),
    );
  });

  it('DuckDB → SQLite → DuckDB keeps every value (integers widen to BIGINT, wide decimals stay text)', async () => {
    const dir = freshDir();
    const values = `SELECT 1::INTEGER AS i, 9223372036854775807::BIGINT AS big, 12.34::DECIMAL(10,2) AS d, 12345678901234567890.123456789::DECIMAL(38,9) AS wide,
      true AS b, 1.5::DOUBLE AS f, 'x''y'::VARCHAR AS t, '\\x00\\xFF'::BLOB AS bl, DATE '2024-02-29' AS dt, TIMESTAMP '1999-12-31 23:59:59.123456' AS ts,
      TIMESTAMPTZ '2024-01-02 03:04:05.5+00' AS tz, TIME '12:34:56' AS tm, INTERVAL '1 year 2 days' AS iv, '{"a":1}'::JSON AS j, [1, 2] AS l`;
    const s1 = await open(
      doc(
        { id: 'gen', type: 'transform.sql', params: { query: values } },
        { id: 'dst', type: 'sink.sqlite', inputs: { in: 'gen' }, params: { path: 'out.sqlite', table: 'all_types' } },
      ),
      dir,
    );
    const before = await s1.preview('gen', 1);
    expect((await s1.run()).diagnostics).toEqual([]);
    const s2 = await open(
      doc({ id: 'back', type: 'source.sqlite', params: { path: 'out.sqlite', table: 'all_types' } }),
      dir,
    );
    const after = await s2.preview('back', 1);
    expect(after.columns.map((c) => c.type)).toEqual([
      'BIGINT',
      'BIGINT',
      'DECIMAL(10,2)',
      'VARCHAR',
      'BOOLEAN',
      'DOUBLE',
      'VARCHAR',
      'BLOB',
      'DATE',
      'TIMESTAMP',
      'TIMESTAMP WITH TIME ZONE',
      'TIME',
      'INTERVAL',
      'JSON',
      'JSON',
    ]);
    expect(after.rows).toEqual([before.rows[0]?.map((v, i) => (i === 14 ? '[1,2]' : v))]);
  });

  it('modes: create refuses, upsert merges; a failing run leaves the file byte-identical and no temporary file', async () => {
    const dir = freshDir();
    const target = join(dir, 'out.sqlite');
    await makeDb(
      target,
      "CREATE TABLE kv (k INTEGER PRIMARY KEY, v TEXT); INSERT INTO kv VALUES (1, 'old'), (5, 'keep');",
    );
    const input = `SELECT * FROM (VALUES (1, 'new'), (2, 'two')) AS t(k, v)`;
    const run = async (params: Record<string, unknown>, query = input) =>
      (
        await open(
          doc(
            { id: 'gen', type: 'transform.sql', params: { query } },
            {
              id: 'dst',
              type: 'sink.sqlite',
              inputs: { in: 'gen' },
              params: { path: 'out.sqlite', table: 'kv', ...params } as never,
            },
          ),
          dir,
        )
      ).run();
    expect((await run({ mode: 'create' })).diagnostics[0]).toMatchObject({
      code: 'sink.exists',
      nodeId: 'dst',
      param: 'mode',
    });
    expect((await run({ mode: 'upsert', keyColumns: ['k'] })).diagnostics).toEqual([]);
    expect(await rows(target, 'SELECT k, v FROM kv ORDER BY k')).toEqual([
      [1, 'new'],
      [2, 'two'],
      [5, 'keep'],
    ]);
    const before = readFileSync(target);
    const bad = await run(
      { mode: 'replace' },
      `SELECT i AS k, CAST(CASE WHEN i = 9000 THEN 'oops' ELSE i::VARCHAR END AS INTEGER) AS v FROM range(10000) t(i)`,
    );
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]?.message).toContain('oops');
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.startsWith('.duto-tmp-'))).toEqual([]);
  });
});

describe('previews below a connector source', () => {
  it('say they are computed on a sample, and are never served stale from the preview cache', async () => {
    const dir = freshDir();
    const path = join(dir, 'shop.sqlite');
    await makeDb(path, 'CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1), (2), (3);');
    const pipeline = doc(
      { id: 'src', type: 'source.sqlite', params: { path: 'shop.sqlite', table: 't' } },
      { id: 'big', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: 'id > 1' } },
    );
    const s1 = await open(pipeline, dir);
    const own = await s1.preview('src', 10);
    expect(own.sample).toBeUndefined();
    const below = await s1.preview('big', 10);
    expect(below.rows).toEqual([[2], [3]]);
    expect(below.sample).toEqual({ sources: ['src'], rows: 10_000 });
    // Same SQL, same file path: only the data changed. A new session must see it.
    await makeDb(path, 'CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (5);');
    const s2 = await open(pipeline, dir);
    expect((await s2.preview('big', 10)).rows).toEqual([[5]]);
  });
});
