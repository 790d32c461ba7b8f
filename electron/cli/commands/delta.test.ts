import { existsSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDuck } from '../../engine/delta/delta-history';
import { tableRetentionHours } from '../../engine/delta/delta-vacuum';
import { writeDelta } from '../../engine/delta/delta-write';
import { freshDir } from '../../engine/test-support';
import { EXIT } from '../exit';
import type { Io } from '../io';
import { deltaDescribeCommand, deltaHistoryCommand, deltaVacuumCommand } from './delta';

function capture(): Io & { stdout: () => string } {
  let out = '';
  return { out: (t) => void (out += t), err: () => undefined, tty: false, columns: 100, stdout: () => out };
}

async function threeVersions(): Promise<string> {
  const table = join(freshDir('duto-delta-cli-'), 'sales');
  await withDuck(table, async (conn) => {
    await writeDelta(conn, table, 'SELECT range AS id FROM range(4)', 'append');
    await writeDelta(conn, table, 'SELECT range AS id FROM range(4, 6)', 'append');
    await writeDelta(conn, table, 'SELECT range AS id FROM range(10, 11)', 'overwrite');
  });
  return table;
}

describe('duto delta', () => {
  it('history lists every version newest first, with operation, files and rows', async () => {
    const table = await threeVersions();
    const io = capture();
    expect(deltaHistoryCommand(table, { json: true }, io)).toBe(EXIT.ok);
    const entries: Array<{
      version: number;
      operation: string;
      filesAdded: number;
      filesRemoved: number;
      rowsAdded: number;
    }> = JSON.parse(io.stdout());
    expect(entries.map((e) => [e.version, e.operation, e.filesAdded, e.filesRemoved, e.rowsAdded])).toEqual([
      [2, 'WRITE', 1, 2, 1],
      [1, 'WRITE', 1, 0, 2],
      [0, 'CREATE TABLE AS SELECT', 1, 0, 4],
    ]);
  });

  it('describe shows the latest version, its columns and files', async () => {
    const io = capture();
    expect(await deltaDescribeCommand(await threeVersions(), {}, io)).toBe(EXIT.ok);
    expect(io.stdout()).toContain('version 2 · 1 files');
    expect(io.stdout()).toContain('id\tBIGINT');
  });

  it('vacuum deletes only unused files older than the retention, never the active one', async () => {
    const table = await threeVersions();
    const io = capture();
    await deltaVacuumCommand(table, { json: true }, io);
    expect(JSON.parse(io.stdout())).toMatchObject({ deleted: [], kept: 2, retentionHours: 168 });
    // Age every file and remove (as if written and removed 8 days ago) and vacuum again.
    const old = new Date(Date.now() - 8 * 24 * 3_600_000);
    for (const n of readdirSync(table).filter((f) => f.endsWith('.parquet'))) utimesSync(join(table, n), old, old);
    const later = capture();
    await deltaVacuumCommand(table, { json: true, retainHours: 0 }, later);
    // The removes are fresh: a retention of 0 hours deletes them, and keeps the active file.
    const r: { deleted: string[]; kept: number } = JSON.parse(later.stdout());
    expect(r.deleted).toHaveLength(2);
    for (const f of r.deleted) expect(existsSync(join(table, f))).toBe(false);
    expect(tableRetentionHours('interval 2 weeks')).toBe(336);
    expect(tableRetentionHours('interval 30 days')).toBe(720);
    const reread = capture();
    expect(await deltaDescribeCommand(table, {}, reread)).toBe(EXIT.ok);
  });
});
