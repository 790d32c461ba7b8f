import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../external/types';
import { freshDir } from '../test-support';
import { lockFileTarget, lockPathFor } from './file-lock';
import { parseOwner, processStartTime } from './lock-owner';

/*
 * Lock files beside file targets: one holder at a time, a dead holder's lock
 * taken over (also when its pid now belongs to another process), a live one
 * waited for up to the limit, then `sink.locked`; a wait can be cancelled.
 */

const settings = (runId: string, waitMs = 0, onWaiting?: (m: string) => void) => ({
  runId,
  waitMs,
  ...(onWaiting === undefined ? {} : { onWaiting }),
});
const never = new AbortController().signal;

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('file target locks', () => {
  it('holds <target>.duto-lock with its owner, and removes it on release', async () => {
    const target = join(freshDir('duto-lock-'), 'out.csv');
    const held = await lockFileTarget(target, settings('run-a'), never);
    expect(held.path).toBe(`${target}.duto-lock`);
    const owner = parseOwner(readFileSync(held.path, 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname(), runId: 'run-a' });
    if (process.platform === 'linux') expect(owner?.startTime).toBe(processStartTime(process.pid));
    expect(Number.isNaN(Date.parse(owner?.started ?? ''))).toBe(false);
    held.release();
    expect(existsSync(held.path)).toBe(false);
  });

  it('refuses at once while a live run holds it (lock wait 0), naming the run', async () => {
    const target = join(freshDir('duto-lock-'), 'out.parquet');
    const a = await lockFileTarget(target, settings('run-a'), never);
    const e = await rejection(lockFileTarget(target, settings('run-b'), never));
    expect(e).toBeInstanceOf(ConnectorError);
    expect(e).toMatchObject({ code: 'sink.locked' });
    expect(String(e instanceof Error ? e.message : e)).toContain(
      `locked by run run-a (pid ${String(process.pid)}) since`,
    );
    a.release();
    // Released: the next run takes it.
    (await lockFileTarget(target, settings('run-b'), never)).release();
  });

  it('waits, saying for what and who holds it, and gets it once released', async () => {
    const target = join(freshDir('duto-lock-'), 'out.csv');
    const a = await lockFileTarget(target, settings('run-a'), never);
    const said: string[] = [];
    setTimeout(() => a.release(), 300);
    const started = Date.now();
    const b = await lockFileTarget(
      target,
      settings('run-b', 10_000, (m) => said.push(m)),
      never,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      new RegExp(
        `^waiting for ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: locked by run run-a \\(pid ${String(process.pid)}\\) since \\d{4}-`,
      ),
    );
    expect(parseOwner(readFileSync(b.path, 'utf8'))?.runId).toBe('run-b');
    b.release();
  });

  it('gives up after the wait limit with sink.locked, and a cancel stops the wait at once', async () => {
    const target = join(freshDir('duto-lock-'), 'out.csv');
    const a = await lockFileTarget(target, settings('run-a'), never);
    const started = Date.now();
    expect(await rejection(lockFileTarget(target, settings('run-b', 400), never))).toMatchObject({
      code: 'sink.locked',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    const cancelledAt = Date.now();
    const e = await rejection(lockFileTarget(target, settings('run-c', 60_000), stop.signal));
    expect(e instanceof Error ? e.name : '').toBe('AbortError');
    expect(Date.now() - cancelledAt).toBeLessThan(2000);
    // The holder's lock is untouched by those who gave up.
    expect(parseOwner(readFileSync(a.path, 'utf8'))?.runId).toBe('run-a');
    a.release();
  });

  it('takes over a lock whose process is dead, or whose pid now belongs to another process', async () => {
    const dir = freshDir('duto-lock-');
    const target = join(dir, 'shop.sqlite');
    const dead = {
      pid: deadPid(),
      startTime: '1',
      host: hostname(),
      runId: 'crashed',
      started: '2026-01-01T00:00:00.000Z',
    };
    writeFileSync(lockPathFor(target), JSON.stringify(dead));
    const b = await lockFileTarget(target, settings('run-b'), never);
    expect(parseOwner(readFileSync(b.path, 'utf8'))?.runId).toBe('run-b');
    b.release();
    if (process.platform === 'linux') {
      // Our own pid, but another start time: the pid was reused after the holder died.
      writeFileSync(lockPathFor(target), JSON.stringify({ ...dead, pid: process.pid, startTime: '12345' }));
      const c = await lockFileTarget(target, settings('run-c'), never);
      expect(parseOwner(readFileSync(c.path, 'utf8'))?.runId).toBe('run-c');
      c.release();
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('waits on a lock file still being written, and takes over one left torn long ago', async () => {
    const target = join(freshDir('duto-lock-'), 'out.json');
    writeFileSync(lockPathFor(target), '{"pid": 12');
    expect(await rejection(lockFileTarget(target, settings('run-b'), never))).toMatchObject({ code: 'sink.locked' });
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathFor(target), old, old);
    const b = await lockFileTarget(target, settings('run-b'), never);
    expect(parseOwner(readFileSync(b.path, 'utf8'))?.runId).toBe('run-b');
    b.release();
  });

  it('lets exactly one of many runs in this process hold the target at a time', async () => {
    const target = join(freshDir('duto-lock-'), 'out.csv');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const held = await lockFileTarget(target, settings(`run-${String(i)}`, 30_000), never);
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 30));
        inside--;
        held.release();
      }),
    );
    expect(most).toBe(1);
    expect(existsSync(lockPathFor(target))).toBe(false);
  });

  it('says clearly when the lock file cannot be made (a file stands where its folder would be)', async () => {
    const dir = freshDir('duto-lock-');
    writeFileSync(join(dir, 'blocker'), 'a file');
    const e = await rejection(lockFileTarget(join(dir, 'blocker', 'out.csv'), settings('run-a'), never));
    expect(e).toBeInstanceOf(ConnectorError);
    expect(e).toMatchObject({ code: 'sink.lock-file' });
    expect(e instanceof Error ? e.message : '').toContain(
      `cannot lock ${join(dir, 'blocker', 'out.csv')} (its lock file`,
    );
  });
});
