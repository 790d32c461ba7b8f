import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../shared/format/document';
import type { OperationName, Reply, Request, Response } from '../../shared/ipc/contract';
import { serializeDocument } from '../../shared/format/serialize';
import { lockPipelineRun } from '../engine/locks/pipeline-lock';
import { FakeClock } from '../engine/schedule/fake-clock';
import { csvFilterParquet, freshDir } from '../engine/test-support';
import { createHost, type Host } from './host';
import { hostsClosedAfterEach } from './test-hosts';

/*
 * The app's scheduler on a fake clock, over a real pipeline file, the real
 * engine and the real history: a due cron fires exactly once and its run is
 * on record; off by default; a run `duto serve` holds the lock for is
 * refused, shown, and not recorded; an untrusted pipeline never runs.
 */

const track = hostsClosedAfterEach();
const T0 = Date.parse('2026-03-01T10:00:30Z');
const MINUTE = 60_000;

function makeHost(clock: FakeClock): {
  host: Host;
  userDataDir: string;
  call: <K extends OperationName>(op: K, req: Request<K>) => Promise<Response<K>>;
} {
  const dir = freshDir('duto-sched-user-');
  const host = track(
    createHost({
      userDataDir: dir,
      trustStoreFile: join(dir, 'trust.json'),
      threads: 1,
      scheduleClock: clock,
      emit: () => undefined,
      shell: {
        'app.info': async () => ({ shell: 'web', version: '0', platform: 'test', workDir: '/', examplesDir: null }),
        'app.pendingOpens': async () => ({ paths: [] }),
        'file.openDialog': async () => ({ path: null }),
        'file.saveDialog': async () => ({ path: null }),
      },
    }),
  );
  const call = async <K extends OperationName>(op: K, req: Request<K>): Promise<Response<K>> => {
    const reply: Reply<OperationName> = await host.dispatch(op, req);
    if (!reply.ok) throw new Error(`${op}: ${reply.error.message}`);
    return reply.value as Response<K>;
  };
  return { host, call, userDataDir: dir };
}

/** A saved pipeline that fires every minute (UTC), writing out.parquet. */
function scheduledPipeline(): { file: string; out: string } {
  const dir = freshDir('duto-sched-');
  writeFileSync(join(dir, 'in.csv'), 'id,name,v\n1,a,10\n2,b,20\n3,c,30\n');
  const doc: PipelineDocument = {
    ...csvFilterParquet('in.csv', 'v >= 20', 'out.parquet'),
    name: 'every minute',
    schedule: { triggers: [{ cron: '* * * * *', timezone: 'UTC' }] },
  };
  const file = join(dir, 'minutely.duto.json');
  writeFileSync(file, serializeDocument(doc));
  return { file, out: join(dir, 'out.parquet') };
}

async function runsOf(
  call: ReturnType<typeof makeHost>['call'],
  file: string,
): Promise<Response<'history.all'>['runs']> {
  return (await call('history.all', {})).runs.filter((r) => r.pipeline === file);
}

describe('the app scheduler', () => {
  it('is off until turned on: a known scheduled pipeline is listed, nothing fires', async () => {
    const clock = new FakeClock(T0);
    const { host, call } = makeHost(clock);
    const { file, out } = scheduledPipeline();
    await call('recent.add', { path: file });
    await call('trust.grant', { file, scope: 'file' });
    const status = await call('schedules.status', {});
    expect(status.enabled).toBe(false);
    expect(status.pipelines).toEqual([
      expect.objectContaining({
        file,
        name: 'every minute',
        trusted: true,
        next: null,
        last: null,
        triggers: [{ cron: '* * * * *', timezone: 'UTC' }],
      }),
    ]);
    await clock.advanceTo(T0 + 3 * MINUTE);
    await host.schedules.idle();
    expect(existsSync(out)).toBe(false);
    expect(await runsOf(call, file)).toEqual([]);
  });

  it('fires a due schedule exactly once, through the app run path, and records it in history', async () => {
    const clock = new FakeClock(T0);
    const { host, call, userDataDir } = makeHost(clock);
    const { file, out } = scheduledPipeline();
    await call('recent.add', { path: file });
    await call('trust.grant', { file, scope: 'file' });
    const on = await call('schedules.setEnabled', { enabled: true });
    expect(on.enabled).toBe(true);
    expect(on.pipelines[0]?.next).toBe(Date.parse('2026-03-01T10:01:00Z'));
    // The switch is kept in the user's settings.
    expect(JSON.parse(readFileSync(join(userDataDir, 'schedules.json'), 'utf8'))).toEqual({ enabled: true });

    await clock.advanceTo(T0 + 40_000);
    await host.schedules.idle();
    expect(existsSync(out)).toBe(true);
    const runs = await runsOf(call, file);
    expect(runs).toHaveLength(1);
    // Recorded as a schedule's run (as `duto serve` records its own), not as a click in the app.
    expect(runs[0]).toMatchObject({
      outcome: 'succeeded',
      from: 'schedule',
      pipeline: file,
      outputs: [{ nodeId: 'out', rows: 2 }],
    });

    // Later in the same minute: nothing more.
    await clock.advanceTo(T0 + 80_000);
    await host.schedules.idle();
    expect(await runsOf(call, file)).toHaveLength(1);

    // A run the user starts in the app, same host, same file: recorded as the app's.
    const document: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const manual = await call('pipeline.run', { document, baseDir: dirname(file), file, params: {}, runId: 'manual' });
    expect(manual.ok).toBe(true);
    expect((await runsOf(call, file)).map((r) => r.from)).toEqual(['app', 'schedule']);
    const after = await call('schedules.status', {});
    expect(after.pipelines[0]).toMatchObject({
      last: { outcome: 'succeeded' },
      next: Date.parse('2026-03-01T10:02:00Z'),
    });
  });

  it('a run refused by the lock another process holds is shown as refused, not recorded, and the next fire goes on', async () => {
    const clock = new FakeClock(T0);
    const { host, call } = makeHost(clock);
    const { file } = scheduledPipeline();
    await call('recent.add', { path: file });
    await call('trust.grant', { file, scope: 'file' });
    await call('schedules.setEnabled', { enabled: true });
    const held = lockPipelineRun(file, 'serve-run');
    try {
      await clock.advanceTo(T0 + 40_000);
      await host.schedules.idle();
    } finally {
      held.release();
    }
    const status = await call('schedules.status', {});
    expect(status.pipelines[0]?.last).toMatchObject({ outcome: 'refused' });
    expect(status.pipelines[0]?.last?.message).toContain('serve-run');
    expect(await runsOf(call, file)).toEqual([]);
    await clock.advanceTo(T0 + 100_000);
    await host.schedules.idle();
    expect(await runsOf(call, file)).toHaveLength(1);
  });

  it('never runs an untrusted pipeline: listed as restricted, no next run', async () => {
    const clock = new FakeClock(T0);
    const { host, call } = makeHost(clock);
    const { file, out } = scheduledPipeline();
    await call('recent.add', { path: file });
    const status = await call('schedules.setEnabled', { enabled: true });
    expect(status.pipelines).toEqual([expect.objectContaining({ file, trusted: false, next: null })]);
    await clock.advanceTo(T0 + 3 * MINUTE);
    await host.schedules.idle();
    expect(existsSync(out)).toBe(false);
    expect(await runsOf(call, file)).toEqual([]);
  });
});
