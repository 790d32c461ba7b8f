import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipeline } from './pipeline-builder';
import { BIN, ROOT, duto, dutoAsync, dutoAwait, requireBuiltCli, tmp, type CliResult } from './support';

/**
 * The resident engine (issue #12, fast starts), through the built CLI: a
 * command typed in a terminal runs in an engine that stays loaded
 * (bin/engine-client.js, electron/cli/engine/). DUTO_ENGINE=on stands in for
 * the terminal here. What it must keep: the same output, files and exit code as
 * a command run in its own process; the client's folder, environment and umask;
 * Ctrl-C; one command at a time; nothing used from a folder others may write.
 */

interface Status {
  running: boolean;
  status?: { pid: number; served: number };
}

function engineEnv(runtime: string): Record<string, string> {
  return { DUTO_ENGINE: 'on', XDG_RUNTIME_DIR: runtime, DUTO_ENGINE_IDLE_SECONDS: '120' };
}

function status(env: Record<string, string>): Status {
  const r = duto(['engine', 'status', '--json'], ROOT, env);
  expect(r.code).toBe(0);
  const parsed: unknown = JSON.parse(r.stdout);
  return parsed as Status;
}

async function until(what: () => boolean, ms = 20_000): Promise<void> {
  const start = Date.now();
  while (!what()) {
    if (Date.now() - start > ms) throw new Error('waited too long');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Timings differ from run to run (and a node's is left out under 1 ms): everything else must be the same. */
const timings = (text: string): string =>
  text.replace(/ *\b\d+(\.\d+)? ?(ms|s)\b/g, '').replace(/"elapsedMs": \d+/g, '"elapsedMs": T');
const same = (r: CliResult): CliResult => ({ code: r.code, stdout: timings(r.stdout), stderr: timings(r.stderr) });

function writePipelines(dir: string): void {
  writeFileSync(join(dir, 'orders.csv'), 'id,amount,city\n1,5,Recife\n2,50,São Paulo\n3,20,Belém\n4,,Natal\n');
  const ok = pipeline()
    .node('orders', 'source.csv', { path: 'orders.csv' })
    .node('big', 'transform.filter', { condition: 'amount > 10' }, { in: 'orders' })
    .node('out', 'sink.csv', { path: 'out.csv' }, { in: 'big' })
    .build();
  writeFileSync(join(dir, 'ok.duto.json'), JSON.stringify(ok));
  const broken = pipeline()
    .node('orders', 'source.csv', { path: 'orders.csv' })
    .node('big', 'transform.filter', { condition: 'no_such_column > 10' }, { in: 'orders' })
    .build();
  writeFileSync(join(dir, 'broken.duto.json'), JSON.stringify(broken));
  const slow = pipeline()
    .node('src', 'transform.sql', { query: 'SELECT sum(hash(i)) AS s FROM range(3000000000) t(i)' })
    .node('out', 'sink.csv', { path: 'slow.csv' }, { in: 'src' })
    .build();
  writeFileSync(join(dir, 'slow.duto.json'), JSON.stringify(slow));
}

describe('the resident engine', () => {
  const runtime = tmp('engine-run');
  const env = engineEnv(runtime);
  const dir = tmp('engine');

  beforeAll(async () => {
    requireBuiltCli();
    writePipelines(dir);
    // The first command finds no engine: it runs itself and leaves one for the next.
    expect(status(env).running).toBe(false);
    const first = duto(['run', 'ok.duto.json'], dir, env);
    expect(first.code, first.stderr).toBe(0);
    await until(() => status(env).running);
  });

  afterAll(() => {
    duto(['engine', 'stop'], ROOT, env);
  });

  it('prints, writes and exits as a command in its own process', () => {
    const served = status(env).status?.served ?? 0;
    const commands = [
      ['run', 'ok.duto.json', '--force'],
      ['run', 'ok.duto.json', '--force', '--json'],
      ['run', 'broken.duto.json'],
      ['validate', 'broken.duto.json', '--json'],
      ['validate', 'ok.duto.json'],
      ['preview', 'ok.duto.json', 'big', '--json'],
      ['schema', 'ok.duto.json', 'orders'],
      ['explain', 'ok.duto.json'],
      ['run', 'missing.duto.json'],
      ['run', 'ok.duto.json', '--no-such-option'],
    ];
    for (const args of commands) {
      const alone = duto(args, dir, { ...env, DUTO_ENGINE: 'off' });
      const aloneOut = existsSync(join(dir, 'out.csv')) ? readFileSync(join(dir, 'out.csv'), 'utf8') : '';
      const engine = duto(args, dir, env);
      expect(same(engine), args.join(' ')).toEqual(same(alone));
      if (args[0] === 'run') expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(aloneOut);
    }
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('id,amount,city\n2,50,São Paulo\n3,20,Belém\n');
    // Each went to the engine, none ran alone.
    expect(status(env).status?.served).toBe(served + commands.length);
  });

  it("runs in the client's folder, environment and umask", async () => {
    const other = tmp('engine-cwd');
    writePipelines(other);
    const served = status(env).status?.served ?? 0;
    for (const [mask, mode] of [
      ['077', 0o600],
      ['022', 0o644],
    ] as const) {
      const child = spawn(
        'sh',
        ['-c', `umask ${mask} && exec "${process.execPath}" "${BIN}" run ok.duto.json --force`],
        {
          cwd: other,
          env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', DUTO_CACHE_DIR: join(other, 'cache'), ...env },
          stdio: 'ignore',
        },
      );
      expect(await new Promise((r) => child.on('close', r))).toBe(0);
      expect(statSync(join(other, 'out.csv')).mode & 0o777, mask).toBe(mode);
    }
    // DUTO_CACHE_DIR of that client, not the engine's.
    expect(existsSync(join(other, 'cache'))).toBe(true);
    expect(status(env).status?.served).toBe(served + 2);
  });

  it('cancels on Ctrl-C like a command in its own process, and serves the next one', async () => {
    const child = dutoAsync(['run', '--no-cache', 'slow.duto.json'], dir, env);
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    await until(() => readdirSync(dir).some((n) => n.startsWith('.duto-tmp-')), 30_000);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(130);
    expect(stderr).toContain('cancelling');
    expect(existsSync(join(dir, 'slow.csv'))).toBe(false);
    await until(() => !readdirSync(dir).some((n) => n.startsWith('.duto-tmp-')));
    const next = duto(['run', 'ok.duto.json', '--force'], dir, env);
    expect(next.code, next.stderr).toBe(0);
  });

  it('keeps, while idle, what a run computed without keeping; gives way at once to the next command; writes no output', async () => {
    const work = tmp('engine-keep');
    const cache = join(work, 'cache');
    const keepEnv = { ...env, DUTO_CACHE_DIR: cache };
    // Big enough that keeping the parsed file takes a while: seen under way, then interrupted.
    const lines = ['id,amount,city'];
    for (let i = 0; i < 2_500_000; i++) lines.push(`${String(i)},${String(i % 97)},c${String(i % 13)}`);
    writeFileSync(join(work, 'orders.csv'), `${lines.join('\n')}\n`);
    const filtered = (condition: string): string =>
      JSON.stringify(
        pipeline()
          .node('orders', 'source.csv', { path: 'orders.csv' })
          .node('big', 'transform.filter', { condition }, { in: 'orders' })
          .node('out', 'sink.csv', { path: 'out.csv' }, { in: 'big' })
          .build(),
      );
    writeFileSync(join(work, 'p.duto.json'), filtered('amount > 95'));
    writeFileSync(join(work, 'edited.duto.json'), filtered('amount > 90'));
    const keeping = (): boolean => {
      const r = duto(['engine', 'status', '--json'], ROOT, keepEnv);
      const parsed: unknown = JSON.parse(r.stdout);
      return JSON.stringify(parsed).includes('"keeping":true');
    };
    const entries = (): number[] => {
      const r = duto(['cache', 'ls', '--json'], ROOT, keepEnv);
      const parsed: unknown = JSON.parse(r.stdout);
      return (parsed as { entries: Array<{ rows: number }> }).entries.map((e) => e.rows);
    };

    const served = status(env).status?.served ?? 0;
    const cold = duto(['run', 'p.duto.json', '--force'], work, keepEnv);
    expect(cold.code, cold.stderr).toBe(0);
    // A one-off run keeps nothing big: the parsed file is only remembered as seen.
    await until(keeping, 10_000);
    // A command meanwhile is the engine's, at once; keeping stops and leaves nothing half-written
    // (keep-results.test.ts: a cancelled keeping commits nothing).
    const validate = duto(['validate', 'p.duto.json'], work, keepEnv);
    expect(validate.code, validate.stderr).toBe(0);
    expect(status(env).status?.served).toBe(served + 2);
    expect(keeping()).toBe(false);
    expect(readdirSync(cache).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const again = duto(['run', 'p.duto.json', '--force'], work, keepEnv);
    expect(again.code, again.stderr).toBe(0);
    const written = statSync(join(work, 'out.csv')).mtimeMs;
    await until(() => !keeping(), 60_000);
    expect(entries()).toContain(2_500_000);
    expect(statSync(join(work, 'out.csv')).mtimeMs).toBe(written);
    expect(readdirSync(work).filter((n) => n.startsWith('.duto-tmp-'))).toEqual([]);

    // The edit starts from the kept file, and gives the same rows as a run in its own process.
    const edited = duto(['run', 'edited.duto.json', '--json'], work, keepEnv);
    expect(edited.code, edited.stderr).toBe(0);
    const result = JSON.parse(edited.stdout) as { nodes: Record<string, { origin?: string }> };
    expect(result.nodes['orders']?.origin).toBe('cache');
    const viaCache = readFileSync(join(work, 'out.csv'), 'utf8');
    const alone = duto(['run', 'edited.duto.json', '--force', '--no-cache'], work, { ...keepEnv, DUTO_ENGINE: 'off' });
    expect(alone.code, alone.stderr).toBe(0);
    expect(readFileSync(join(work, 'out.csv'), 'utf8')).toBe(viaCache);
  });

  it('runs one command at a time: a second one meanwhile runs in its own process, both right', async () => {
    const other = tmp('engine-two');
    writePipelines(other);
    const served = status(env).status?.served ?? 0;
    const slow = dutoAsync(['run', '--no-cache', 'slow.duto.json'], dir, env);
    await until(() => readdirSync(dir).some((n) => n.startsWith('.duto-tmp-')), 30_000);
    const second = await dutoAwait(['run', 'ok.duto.json', '--force'], other, env);
    expect(second.code, second.stderr).toBe(0);
    expect(readFileSync(join(other, 'out.csv'), 'utf8')).toBe('id,amount,city\n2,50,São Paulo\n3,20,Belém\n');
    slow.kill('SIGINT');
    expect(await new Promise((r) => slow.on('exit', r))).toBe(130);
    // Only the slow one was the engine's.
    expect(status(env).status?.served).toBe(served + 1);
  });

  it('a client in another time zone runs its command itself', () => {
    const served = status(env).status?.served ?? 0;
    const r = duto(['run', 'ok.duto.json', '--force'], dir, { ...env, TZ: 'Asia/Tokyo' });
    expect(r.code, r.stderr).toBe(0);
    expect(status(env).status?.served).toBe(served);
  });

  it('an engine killed mid-command: the client says so; the next command runs itself and starts a new engine', async () => {
    const killed = status(env).status?.pid ?? 0;
    const child = dutoAsync(['run', '--no-cache', 'slow.duto.json'], dir, env);
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    await until(() => readdirSync(dir).some((n) => n.startsWith('.duto-tmp-')), 30_000);
    process.kill(killed, 'SIGKILL');
    expect(await new Promise((r) => child.on('exit', r))).toBe(1);
    expect(stderr).toContain('the engine stopped before the command ended');
    // Its socket is left behind, answering nobody.
    const next = duto(['run', 'ok.duto.json', '--force'], dir, env);
    expect(next.code, next.stderr).toBe(0);
    await until(() => (status(env).status?.pid ?? killed) !== killed);
    expect(duto(['run', 'ok.duto.json', '--force'], dir, env).code).toBe(0);
    expect(status(env).status?.served).toBe(1);
  });
});

describe('a resident engine is never used from a folder others may enter', () => {
  beforeAll(requireBuiltCli);

  it('runs the command itself and starts no engine there', async () => {
    const runtime = tmp('engine-open');
    const open = join(runtime, 'duto');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const env = engineEnv(runtime);
    const dir = tmp('engine-open-work');
    writePipelines(dir);
    for (let i = 0; i < 2; i++) {
      const r = duto(['run', 'ok.duto.json', '--force'], dir, env);
      expect(r.code, r.stderr).toBe(0);
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect(readdirSync(open)).toEqual([]);
    expect(status(env).running).toBe(false);
  });
});
