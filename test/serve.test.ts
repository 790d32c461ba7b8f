import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { historyFileFor } from '../electron/engine/history/run-history';
import { lockPipelineRun } from '../electron/engine/locks/pipeline-lock';
import { perPipelineFile } from '../electron/engine/session/user-folders';
import { duto, dutoAsync, requireBuiltCli, tmp } from './support';

/*
 * `duto serve` as a process: a missed cron fire after downtime runs once
 * under `catchUp: once` and not at all under `skip`; kill -9 during or after
 * a run and a restart never run that fire again; SIGTERM stops it cleanly;
 * a manual `duto run` of a pipeline another process is running is refused.
 */

type Child = ChildProcessByStdio<null, Readable, Readable>;

beforeAll(requireBuiltCli);

const children: Child[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function pipeline(dir: string, catchUp: 'once' | 'skip'): string {
  const file = join(dir, 'hourly.duto.json');
  const doc = {
    format: 'duto.pipeline',
    version: 2,
    schedule: { triggers: [{ cron: '0 * * * *', timezone: 'America/Sao_Paulo' }], catchUp },
    nodes: [
      { id: 'gen', type: 'transform.sql', params: { query: 'SELECT 1 AS x' } },
      { id: 'out', type: 'sink.csv', inputs: { in: 'gen' }, params: { path: 'out.csv' } },
    ],
  };
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

/** The state a serve that last fired three hours ago left behind. */
function lastFiredHoursAgo(file: string, env: NodeJS.ProcessEnv, hours: number): void {
  const state = perPipelineFile('data', 'schedule', '.json', file, env);
  mkdirSync(join(state, '..'), { recursive: true });
  writeFileSync(state, JSON.stringify({ lastFire: { [`${file}#0`]: Date.now() - hours * 3_600_000 }, seen: {} }));
}

interface Served {
  child: Child;
  events: Array<Record<string, unknown>>;
  until(event: string): Promise<void>;
}

function serve(dir: string, env: Record<string, string>): Served {
  const child = dutoAsync(['serve', '--trust', dir], dir, env);
  children.push(child);
  const events: Array<Record<string, unknown>> = [];
  let buf = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (b: Buffer) => {
    buf += b.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      events.push(JSON.parse(buf.slice(0, nl)) as Record<string, unknown>);
      buf = buf.slice(nl + 1);
      for (const w of waiters.splice(0)) w();
    }
  });
  const until = async (event: string): Promise<void> => {
    while (!events.some((e) => e['event'] === event)) {
      if (child.exitCode !== null) throw new Error(`serve exited before "${event}"`);
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { child, events, until };
}

const runs = (file: string, env: NodeJS.ProcessEnv): number => {
  const h = historyFileFor(file, env);
  return existsSync(h)
    ? readFileSync(h, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '').length
    : 0;
};

const exited = (c: Child): Promise<number | null> =>
  new Promise((r) => (c.exitCode !== null ? r(c.exitCode) : c.on('close', (code) => r(code))));

describe('duto serve', () => {
  it('catchUp once: a missed fire runs once; after kill -9 a restart does not run it again; SIGTERM stops cleanly', async () => {
    const dir = tmp('serve-once');
    const env = { XDG_DATA_HOME: join(dir, 'data') };
    const file = pipeline(dir, 'once');
    lastFiredHoursAgo(file, env, 3);

    const first = serve(dir, env);
    await first.until('end');
    expect(first.events.filter((e) => e['event'] === 'catch-up')).toHaveLength(1);
    expect(first.events.find((e) => e['event'] === 'end')?.['outcome']).toBe('succeeded');
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(runs(file, env)).toBe(1);
    // On record as a schedule's run, as the app's scheduler records its own.
    expect(JSON.parse(readFileSync(historyFileFor(file, env), 'utf8'))).toMatchObject({
      from: 'schedule',
      outcome: 'succeeded',
    });

    const second = serve(dir, env);
    await second.until('next');
    // Long enough for a catch-up run to have started, had one been due.
    await new Promise((r) => setTimeout(r, 1500));
    second.child.kill('SIGTERM');
    await exited(second.child);
    expect(second.events.map((e) => e['event'])).toEqual(['serving', 'next', 'stopping', 'stopped']);
    expect(runs(file, env)).toBe(1);
  }, 60_000);

  it('kill -9 in the middle of a run: the restart neither runs that fire again nor stays locked out', async () => {
    const dir = tmp('serve-mid');
    const env = { XDG_DATA_HOME: join(dir, 'data') };
    const file = pipeline(dir, 'once');
    lastFiredHoursAgo(file, env, 2);
    const first = serve(dir, env);
    await first.until('start');
    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = serve(dir, env);
    await second.until('next');
    await new Promise((r) => setTimeout(r, 1500));
    expect(second.events.some((e) => e['event'] === 'start' || e['event'] === 'catch-up')).toBe(false);
    second.child.kill('SIGTERM');
    await exited(second.child);
    // The dead serve's run lock is stale (its pid is gone): a manual run takes it over.
    const manual = duto(['run', '--trust', file], dir, env);
    expect(manual.stderr).toBe('');
    expect(manual.code).toBe(0);
  }, 60_000);

  it('catchUp skip: a missed fire does not run', async () => {
    const dir = tmp('serve-skip');
    const env = { XDG_DATA_HOME: join(dir, 'data') };
    const file = pipeline(dir, 'skip');
    lastFiredHoursAgo(file, env, 3);
    const s = serve(dir, env);
    await s.until('next');
    await new Promise((r) => setTimeout(r, 1500));
    s.child.kill('SIGINT');
    expect(await exited(s.child)).toBe(130);
    expect(s.events.filter((e) => e['event'] === 'skipped-missed')).toHaveLength(1);
    expect(s.events.some((e) => e['event'] === 'start')).toBe(false);
    expect(runs(file, env)).toBe(0);
  }, 60_000);

  it('refuses a manual run of a pipeline another process is running, naming it', () => {
    const dir = tmp('serve-lock');
    const env = { XDG_DATA_HOME: join(dir, 'data') };
    const file = pipeline(dir, 'once');
    const held = lockPipelineRun(file, 'serve-test', { ...process.env, ...env });
    try {
      const r = duto(['run', '--trust', file], dir, env);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${file} is already running: run serve-test (pid ${String(process.pid)})`);
      expect(runs(file, env)).toBe(0);
    } finally {
      held.release();
    }
    expect(duto(['run', '--trust', file], dir, env).code).toBe(0);
  });

  it('says what is wrong with a schedule, in Portuguese too', () => {
    const dir = tmp('serve-bad');
    writeFileSync(
      join(dir, 'bad.duto.json'),
      JSON.stringify({
        format: 'duto.pipeline',
        version: 2,
        schedule: { triggers: [{ cron: '0 * * * *', timezone: 'Mars/Olympus' }] },
        nodes: [],
      }),
    );
    const en = duto(['serve', dir], dir);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('"Mars/Olympus" is not an IANA time zone');
    const pt = duto(['serve', dir], dir, { LANG: 'pt_BR.UTF-8' });
    expect(pt.stderr).toContain('"Mars/Olympus" não é um fuso horário IANA');
  });

  it("history --all lists every pipeline's runs in one list, newest first", () => {
    const dir = tmp('serve-history');
    const env = { XDG_DATA_HOME: join(dir, 'data') };
    const a = pipeline(dir, 'once');
    const b = join(dir, 'other.duto.json');
    writeFileSync(b, readFileSync(a, 'utf8').replace('out.csv', 'other.csv'));
    expect(duto(['run', '--trust', a, b], dir, env).code).toBe(0);
    const r = duto(['history', '--all'], dir, env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/succeeded .* wrote out \(1 row\)\s+other\.duto\.json$/);
    expect(lines[1]).toMatch(/succeeded .* wrote out \(1 row\)\s+hourly\.duto\.json$/);
    expect(duto(['history', '--all', a], dir, env).code).toBe(2);
  });
});
