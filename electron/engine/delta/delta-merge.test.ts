import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DutoError } from '../../../shared/diagnostics';
import { freshDir } from '../test-support';
import { snapshotSql } from './delta-read-sql';
import { loadSnapshot, type VersionChoice } from './delta-snapshot';
import { writeDelta } from './delta-write';

/* Merge (upsert) on key columns, copy-on-write, on real DuckDB and real tables read back by the snapshot reader. */

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

type Row = [number, string];
const rowsSql = (rows: readonly Row[]) =>
  `SELECT * FROM (VALUES ${rows.map(([id, v]) => `(${id}::BIGINT, '${v}')`).join(', ')}) t(id, v)`;

async function read(table: string, choice: VersionChoice = { kind: 'latest' }): Promise<Row[]> {
  const s = await loadSnapshot(conn, table, choice);
  const r = await conn.runAndReadAll(`SELECT id, v FROM (${snapshotSql(s)}) ORDER BY id`);
  return r.getRowsJson().map((row) => [Number(row[0]), String(row[1])]);
}

function commit(table: string, version: number): Array<Record<string, { [k: string]: unknown }>> {
  return readFileSync(join(table, '_delta_log', `${String(version).padStart(20, '0')}.json`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

function upsert(before: readonly Row[], rows: readonly Row[]): Row[] {
  const m = new Map(before.map((r) => [r[0], r]));
  for (const r of rows) m.set(r[0], r);
  return [...m.values()].sort((a, b) => a[0] - b[0]);
}

describe('merging into a Delta table', () => {
  it('create → append → merge → merge: time travel to every version equals what was written; only matched files are rewritten', async () => {
    const table = join(freshDir('duto-delta-merge-'), 't');
    const versions: Row[][] = [];
    const first: Row[] = [
      [1, 'a'],
      [2, 'b'],
    ];
    await writeDelta(conn, table, rowsSql(first), 'create');
    versions.push(first);
    const second: Row[] = [
      [3, 'c'],
      [4, 'd'],
    ];
    await writeDelta(conn, table, rowsSql(second), 'append');
    versions.push([...first, ...second]);
    const files1 = (await loadSnapshot(conn, table)).files.map((f) => f.logPath);
    // 2 is updated (in the first file), 5 is inserted; the second file is untouched.
    const merge: Row[] = [
      [2, 'B'],
      [5, 'e'],
    ];
    const r = await writeDelta(conn, table, rowsSql(merge), 'merge', { keys: ['id'] });
    expect(r).toMatchObject({ version: 2, rows: 2 });
    versions.push(upsert(versions[1] ?? [], merge));
    const c2 = commit(table, 2);
    const info = c2.find((a) => a.commitInfo)?.commitInfo;
    expect(info?.operation).toBe('MERGE');
    expect(info?.operationMetrics).toMatchObject({
      numTargetRowsUpdated: '1',
      numTargetRowsInserted: '1',
      numTargetRowsCopied: '1',
      numTargetFilesRemoved: '1',
    });
    const firstFile = commit(table, 0).find((a) => a.add)?.add?.path;
    expect(c2.filter((a) => a.remove).map((a) => a.remove?.path)).toEqual([firstFile]);
    const removed = c2.filter((a) => a.remove).map((a) => String(a.remove?.path));
    expect(removed).toHaveLength(1);
    const after = (await loadSnapshot(conn, table)).files.map((f) => f.logPath);
    // The untouched file is still referenced as it was.
    expect(after.filter((p) => files1.includes(p))).toEqual(files1.filter((p) => !removed.includes(p)));
    // A merge touching both files, keyed on two columns.
    const merge2: Row[] = [
      [1, 'a'],
      [4, 'd'],
      [9, 'z'],
    ];
    await writeDelta(conn, table, `SELECT id, v FROM (${rowsSql(merge2)})`, 'merge', { keys: ['v', 'ID'] });
    versions.push(upsert(versions[2] ?? [], merge2));
    for (const [v, want] of versions.entries())
      expect(await read(table, { kind: 'version', version: v })).toEqual(want);
    expect(commit(table, 3).find((a) => a.commitInfo)?.commitInfo?.operationMetrics).toMatchObject({
      numTargetRowsUpdated: '2',
      numTargetRowsInserted: '1',
    });
  });

  it('a merge where no key matches only inserts: no file is removed', async () => {
    const table = join(freshDir('duto-delta-merge-'), 't');
    await writeDelta(conn, table, rowsSql([[1, 'a']]), 'append');
    await writeDelta(conn, table, rowsSql([[2, 'b']]), 'merge', { keys: ['id'] });
    expect(await read(table)).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    const c = commit(table, 1);
    expect(c.filter((a) => a.remove)).toEqual([]);
    expect(c.filter((a) => a.add)).toHaveLength(1);
    expect(c.find((a) => a.commitInfo)?.commitInfo?.operationMetrics).toMatchObject({
      numTargetRowsUpdated: '0',
      numTargetRowsInserted: '1',
    });
  });

  it('refuses rows that repeat a key, naming the key values; nothing is committed or left behind', async () => {
    const table = join(freshDir('duto-delta-merge-'), 't');
    await writeDelta(conn, table, rowsSql([[1, 'a']]), 'append');
    const err = await writeDelta(
      conn,
      table,
      rowsSql([
        [7, 'x'],
        [7, 'y'],
        [8, 'z'],
        [8, 'w'],
        [8, 'q'],
      ]),
      'merge',
      { keys: ['id'] },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DutoError);
    const d = err instanceof DutoError ? err.diagnostics[0] : undefined;
    expect(d?.code).toBe('delta.merge');
    expect(d?.message).toContain('(id) 8 ×3, 7 ×2');
    expect(readdirSync(join(table, '_delta_log')).filter((n) => n.endsWith('.json'))).toHaveLength(1);
    expect(readdirSync(table).filter((n) => n.endsWith('.parquet'))).toHaveLength(1);
    // The rows must have the table's columns, as in an append.
    await expect(
      writeDelta(conn, table, `SELECT 1::BIGINT AS id, 2 AS other`, 'merge', { keys: ['id'] }),
    ).rejects.toSatisfy((e) => e instanceof DutoError && e.diagnostics[0]?.code === 'delta.schema');
    await expect(writeDelta(conn, table, rowsSql([[1, 'a']]), 'merge', { keys: ['nope'] })).rejects.toSatisfy(
      (e) => e instanceof DutoError && e.diagnostics[0]?.code === 'delta.merge' && /no column "nope"/.test(e.message),
    );
  });

  it('keys compare null-safely: an empty key replaces the row with an empty key', async () => {
    const table = join(freshDir('duto-delta-merge-'), 't');
    await writeDelta(conn, table, `SELECT * FROM (VALUES (NULL::BIGINT, 'a'), (1, 'b')) t(id, v)`, 'append');
    await writeDelta(conn, table, `SELECT * FROM (VALUES (NULL::BIGINT, 'A')) t(id, v)`, 'merge', { keys: ['id'] });
    const s = await loadSnapshot(conn, table);
    const r = await conn.runAndReadAll(`SELECT id, v FROM (${snapshotSql(s)}) ORDER BY id NULLS FIRST`);
    expect(r.getRowsJson()).toEqual([
      [null, 'A'],
      ['1', 'b'],
    ]);
  });

  it('a commit that lands first: an append without the keys is merged past; one with a merged key makes the merge redo itself', async () => {
    const table = join(freshDir('duto-delta-merge-'), 't');
    await writeDelta(
      conn,
      table,
      rowsSql([
        [1, 'a'],
        [2, 'b'],
      ]),
      'append',
    );
    // Another writer appends while this merge is between writing its files and committing (beforeCommit).
    const r = await writeDelta(
      conn,
      table,
      rowsSql([
        [2, 'B'],
        [3, 'c'],
      ]),
      'merge',
      {
        keys: ['id'],
        beforeCommit: async () => {
          await writeDelta(conn, table, rowsSql([[10, 'j']]), 'append');
        },
      },
    );
    expect(r.version).toBe(2);
    expect(r.attempts).toBe(2);
    expect(await read(table)).toEqual([
      [1, 'a'],
      [2, 'B'],
      [3, 'c'],
      [10, 'j'],
    ]);
    // This time the concurrent append brings key 3: kept beside the merged row it would be a duplicate, so the merge is redone.
    let appended = false;
    const r2 = await writeDelta(
      conn,
      table,
      rowsSql([
        [3, 'C'],
        [4, 'd'],
      ]),
      'merge',
      {
        keys: ['id'],
        beforeCommit: async () => {
          if (!appended) await writeDelta(conn, table, rowsSql([[4, 'old']]), 'append');
          appended = true;
        },
      },
    );
    expect(r2.version).toBe(4);
    expect(await read(table)).toEqual([
      [1, 'a'],
      [2, 'B'],
      [3, 'C'],
      [4, 'd'],
      [10, 'j'],
    ]);
    // Files of the abandoned round are deleted: every data file is referenced by some version.
    const referenced = new Set<string>();
    for (let v = 0; v <= 4; v++) for (const a of commit(table, v)) if (a.add) referenced.add(String(a.add.path));
    expect(
      readdirSync(table)
        .filter((n) => n.endsWith('.parquet'))
        .sort(),
    ).toEqual([...referenced].sort());
  });

  it('a concurrent overwrite that removed the rewritten files: redone once; a writer winning again fails with delta.conflict', async () => {
    const table = join(freshDir('duto-delta-merge-'), 't');
    await writeDelta(conn, table, rowsSql([[1, 'a']]), 'append');
    let n = 0;
    const r = await writeDelta(conn, table, rowsSql([[1, 'A']]), 'merge', {
      keys: ['id'],
      beforeCommit: async () => {
        if (++n === 1) await writeDelta(conn, table, rowsSql([[1, 'o']]), 'overwrite');
      },
    });
    expect([n, r.version]).toEqual([2, 2]);
    expect(await read(table)).toEqual([[1, 'A']]);
    // Overwritten before each of its two rounds commits: the merge gives up, naming the conflict, and leaves no file.
    const err = await writeDelta(conn, table, rowsSql([[1, 'Z']]), 'merge', {
      keys: ['id'],
      beforeCommit: () => writeDelta(conn, table, rowsSql([[1, 'o']]), 'overwrite').then(() => undefined),
    }).catch((e: unknown) => e);
    expect(err instanceof DutoError ? err.diagnostics[0] : err).toMatchObject({ code: 'delta.conflict' });
    expect(err instanceof DutoError ? err.message : '').toContain('this merge');
    expect(await read(table)).toEqual([[1, 'o']]);
    const referenced = new Set<string>();
    for (let v = 0; v <= 4; v++) for (const a of commit(table, v)) if (a.add) referenced.add(String(a.add.path));
    expect(
      readdirSync(table)
        .filter((name) => name.endsWith('.parquet'))
        .sort(),
    ).toEqual([...referenced].sort());
  });
});
