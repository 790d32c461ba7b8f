import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, dutoAwait, query, requireBuiltCli, tmp } from './support';

/*
 * The node cache survives a crash at any moment of writing an entry: the
 * built CLI is killed (SIGKILL) at each commit step of an entry (through
 * DUTO_FAILPOINTS) and at random moments of the run; every next run writes
 * the right output, never uses a half-written entry, and reuses what was
 * committed whole.
 */

beforeAll(requireBuiltCli);

const ROWS = 60_000;

function setUp(name: string): { dir: string; file: string; env: Record<string, string> } {
  const dir = tmp(name);
  const lines = [
    'id,grp,amount',
    ...Array.from({ length: ROWS }, (_, i) => `${String(i)},g${String(i % 13)},${String((i * 7) % 101)}`),
  ];
  writeFileSync(join(dir, 'orders.csv'), `${lines.join('\n')}\n`);
  const nodes = [
    { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
    { id: 'kept', type: 'transform.filter', inputs: { in: 'orders' }, params: { condition: 'amount > 10' } },
    {
      id: 'by_group',
      type: 'transform.aggregate',
      inputs: { in: 'kept' },
      params: { groupBy: ['grp'], measures: [{ function: 'sum', column: 'amount', as: 'total' }] },
    },
    { id: 'out', type: 'sink.csv', inputs: { in: 'by_group' }, params: { path: 'out.csv' } },
  ];
  const file = join(dir, 'p.duto.json');
  writeFileSync(file, `${JSON.stringify({ format: 'duto.pipeline', version: 2, nodes }, null, 2)}\n`);
  return { dir, file, env: { DUTO_CACHE_DIR: join(dir, 'cache') } };
}

const want = (dir: string) =>
  query(
    `SELECT grp, sum(amount)::BIGINT AS total FROM read_csv('${join(dir, 'orders.csv')}') WHERE amount > 10 GROUP BY grp ORDER BY grp`,
  );
const got = (dir: string) =>
  query(`SELECT grp, total::BIGINT AS total FROM read_csv('${join(dir, 'out.csv')}') ORDER BY grp`);
const RUN = ['--trust', '--json', '--force', '--cache-keep', 'first-run'];

interface Origins {
  nodes: Record<string, { origin?: string }>;
}

/** A run killed at a random moment: returns once the process is gone. */
function killedRun(file: string, dir: string, env: Record<string, string>, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'run', file, ...RUN], {
      cwd: dir,
      stdio: 'ignore',
      env: { ...process.env, ...env },
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('node cache: crashes while an entry is written', () => {
  for (const point of ['cache.before-rename', 'cache.before-sidecar'] as const) {
    it(`killed at ${point}: the next run recomputes and writes the right output; the one after reuses it`, async () => {
      const { dir, file, env } = setUp(`cache-fault-${point}`);
      const killed = await dutoAwait(['run', file, ...RUN], dir, { ...env, DUTO_FAILPOINTS: point });
      expect(killed.code).toBeNull();
      const again = await dutoAwait(['run', file, ...RUN], dir, env);
      expect(again.code, again.stderr).toBe(0);
      const first: Origins = JSON.parse(again.stdout);
      expect(first.nodes['by_group']?.origin).toBe('computed');
      expect(await got(dir)).toEqual(await want(dir));
      const third = await dutoAwait(['run', file, ...RUN], dir, env);
      expect(third.code, third.stderr).toBe(0);
      const reused: Origins = JSON.parse(third.stdout);
      expect(reused.nodes['by_group']?.origin).toBe('cache');
      expect(await got(dir)).toEqual(await want(dir));
      // Whatever the killed run left is not named by any sidecar, so it is never read (and evicted once stale).
      const sidecars = readdirSync(join(dir, 'cache')).filter((n) => n.endsWith('.json'));
      expect(sidecars.length).toBeGreaterThan(0);
    });
  }

  it('killed at random moments many times: every completed run after is right', async () => {
    const { dir, file, env } = setUp('cache-fault-random');
    // Seeded moments across the run (opening, reading, writing entries, the sink).
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 5; i++) {
      await killedRun(file, dir, env, 150 + Math.floor(next() * 1500));
      const r = await dutoAwait(['run', file, ...RUN], dir, env);
      expect(r.code, r.stderr).toBe(0);
      expect(await got(dir)).toEqual(await want(dir));
    }
  });
});

describe('node cache: the resident engine killed while it keeps in idle time', () => {
  const keptRows = async (dir: string, env: Record<string, string>): Promise<number[]> => {
    const r = await dutoAwait(['cache', 'ls', '--json'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { entries: Array<{ rows: number }> }).entries.map((e) => e.rows);
  };

  for (const point of ['cache.before-rename', 'cache.before-sidecar'] as const) {
    it(`killed at ${point}: the output is untouched, nothing half-written is an entry, keeping again commits it whole`, async () => {
      const { dir, file, env } = setUp(`keep-fault-${point}`);
      // A one-off run (second-run policy): the parsed file is only remembered as seen.
      const cold = await dutoAwait(['run', file, '--trust', '--force'], dir, env);
      expect(cold.code, cold.stderr).toBe(0);
      expect(await keptRows(dir, env)).not.toContain(ROWS);
      const out = join(dir, 'out.csv');
      const before = { text: readFileSync(out, 'utf8'), mtime: statSync(out).mtimeMs };
      // What the engine runs while idle (engine-server.ts), here in its own process, killed as it commits the entry.
      const killed = await dutoAwait(['run', '--idle-keep', file, '--trust'], dir, { ...env, DUTO_FAILPOINTS: point });
      expect(killed.code).toBeNull();
      expect({ text: readFileSync(out, 'utf8'), mtime: statSync(out).mtimeMs }).toEqual(before);
      expect(await keptRows(dir, env)).not.toContain(ROWS);
      const kept = await dutoAwait(['run', '--idle-keep', file, '--trust'], dir, env);
      expect(kept.code, kept.stderr).toBe(0);
      expect(await keptRows(dir, env)).toContain(ROWS);
      expect({ text: readFileSync(out, 'utf8'), mtime: statSync(out).mtimeMs }).toEqual(before);
      const again = await dutoAwait(['run', file, '--trust', '--force'], dir, env);
      expect(again.code, again.stderr).toBe(0);
      expect(await got(dir)).toEqual(await want(dir));
    });
  }
});
