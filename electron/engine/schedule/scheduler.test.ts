import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/format/document';
import { compileSchedule, type Job } from './schedule-rules';
import { FakeClock } from './fake-clock';
import { Scheduler, type RunOutcome, type SchedulerState } from './scheduler';

/*
 * The scheduler on a fake clock: cron in two time zones across their DST
 * changes, a folder batch firing once, a dependency, overlap refusals,
 * retries backing off, timeouts, and catch-up after downtime.
 */

const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

function job(file: string, schedule: Schedule, served: string[] = [file]): Job {
  const { job: j, diagnostics } = compileSchedule(file, schedule, new Set(served));
  expect(diagnostics).toEqual([]);
  return j;
}

interface Harness {
  clock: FakeClock;
  state: SchedulerState;
  runs: Array<{ file: string; at: number; params: Record<string, string> }>;
  logs: Array<Record<string, unknown>>;
  scheduler: Scheduler;
}

function harness(
  jobs: Job[],
  start: number,
  opts: {
    outcome?: (file: string, n: number) => RunOutcome;
    runMs?: number;
    state?: SchedulerState;
    files?: () => Record<string, string>;
  } = {},
): Harness {
  const clock = new FakeClock(start);
  const state: SchedulerState = opts.state ?? { lastFire: {}, seen: {} };
  const runs: Harness['runs'] = [];
  const logs: Harness['logs'] = [];
  const scheduler = new Scheduler(jobs, {
    clock,
    state,
    save: () => undefined,
    scan: () => opts.files?.() ?? {},
    log: (e) => logs.push(e),
    run: (file, params, signal) => {
      runs.push({ file, at: clock.now(), params });
      const n = runs.filter((r) => r.file === file).length;
      return new Promise((resolve) => {
        const h = clock.setTimeout(() => resolve(opts.outcome?.(file, n) ?? 'succeeded'), opts.runMs ?? 1000);
        signal.addEventListener('abort', () => {
          clock.clearTimeout(h);
          resolve('cancelled');
        });
      });
    },
  });
  return { clock, state, runs, logs, scheduler };
}

