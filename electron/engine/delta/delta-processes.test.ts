import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshDir } from '../test-support';
import { snapshotSql } from './delta-read-sql';
import { loadSnapshot } from './delta-snapshot';
import { withDuck } from './delta-history';
import { writeDelta } from './delta-write';

const here = dirname(fileURLToPath(import.meta.url));

function run(child: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((res) => {
    const p = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.on('exit', (code) => res({ code, out, err }));
  });
}

async function buildChild(): Promise<string> {
  const cacheDir = resolve(here, '../../../node_modules/.cache/duto-engine-test');
  mkdirSync(cacheDir, { recursive: true });
  const child = join(cacheDir, 'delta-append-child.mjs');
  await build({
    entryPoints: [join(here, '../test-fixtures/delta-append-child.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // onnxruntime-node is native: it loads from node_modules, as in scripts/build.mjs.
    external: ['@duckdb/node-api', 'onnxruntime-node'],
    logLevel: 'warning',
  });
  return child;
}

describe('two processes writing one Delta table', () => {
  it('both land every append: no lost or duplicated commit, no gap in versions', async () => {
    const child = await buildChild();
    const table = join(freshDir('duto-delta-'), 'race');
    await withDuck(table, (conn) => writeDelta(conn, table, `SELECT range AS id, 'a' AS v FROM range(0)`, 'append'));
    const [a, b] = await Promise.all([run(child, [table, '1000', '8']), run(child, [table, '5000', '8'])]);
    expect([a.code, a.err, b.code, b.err]).toEqual([0, '', 0, '']);
    const attempts = Number(JSON.parse(a.out).attempts) + Number(JSON.parse(b.out).attempts);
    expect(attempts).toBeGreaterThanOrEqual(16);
    const commits = readdirSync(join(table, '_delta_log')).filter((n) => /^\d{20}\.json$/.test(n));
    expect(commits).toHaveLength(17);
    const ids = await withDuck(table, async (conn) => {
      const s = await loadSnapshot(conn, table);
      expect(s.version).toBe(16);
      const r = await conn.runAndReadAll(`SELECT id FROM (${snapshotSql(s)}) ORDER BY id`);
      return r.getRowsJson().map((row) => Number(row[0]));
    });
    const want = [1000, 5000].flatMap((start) => Array.from({ length: 80 }, (_, i) => start + i));
    expect(ids).toEqual(want);
  }, 60_000);

  it('a merge racing appends: every commit lands, merged keys stay unique, appended rows are kept', async () => {
    const child = await buildChild();
    const table = join(freshDir('duto-delta-'), 'race');
    await withDuck(table, (conn) =>
      writeDelta(conn, table, `SELECT range AS id, 'a' AS v FROM range(0, 10)`, 'append'),
    );
    const [m, a] = await Promise.all([run(child, [table, '0', '8', 'merge']), run(child, [table, '1000', '8'])]);
    expect([m.code, m.err, a.code, a.err]).toEqual([0, '', 0, '']);
    const rows = await withDuck(table, async (conn) => {
      const s = await loadSnapshot(conn, table);
      expect(s.version).toBe(16);
      const r = await conn.runAndReadAll(`SELECT id, v FROM (${snapshotSql(s)}) ORDER BY id`);
      return r.getRowsJson().map((row) => [Number(row[0]), String(row[1])]);
    });
    const want = [
      ...Array.from({ length: 10 }, (_, i) => [i, 'm7']),
      ...Array.from({ length: 8 }, (_, i) => [100 + i, `m${i}`]),
      ...Array.from({ length: 80 }, (_, i) => [1000 + i, 'a']),
    ];
    expect(rows).toEqual(want);
  }, 60_000);
});
