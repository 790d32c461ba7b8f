import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DutoError } from '../../../shared/diagnostics';
import { strList } from '../../../shared/sql/quote';
import { snapshotSql } from './delta-read-sql';
import { loadSnapshot } from './delta-snapshot';

/** Tables written by Spark, Databricks and delta-rs (test-tables/, from delta-io/delta-rs, Apache-2.0). */
const TABLES = join(__dirname, 'test-tables');

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

/** An independent replay: every JSON commit in order, add then remove by path; no checkpoint. */
function jsonReplay(table: string): string[] {
  const log = join(table, '_delta_log');
  const active = new Set<string>();
  for (const name of readdirSync(log)
    .filter((n) => /^\d{20}\.json$/.test(n))
    .sort()) {
    for (const line of readFileSync(join(log, name), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const action = JSON.parse(line) as { add?: { path: string }; remove?: { path: string } };
      if (action.add) active.add(decodeURIComponent(action.add.path));
      if (action.remove) active.delete(decodeURIComponent(action.remove.path));
    }
  }
  return [...active].map((p) => join(table, p)).sort();
}

async function count(sql: string): Promise<number> {
  const r = await conn.runAndReadAll(`SELECT count(*) FROM (${sql})`);
  return Number(r.getRowsJson()[0]?.[0]);
}

async function rawCount(files: string[]): Promise<number> {
  return files.length === 0 ? 0 : count(`SELECT * FROM read_parquet(${strList(files)}, union_by_name = true)`);
}

describe('tables written by other writers', () => {
  it.each([
    'simple_table',
    'simple_table_with_checkpoint',
    'delta-0.8.0-null-partition',
    'delta-0.8.0-partitioned',
    'delta-2.2.0-partitioned-types',
    'table_with_column_mapping',
    'table_failed_last_checkpoint_update',
  ])('%s reads the rows of its active files, as an independent JSON replay finds them', async (name) => {
    const table = join(TABLES, name);
    const snapshot = await loadSnapshot(conn, table);
    const expected = jsonReplay(table);
    expect(snapshot.files.map((f) => f.file).sort()).toEqual(expected);
    expect(await count(snapshotSql(snapshot))).toBe(await rawCount(expected));
  });

  it('states the rows upstream states: simple_table has ids 5..9 at version 4; delta-0.8.0-partitioned has 7 rows over 6 files', async () => {
    const simple = await conn.runAndReadAll(
      `SELECT list(id ORDER BY id) FROM (${snapshotSql(await loadSnapshot(conn, join(TABLES, 'simple_table')))})`,
    );
    expect(simple.getRowsJson()[0]?.[0]).toEqual(['5', '7', '9']);
    const parts = await loadSnapshot(conn, join(TABLES, 'delta-0.8.0-partitioned'));
    expect(parts.files).toHaveLength(6);
    expect(await count(snapshotSql(parts))).toBe(7);
  });

  it('types partition values and reads a null partition as NULL', async () => {
    const s = await loadSnapshot(conn, join(TABLES, 'delta-0.8.0-null-partition'));
    const r = await conn.runAndReadAll(`SELECT k, v FROM (${snapshotSql(s)}) ORDER BY k NULLS LAST`);
    expect(r.getRowsJson()).toEqual([
      ['A', '1'],
      [null, '2'],
    ]);
    const typed = await loadSnapshot(conn, join(TABLES, 'delta-2.2.0-partitioned-types'));
    const t = await conn.runAndReadAll(`SELECT typeof(c1), typeof(c2) FROM (${snapshotSql(typed)}) LIMIT 1`);
    expect(t.getRowsJson()[0]).toEqual([typed.columns[0]?.type, typed.columns[1]?.type]);
  });

  it('renames column-mapped columns to their logical names', async () => {
    const s = await loadSnapshot(conn, join(TABLES, 'table_with_column_mapping'));
    expect(s.mappingMode).toBe('name');
    expect(s.columns.some((c) => c.name !== c.physicalName)).toBe(true);
    const r = await conn.runAndReadAll(`SELECT * FROM (${snapshotSql(s)})`);
    expect(r.columnNames()).toEqual(s.columns.map((c) => c.name));
    expect(r.getRowsJson()).toHaveLength(5);
  });

  it('reads the same from the checkpoint as from the JSON commits alone, at every version', async () => {
    const table = join(TABLES, 'simple_table_with_checkpoint');
    const latest = (await loadSnapshot(conn, table)).version;
    for (let v = 0; v <= latest; v++) {
      const a = await loadSnapshot(conn, table, { kind: 'version', version: v });
      const b = await loadSnapshot(conn, table, { kind: 'version', version: v }, { useCheckpoints: false });
      expect(a.files).toEqual(b.files);
    }
  });

  it('refuses by name what it cannot read: deletion vectors, files the log names but the folder lacks', async () => {
    await expect(loadSnapshot(conn, join(TABLES, 'table-with-dv-small'))).rejects.toSatisfy(
      (e) =>
        e instanceof DutoError && e.diagnostics[0]?.code === 'delta.feature' && e.message.includes('deletionVectors'),
    );
    await expect(loadSnapshot(conn, join(TABLES, 'with_checkpoint_no_last_checkpoint'))).rejects.toSatisfy(
      (e) => e instanceof DutoError && e.diagnostics[0]?.code === 'delta.file-missing',
    );
  });
});