describe('cron rules across DST', () => {
  it('fires 02:30 Europe/Berlin and 09:00 America/New_York at the right UTC instants around both changes', async () => {
    const berlin = job('/p/berlin.duto.json', { triggers: [{ cron: '30 2 * * *', timezone: 'Europe/Berlin' }] });
    const ny = job('/p/ny.duto.json', { triggers: [{ cron: '0 9 * * *', timezone: 'America/New_York' }] });
    const h = harness([berlin, ny], at('2026-03-06T12:00:00Z'));
    h.scheduler.start();
    await h.clock.advanceTo(at('2026-03-31T00:00:00Z'));
    const times = (file: string): string[] =>
      h.runs.filter((r) => r.file === file).map((r) => new Date(r.at).toISOString());
    // New York springs forward on 8 March: 09:00 EST is 14:00Z, 09:00 EDT is 13:00Z.
    expect(times('/p/ny.duto.json').slice(0, 4)).toEqual([
      '2026-03-06T14:00:00.000Z',
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
    // Berlin springs forward on 29 March: 02:30 does not exist that day, the run moves to 03:00 CEST (01:00Z), once.
    const b = times('/p/berlin.duto.json');
    expect(b.filter((t) => t.startsWith('2026-03-2'))).toEqual([
      '2026-03-20T01:30:00.000Z',
      '2026-03-21T01:30:00.000Z',
      '2026-03-22T01:30:00.000Z',
      '2026-03-23T01:30:00.000Z',
      '2026-03-24T01:30:00.000Z',
      '2026-03-25T01:30:00.000Z',
      '2026-03-26T01:30:00.000Z',
      '2026-03-27T01:30:00.000Z',
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
    ]);
    expect(b).toContain('2026-03-30T00:30:00.000Z');
    await h.scheduler.stop();
  });

  it('fires 02:30 Europe/Berlin once on the autumn day it happens twice', async () => {
    const berlin = job('/p/berlin.duto.json', { triggers: [{ cron: '30 2 * * *', timezone: 'Europe/Berlin' }] });
    const h = harness([berlin], at('2026-10-24T12:00:00Z'));
    h.scheduler.start();
    await h.clock.advanceTo(at('2026-10-26T12:00:00Z'));
    expect(h.runs.map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
    await h.scheduler.stop();
  });
});

describe('catch-up after downtime', () => {
  const cron = { cron: '0 * * * *', timezone: 'UTC' };
  it('once: several missed hours run once at start, then on schedule; skip: none', async () => {
    const state = (): SchedulerState => ({ lastFire: { '/p/a.duto.json#0': at('2026-01-01T00:00:00Z') }, seen: {} });
    const once = harness([job('/p/a.duto.json', { triggers: [cron], catchUp: 'once' })], at('2026-01-01T05:30:00Z'), {
      state: state(),
    });
    once.scheduler.start();
    await once.clock.advanceTo(at('2026-01-01T06:30:00Z'));
    expect(once.runs.map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-01-01T05:30:00.000Z',
      '2026-01-01T06:00:00.000Z',
    ]);
    await once.scheduler.stop();

    const skip = harness([job('/p/a.duto.json', { triggers: [cron], catchUp: 'skip' })], at('2026-01-01T05:30:00Z'), {
      state: state(),
    });
    skip.scheduler.start();
    await skip.clock.advanceTo(at('2026-01-01T06:30:00Z'));
    expect(skip.runs.map((r) => new Date(r.at).toISOString())).toEqual(['2026-01-01T06:00:00.000Z']);
    expect(skip.logs.some((l) => l['event'] === 'skipped-missed')).toBe(true);
    await skip.scheduler.stop();
  });

  it('a restart right after a fire (its instant saved) does not fire it again', async () => {
    const h = harness([job('/p/a.duto.json', { triggers: [cron] })], at('2026-01-01T05:00:00.500Z'), {
      state: { lastFire: { '/p/a.duto.json#0': at('2026-01-01T05:00:00Z') }, seen: {} },
    });
    h.scheduler.start();
    await h.clock.advanceTo(at('2026-01-01T05:59:00Z'));
    expect(h.runs).toEqual([]);
    await h.scheduler.stop();
  });
});

describe('folder rules', () => {
  it('fires once per settled batch, handing over the new and changed files', async () => {
    let files: Record<string, string> = {};
    const j = job('/p/in.duto.json', { triggers: [{ files: 'inbox/*.csv', debounceSeconds: 5 }] });
    const h = harness([j], 0, { files: () => files });
    h.scheduler.start();
    await h.clock.advanceTo(3000);
    files = { 'inbox/a.csv': '1' };
    await h.clock.advanceTo(5000);
    files = { 'inbox/a.csv': '1', 'inbox/b.csv': '1' };
    await h.clock.advanceTo(7000);
    files = { 'inbox/a.csv': '2', 'inbox/b.csv': '1', 'inbox/c.csv': '1' };
    await h.clock.advanceTo(30_000);
    expect(h.runs.map((r) => r.params)).toEqual([
      { changed_files: JSON.stringify(['inbox/a.csv', 'inbox/b.csv', 'inbox/c.csv']) },
    ]);
    // Scanned every 2 s: the last change was seen at 8 s, quiet for 5 s by the 14 s scan.
    expect(h.runs[0]?.at).toBe(14_000);
    files = { ...files, 'inbox/b.csv': '2' };
    await h.clock.advanceTo(60_000);
    expect(h.runs.map((r) => r.params)).toEqual([
      { changed_files: JSON.stringify(['inbox/a.csv', 'inbox/b.csv', 'inbox/c.csv']) },
      { changed_files: JSON.stringify(['inbox/b.csv']) },
    ]);
    await h.scheduler.stop();
  });

  it('a scan that fails is said once, not run on, and the batch fires once the folder is readable again', async () => {
    let failing = true;
    const j = job('/p/in.duto.json', { triggers: [{ files: '**/*.csv', debounceSeconds: 1 }] });
    const h = harness([j], 0, {
      files: () => {
        if (failing)
          throw new Error('the folder trigger **/*.csv reaches more than 100000 files and folders: narrow it');
        return { 'a.csv': '1' };
      },
    });
    h.scheduler.start();
    await h.clock.advanceTo(10_000);
    expect(h.runs).toEqual([]);
    expect(h.logs.filter((l) => l['event'] === 'trigger-failed')).toEqual([
      {
        event: 'trigger-failed',
        file: '/p/in.duto.json',
        trigger: '**/*.csv',
        message: expect.stringMatching(/narrow it/),
      },
    ]);
    failing = false;
    await h.clock.advanceTo(20_000);
    expect(h.runs.map((r) => r.params)).toEqual([{ changed_files: JSON.stringify(['a.csv']) }]);
    await h.scheduler.stop();
  });
});

describe('dependencies, overlaps, retries, timeouts', () => {
  it('a dependent pipeline runs only after its upstream succeeds', async () => {
    const up = job('/p/up.duto.json', { triggers: [{ cron: '0 * * * *', timezone: 'UTC' }] });
    const down = job('/p/down.duto.json', { triggers: [{ after: 'up.duto.json' }] }, [
      '/p/up.duto.json',
      '/p/down.duto.json',
    ]);
    const h = harness([up, down], 0, {
      outcome: (file, n) => (file === '/p/up.duto.json' && n === 1 ? 'failed' : 'succeeded'),
      runMs: 60_000,
    });
    h.scheduler.start();
    await h.clock.advanceTo(2.5 * HOUR);
    expect(h.runs.map((r) => [r.file, r.at])).toEqual([
      ['/p/up.duto.json', HOUR],
      ['/p/up.duto.json', 2 * HOUR],
      ['/p/down.duto.json', 2 * HOUR + 60_000],
    ]);
    await h.scheduler.stop();
  });

  it('refuses a fire while the same pipeline still runs', async () => {
    const j = job('/p/slow.duto.json', { triggers: [{ cron: '* * * * *', timezone: 'UTC' }] });
    const h = harness([j], 0, { runMs: 150_000 });
    h.scheduler.start();
    await h.clock.advanceTo(5 * 60_000 + 1);
    expect(h.runs.map((r) => r.at)).toEqual([60_000, 240_000]);
    // Refused at 2 and 3 minutes (the first run lasts until 3.5), and at 5 (the second until 6.5).
    expect(h.logs.filter((l) => l['event'] === 'refused').map((l) => l['trigger'])).toEqual(['cron', 'cron', 'cron']);
    await h.scheduler.stop();
  });

  it('retries a failed run with exponential backoff, then gives up', async () => {
    const j = job('/p/flaky.duto.json', {
      triggers: [{ cron: '0 0 * * *', timezone: 'UTC' }],
      retries: 3,
      retryDelaySeconds: 10,
    });
    const h = harness([j], 0, { outcome: () => 'failed', runMs: 1000 });
    h.scheduler.start();
    await h.clock.advanceTo(25 * HOUR - 1);
    const day = 24 * HOUR;
    // Each attempt takes 1 s; the waits are 10 s, 20 s, 40 s.
    expect(h.runs.map((r) => r.at - day)).toEqual([0, 11_000, 32_000, 73_000]);
    expect(h.logs.filter((l) => l['event'] === 'retry').map((l) => l['inMs'])).toEqual([10_000, 20_000, 40_000]);
    await h.scheduler.stop();
  });

  it('cancels a run past its timeout and counts it failed; stop cancels the run under way', async () => {
    const j = job('/p/long.duto.json', { triggers: [{ cron: '0 0 * * *', timezone: 'UTC' }], timeoutSeconds: 30 });
    const h = harness([j], 0, { runMs: 10 * 60_000 });
    h.scheduler.start();
    await h.clock.advanceTo(24 * HOUR + 31_000);
    expect(h.logs.filter((l) => l['event'] === 'timeout')).toHaveLength(1);
    expect(h.logs.find((l) => l['event'] === 'end')?.['outcome']).toBe('failed');
    await h.clock.advanceTo(48 * HOUR + 1000);
    await h.scheduler.stop();
    expect(h.logs.filter((l) => l['event'] === 'end').map((l) => l['outcome'])).toEqual(['failed', 'cancelled']);
  });
});

describe('schedule rules', () => {
  it('says what is wrong with a cron, a time zone, a glob and an after', () => {
    const { diagnostics } = compileSchedule(
      '/p/x.duto.json',
      {
        triggers: [
          { cron: '61 * * * *', timezone: 'UTC' },
          { cron: '0 * * * *', timezone: 'Mars/Olympus' },
          { files: '../secrets/*' },
          { after: 'nope.duto.json' },
        ],
      },
      new Set(['/p/x.duto.json']),
    );
    expect(diagnostics.map((d) => d.code)).toEqual([
      'schedule.invalid',
      'schedule.invalid',
      'schedule.invalid',
      'schedule.invalid',
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('"61 * * * *" is not a cron expression'),
      expect.stringContaining('"Mars/Olympus" is not an IANA time zone'),
      expect.stringContaining('must stay inside'),
      expect.stringContaining('/p/nope.duto.json is not among them'),
    ]);
  });
});
