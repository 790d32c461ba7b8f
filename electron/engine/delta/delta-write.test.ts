import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DutoError } from '../../../shared/diagnostics';
import { freshDir } from '../test-support';
import { tryCommit } from './delta-commit';
import { snapshotSql } from './delta-read-sql';
import { loadSnapshot, type VersionChoice } from './delta-snapshot';
import { writeDelta } from './delta-write';

const instances: DuckDBInstance[] = [];
const conns: DuckDBConnection[] = [];
beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const inst = await DuckDBInstance.create(':memory:');
    instances.push(inst);
    conns.push(await inst.connect());
  }
});
afterAll(() => {
  for (const c of conns) c.closeSync();
  for (const i of instances) i.closeSync();
});
const conn = () => conns[0] as DuckDBConnection;

const rangeSql = (from: number, to: number) => `SELECT range AS id, 'r' || range AS name FROM range(${from}, ${to})`;

async function ids(table: string, choice: VersionChoice = { kind: 'latest' }): Promise<number[]> {
  const s = await loadSnapshot(conn(), table, choice);
  const r = await conn().runAndReadAll(`SELECT id FROM (${snapshotSql(s)}) ORDER BY id`);
  return r.getRowsJson().map((row) => Number(row[0]));
}
const seq = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('writing Delta tables', () => {
  it('create → append ×3 → overwrite: time travel to each version returns exactly what was written', async () => {
    const table = join(freshDir('duto-delta-'), 'sales');
    const expected: number[][] = [];
    const write = async (mode: 'append' | 'overwrite', from: number, to: number) => {
      const r = await writeDelta(conn(), table, rangeSql(from, to), mode);
      expect(r.version).toBe(expected.length);
      const before = mode === 'append' ? (expected.at(-1) ?? []) : [];
      expected.push([...before, ...seq(from, to)]);
    };
    await write('append', 0, 5);
    await write('append', 5, 10);
    await write('append', 10, 15);
    await write('append', 15, 20);
    await write('overwrite', 100, 103);
    for (const [v, want] of expected.entries()) expect(await ids(table, { kind: 'version', version: v })).toEqual(want);
    expect(await ids(table)).toEqual([100, 101, 102]);
    // Timestamp travel lands on the version committed at that time.
    const log = join(table, '_delta_log');
    const ts = (v: number) =>
      Number(
        JSON.parse(readFileSync(join(log, `${String(v).padStart(20, '0')}.json`), 'utf8').split('\n')[0] ?? '')
          .commitInfo.timestamp,
      );
    expect((await loadSnapshot(conn(), table, { kind: 'timestamp', at: ts(2) })).version).toBeGreaterThanOrEqual(2);
    expect((await loadSnapshot(conn(), table, { kind: 'timestamp', at: ts(4) })).version).toBe(4);
  });

  it('writes per-file statistics and the overwrite’s removes, and commitInfo with the rows written', async () => {
    const table = join(freshDir('duto-delta-'), 't');
    await writeDelta(
      conn(),
      table,
      `SELECT * FROM (VALUES (1::BIGINT, 'a'), (NULL, 'c'), (3, NULL)) v(id, name)`,
      'append',
    );
    await writeDelta(conn(), table, rangeSql(0, 2), 'overwrite');
    const lines = (v: number) =>
      readFileSync(join(table, '_delta_log', `${String(v).padStart(20, '0')}.json`), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    const add0 = lines(0).find((a) => a.add).add;
    expect(JSON.parse(add0.stats)).toEqual({
      numRecords: 3,
      minValues: { id: 1, name: 'a' },
      maxValues: { id: 3, name: 'c' },
      nullCount: { id: 1, name: 1 },
    });
    expect(lines(1).find((a) => a.commitInfo).commitInfo.operationMetrics.numOutputRows).toBe('2');
    expect(
      lines(1)
        .filter((a) => a.remove)
        .map((a) => a.remove.path),
    ).toEqual([add0.path]);
  });

  it('checkpoints every 10 commits; the checkpointed table reads the same as JSON-only replay', async () => {
    const table = join(freshDir('duto-delta-'), 'cp');
    for (let i = 0; i < 12; i++) await writeDelta(conn(), table, rangeSql(i * 10, i * 10 + 10), 'append');
    const log = join(table, '_delta_log');
    expect(existsSync(join(log, '00000000000000000010.checkpoint.parquet'))).toBe(true);
    expect(JSON.parse(readFileSync(join(log, '_last_checkpoint'), 'utf8')).version).toBe(10);
    const a = await loadSnapshot(conn(), table);
    const b = await loadSnapshot(conn(), table, { kind: 'latest' }, { useCheckpoints: false });
    expect(a.files).toEqual(b.files);
    expect(await ids(table)).toEqual(seq(0, 120));
  });

  it('two concurrent writers appending race: every append lands once, versions have no gap or duplicate', async () => {
    const table = join(freshDir('duto-delta-'), 'race');
    await writeDelta(conn(), table, rangeSql(0, 1), 'append');
    const jobs: Array<Promise<{ attempts: number; version: number }>> = [];
    for (let i = 1; i <= 16; i++)
      jobs.push(writeDelta(conns[i % 2] as DuckDBConnection, table, rangeSql(i * 100, i * 100 + 5), 'append'));
    const results = await Promise.all(jobs);
    expect(results.map((r) => r.version).sort((x, y) => x - y)).toEqual(seq(1, 17));
    const want = [0, ...seq(1, 17).flatMap((i) => seq(i * 100, i * 100 + 5))];
    expect(await ids(table)).toEqual(want);
    const logs = readdirSync(join(table, '_delta_log')).filter((n) => n.endsWith('.json'));
    expect(logs).toHaveLength(17);
    expect(readdirSync(table).filter((n) => n.endsWith('.parquet'))).toHaveLength(17);
  });

  it('a commit whose version is taken is refused; a failed write leaves no file behind', async () => {
    const table = join(freshDir('duto-delta-'), 'f');
    await writeDelta(conn(), table, rangeSql(0, 3), 'append');
    expect(tryCommit(table, 0, [{ commitInfo: {} }])).toBe(false);
    await expect(writeDelta(conn(), table, 'SELECT 1.5::DOUBLE AS other', 'append')).rejects.toSatisfy(
      (e) => e instanceof DutoError && e.diagnostics[0]?.code === 'delta.schema',
    );
    expect(readdirSync(table).filter((n) => n.endsWith('.parquet'))).toHaveLength(1);
    expect(readdirSync(join(table, '_delta_log')).filter((n) => n.startsWith('.tmp'))).toEqual([]);
  });
});
