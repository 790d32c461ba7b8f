import { spawn } from 'node:child_process';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, dutoAwait, requireBuiltCli, tmp } from './support';

/*
 * A Delta table written by sink.delta survives crashes and races: the built
 * CLI is killed (SIGKILL) at random moments of an append many times, and two
 * appends race; after each, the table reads at a whole version — its rows
 * are exactly the batches of the versions its log lists, never part of one,
 * never one twice — and the next append lands.
 */

beforeAll(requireBuiltCli);

const BATCH = 20_000;

function setUp(): { dir: string; append: (name: string) => string; merge: (name: string) => string; read: string } {
  const dir = tmp('delta-faults');
  const lines = ['id,amount', ...Array.from({ length: BATCH }, (_, i) => `${String(i)},${String(i % 97)}`)];
  writeFileSync(join(dir, 'batch.csv'), `${lines.join('\n')}\n`);
  const write = (file: string, nodes: unknown[]) => {
    writeFileSync(join(dir, file), `${JSON.stringify({ format: 'duto.pipeline', version: 2, nodes }, null, 2)}\n`);
    return join(dir, file);
  };
  const append = (name: string) =>
    write(`${name}.duto.json`, [
      { id: 'batch', type: 'source.csv', params: { path: 'batch.csv' } },
      { id: 'land', type: 'sink.delta', inputs: { in: 'batch' }, params: { path: 'lake/t', mode: 'append' } },
    ]);
  const merge = (name: string) =>
    write(`${name}.duto.json`, [
      { id: 'batch', type: 'source.csv', params: { path: 'batch.csv' } },
      {
        id: 'land',
        type: 'sink.delta',
        inputs: { in: 'batch' },
        params: { path: 'lake/t', mode: 'merge', keys: ['id'] },
      },
    ]);
  const read = write('read.duto.json', [
    { id: 't', type: 'source.delta', params: { path: 'lake/t' } },
    {
      id: 'n',
      type: 'transform.aggregate',
      inputs: { in: 't' },
      params: {
        measures: [
          { function: 'count', column: '', as: 'rows' },
          { function: 'count', column: 'id', as: 'ids' },
        ],
      },
    },
  ]);
  return { dir, append, merge, read };
}

/** The table as a reader sees it: its versions (from the log) and its rows. */
async function table(dir: string, read: string): Promise<{ versions: number; rows: number }> {
  const history = await dutoAwait(['delta', 'history', join(dir, 'lake', 't'), '--json'], dir);
  expect(history.code, history.stderr).toBe(0);
  const versions: unknown[] = JSON.parse(history.stdout);
  const preview = await dutoAwait(['preview', read, 'n', '--json', '--trust'], dir);
  expect(preview.code, preview.stderr).toBe(0);
  const result: { rows: unknown[][] } = JSON.parse(preview.stdout);
  return { versions: versions.length, rows: Number(result.rows[0]?.[0]) };
}

function killedRun(file: string, dir: string, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'run', file, '--trust', '--force', '--no-cache'], {
      cwd: dir,
      stdio: 'ignore',
      env: process.env,
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('Delta sink: crashes and races', () => {
  it('killed at random moments of appends, the table always reads at a whole version, and the next append lands', async () => {
    const { dir, append, read } = setUp();
    const a = append('a');
    const first = await dutoAwait(['run', a, '--trust'], dir);
    expect(first.code, first.stderr).toBe(0);
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let last = 1;
    for (let i = 0; i < 6; i++) {
      await killedRun(a, dir, 200 + Math.floor(next() * 1400));
      const t = await table(dir, read);
      expect(t.rows).toBe(t.versions * BATCH);
      expect(t.versions === last || t.versions === last + 1).toBe(true);
      last = t.versions;
    }
    const after = await dutoAwait(['run', a, '--trust', '--force'], dir);
    expect(after.code, after.stderr).toBe(0);
    expect(await table(dir, read)).toEqual({ versions: last + 1, rows: (last + 1) * BATCH });
    // Files a killed write left are referenced by no version: the reads above counted exact batches.
    expect(readdirSync(join(dir, 'lake', 't', '_delta_log')).filter((n) => /^\d{20}\.json$/.test(n))).toHaveLength(
      last + 1,
    );
  });

  for (const [point, landed] of [
    ['delta.before-commit', false],
    ['delta.after-commit', true],
  ] as const) {
    it(`killed at ${point}: the table is at the ${landed ? 'new' : 'old'} version, whole; the next append lands and sweeps the dead writer's temporary file`, async () => {
      const { dir, append, read } = setUp();
      const a = append('a');
      expect((await dutoAwait(['run', a, '--trust'], dir)).code).toBe(0);
      const killed = await dutoAwait(['run', a, '--trust', '--force', '--no-cache'], dir, { DUTO_FAILPOINTS: point });
      expect(killed.code).toBeNull();
      const versions = landed ? 2 : 1;
      expect(await table(dir, read)).toEqual({ versions, rows: versions * BATCH });
      const log = join(dir, 'lake', 't', '_delta_log');
      const temps = readdirSync(log).filter((n) => n.startsWith('.tmp-'));
      // Killed before it removed it, either side of the link: one temporary file of the dead writer's actions.
      // (Its data files, referenced by no version in the before case, are what `duto delta vacuum` removes.)
      expect(temps).toHaveLength(1);
      const old = new Date(Date.now() - 10 * 60_000);
      for (const t of temps) utimesSync(join(log, t), old, old);
      const next = await dutoAwait(['run', a, '--trust', '--force', '--no-cache'], dir);
      expect(next.code, next.stderr).toBe(0);
      expect(await table(dir, read)).toEqual({ versions: versions + 1, rows: (versions + 1) * BATCH });
      expect(readdirSync(log).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    });
  }

  for (const [point, landed] of [
    ['delta.before-commit', false],
    ['delta.after-commit', true],
  ] as const) {
    it(`a merge killed at ${point}: the table is at the ${landed ? 'new' : 'old'} version with every key once; the next merge lands, nothing doubled`, async () => {
      const { dir, append, merge, read } = setUp();
      expect((await dutoAwait(['run', append('a'), '--trust'], dir)).code).toBe(0);
      const m = merge('m');
      const killed = await dutoAwait(['run', m, '--trust', '--force', '--no-cache'], dir, { DUTO_FAILPOINTS: point });
      expect(killed.code).toBeNull();
      expect(await table(dir, read)).toEqual({ versions: landed ? 2 : 1, rows: BATCH });
      const next = await dutoAwait(['run', m, '--trust', '--force', '--no-cache'], dir);
      expect(next.code, next.stderr).toBe(0);
      expect(await table(dir, read)).toEqual({ versions: landed ? 3 : 2, rows: BATCH });
    });
  }

  it('two appends at once both land, one version each', async () => {
    const { dir, append, read } = setUp();
    const [a, b] = [append('a'), append('b')];
    expect((await dutoAwait(['run', a, '--trust'], dir)).code).toBe(0);
    const [ra, rb] = await Promise.all([
      dutoAwait(['run', a, '--trust', '--force', '--no-cache'], dir),
      dutoAwait(['run', b, '--trust', '--force', '--no-cache'], dir),
    ]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    expect(await table(dir, read)).toEqual({ versions: 3, rows: 3 * BATCH });
  });
});
