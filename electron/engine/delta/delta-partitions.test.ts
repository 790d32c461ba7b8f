import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DutoError } from '../../../shared/diagnostics';
import { freshDir } from '../test-support';
import { snapshotSql } from './delta-read-sql';
import { loadSnapshot, type VersionChoice } from './delta-snapshot';
import { writeDelta } from './delta-write';

/* Writing partitioned tables: Hive folders, partition values in the log (nulls included), read back by the snapshot reader. */

let instance: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

async function read(table: string, choice: VersionChoice = { kind: 'latest' }): Promise<unknown[][]> {
  const s = await loadSnapshot(conn, table, choice);
  const r = await conn.runAndReadAll(`SELECT * FROM (${snapshotSql(s)}) ORDER BY id`);
  return r.getRowsJson();
}

function adds(table: string, version: number): Array<{ path: string; partitionValues: Record<string, string | null> }> {
  return readFileSync(join(table, '_delta_log', `${String(version).padStart(20, '0')}.json`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((a) => a.add)
    .map((a) => a.add);
}

const SALES = `SELECT * FROM (VALUES
  (1::BIGINT, 'BR', DATE '2024-01-01', 10.5::DOUBLE),
  (2, 'BR', DATE '2024-01-02', 20.0),
  (3, 'a/b=c:%', DATE '2024-01-01', 30.0),
  (4, NULL, DATE '2024-01-01', 40.0),
  (5, '', NULL, 50.0)) t(id, country, day, amount)`;

describe('writing partitioned Delta tables', () => {
  it('writes one Hive folder per partition (nulls in __HIVE_DEFAULT_PARTITION__), values in the log, not in the files; reads back', async () => {
    const table = join(freshDir('duto-delta-part-'), 'sales');
    const r = await writeDelta(conn, table, SALES, 'create', { partitionBy: ['country', 'DAY'] });
    expect(r).toMatchObject({ version: 0, rows: 5 });
    const s = await loadSnapshot(conn, table);
    expect(s.partitionColumns).toEqual(['country', 'day']);
    const a = adds(table, 0);
    const byPath = Object.fromEntries(a.map((x) => [x.path.replace(/\/part-[^/]*$/, ''), x.partitionValues]));
    expect(byPath).toEqual({
      'country=BR/day=2024-01-01': { country: 'BR', day: '2024-01-01' },
      'country=BR/day=2024-01-02': { country: 'BR', day: '2024-01-02' },
      'country=a%252Fb%253Dc%253A%2525/day=2024-01-01': { country: 'a/b=c:%', day: '2024-01-01' },
      'country=__HIVE_DEFAULT_PARTITION__/day=2024-01-01': { country: null, day: '2024-01-01' },
      'country=__HIVE_DEFAULT_PARTITION__/day=__HIVE_DEFAULT_PARTITION__': { country: null, day: null },
    });
    // On disk, the escaped folder name; the files hold only the data columns.
    expect(existsSync(join(table, 'country=a%2Fb%3Dc%3A%25', 'day=2024-01-01'))).toBe(true);
    const first = s.files[0]?.file ?? '';
    const cols = (
      await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${first}', hive_partitioning = false)`)
    ).getRowsJson();
    expect(cols.map((c) => c[0])).toEqual(['id', 'amount']);
    expect(await read(table)).toEqual([
      ['1', 'BR', '2024-01-01', 10.5],
      ['2', 'BR', '2024-01-02', 20],
      ['3', 'a/b=c:%', '2024-01-01', 30],
      ['4', null, '2024-01-01', 40],
      ['5', null, null, 50],
    ]);
  });

  it('append, overwrite and merge follow the table’s partition columns; naming others is refused', async () => {
    const table = join(freshDir('duto-delta-part-'), 'sales');
    await writeDelta(conn, table, SALES, 'append', { partitionBy: ['country'] });
    await writeDelta(
      conn,
      table,
      `SELECT 6::BIGINT AS id, 'PT' AS country, DATE '2024-02-01' AS day, 1.0::DOUBLE AS amount`,
      'append',
    );
    expect(adds(table, 1).map((x) => x.partitionValues)).toEqual([{ country: 'PT' }]);
    // Merge: 2 moves from BR to PT, 4 (null country) is updated, 7 is inserted; only the BR and null files are rewritten.
    const before = await loadSnapshot(conn, table);
    await writeDelta(
      conn,
      table,
      `SELECT * FROM (VALUES (2::BIGINT, 'PT', DATE '2024-01-02', 21.0::DOUBLE), (4, NULL, DATE '2024-01-01', 41.0), (7, 'UY', DATE '2024-03-01', 70.0)) t(id, country, day, amount)`,
      'merge',
      { keys: ['id'] },
    );
    const after = await loadSnapshot(conn, table);
    const kept = after.files.filter((f) => before.files.some((b) => b.logPath === f.logPath));
    expect(kept.map((f) => f.partitionValues.country).sort()).toEqual(['PT', 'a/b=c:%']);
    expect((await read(table)).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['1', 'BR', 10.5],
      ['2', 'PT', 21],
      ['3', 'a/b=c:%', 30],
      ['4', null, 41],
      ['5', null, 50],
      ['6', 'PT', 1],
      ['7', 'UY', 70],
    ]);
    // Earlier versions read as they were written.
    expect((await read(table, { kind: 'version', version: 1 })).map((r) => r[0])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
    await expect(writeDelta(conn, table, SALES, 'append', { partitionBy: ['day'] })).rejects.toSatisfy(
      (e) =>
        e instanceof DutoError &&
        e.diagnostics[0]?.code === 'delta.partition' &&
        /partitioned by country/.test(e.message),
    );
    await writeDelta(conn, table, SALES, 'overwrite');
    expect((await read(table)).map((r) => r[0])).toEqual(['1', '2', '3', '4', '5']);
    expect(readdirSync(join(table, 'country=__HIVE_DEFAULT_PARTITION__')).length).toBeGreaterThan(1);
  });

  it('refuses a partition column that is missing, of a type without a text form, or every column', async () => {
    const dir = freshDir('duto-delta-part-');
    const code = (e: unknown) =>
      e instanceof DutoError ? `${e.diagnostics[0]?.code}/${e.diagnostics[0]?.variant}` : String(e);
    expect(await writeDelta(conn, join(dir, 'a'), SALES, 'create', { partitionBy: ['nope'] }).catch(code)).toBe(
      'delta.partition/column',
    );
    expect(
      await writeDelta(conn, join(dir, 'b'), `SELECT 1::BIGINT AS id, 'x'::BLOB AS b`, 'create', {
        partitionBy: ['b'],
      }).catch(code),
    ).toBe('delta.partition/type');
    expect(
      await writeDelta(conn, join(dir, 'c'), `SELECT 1::BIGINT AS id`, 'create', { partitionBy: ['id'] }).catch(code),
    ).toBe('delta.partition/column');
    expect(existsSync(join(dir, 'a', '_delta_log'))).toBe(false);
  });

  it('a checkpoint of a partitioned table (null values included) reads the same as the JSON commits', async () => {
    const table = join(freshDir('duto-delta-part-'), 't');
    for (let i = 0; i < 11; i++)
      await writeDelta(
        conn,
        table,
        `SELECT ${i}::BIGINT AS id, CASE WHEN ${i} % 3 = 0 THEN NULL ELSE 'p${i % 2}' END AS country`,
        'append',
        { partitionBy: ['country'] },
      );
    expect(existsSync(join(table, '_delta_log', '00000000000000000010.checkpoint.parquet'))).toBe(true);
    const a = await loadSnapshot(conn, table);
    const b = await loadSnapshot(conn, table, { kind: 'latest' }, { useCheckpoints: false });
    expect(a.files).toEqual(b.files);
    expect(a.files.filter((f) => f.partitionValues['country'] === null)).toHaveLength(4);
    const r = await conn.runAndReadAll(`SELECT count(*), count(country) FROM (${snapshotSql(a)})`);
    expect(r.getRowsJson()).toEqual([['11', '7']]);
  });

  it("sweeps a dead writer's staging folder, leaving a live one's", async () => {
    const table = join(freshDir('duto-delta-part-'), 't');
    await writeDelta(conn, table, SALES, 'create', { partitionBy: ['country'] });
    const dead = join(table, `.duto-staging-${'a'.repeat(32)}`);
    const live = join(table, `.duto-staging-${'b'.repeat(32)}`);
    mkdirSync(dead);
    mkdirSync(live);
    const old = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(dead, old, old);
    await writeDelta(conn, table, SALES, 'append');
    expect([existsSync(dead), existsSync(live)]).toEqual([false, true]);
  });

  it('partitions by a timestamp, a boolean and a decimal, and reads them back typed', async () => {
    const table = join(freshDir('duto-delta-part-'), 't');
    await writeDelta(
      conn,
      table,
      `SELECT 1::BIGINT AS id, TIMESTAMPTZ '2024-05-01 12:30:00.5+00' AS at, true AS ok, 1.50::DECIMAL(5,2) AS price`,
      'create',
      { partitionBy: ['at', 'ok', 'price'] },
    );
    expect(adds(table, 0)[0]?.partitionValues).toEqual({
      at: '2024-05-01T12:30:00.500000Z',
      ok: 'true',
      price: '1.50',
    });
    const s = await loadSnapshot(conn, table);
    const r = await conn.runAndReadAll(`SELECT id, epoch_ms("at"), ok, price::VARCHAR FROM (${snapshotSql(s)})`);
    expect(r.getRowsJson()).toEqual([['1', String(Date.UTC(2024, 4, 1, 12, 30, 0, 500)), true, '1.50']]);
  });
});
