import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DutoError, type Diagnostic } from '../../shared/diagnostics';
import type { Schedule } from '../../shared/format/document';
import { parseDocumentText } from '../../shared/format/parse';
import type { ScheduledOutcome, ScheduledPipeline, SchedulesStatus } from '../../shared/ipc/schedule-ops';
import { scanFolder } from '../engine/schedule/folder-scan';
import { compileSchedule, type Job } from '../engine/schedule/schedule-rules';
import { loadState, saveState } from '../engine/schedule/schedule-state';
import { Scheduler, type Clock, type RunOutcome } from '../engine/schedule/scheduler';
import { systemClock } from '../engine/schedule/system-clock';
import { trustOfFile } from '../engine/trust/trust-store';
import { writeFileAtomic } from './atomic-write';
import type { Handlers } from './dispatch';
import type { EngineHost } from './engine-host';
import { createRecentList } from './recent-list';
import type { TrustOptions } from './trust-ops';
import { makeFolder } from '../engine/files/make-folder';

/**
 * The app's scheduler: while the app (or the browser shell) is open, the
 * schedules of the pipelines it knows — its recent files, which include the
 * open one — fire through the same Scheduler core as `duto serve`, sharing
 * its state files, and run through the app's run path (the pipeline's run
 * lock, its history). Only trusted pipelines are scheduled; a run the lock
 * refuses (`duto serve` has it) is recorded as refused, once, not retried.
 * Off until the user turns it on (kept in `schedules.json` in the user data
 * folder): opening a file never starts running things by itself.
 */

export interface AppSchedulerOptions {
  userDataDir: string;
  trust: TrustOptions;
  runFile: EngineHost['runFile'];
  clock?: Clock;
  /** How often folder triggers are scanned (default 2 s). */
  pollMs?: number;
}

export interface AppScheduler {
  handlers: Pick<Handlers, 'schedules.status' | 'schedules.setEnabled'>;
  /** Reads the recent files again; the scheduler restarts only when what it schedules changed. */
  refresh(): Promise<void>;
  /** Resolves when no scheduled run is under way (tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const settingsSchema = z.object({ enabled: z.boolean() });

interface Known {
  file: string;
  name: string | undefined;
  schedule: Schedule;
  trusted: boolean;
}

export function createAppScheduler(options: AppSchedulerOptions): AppScheduler {
  const clock = options.clock ?? systemClock;
  const settingsFile = join(options.userDataDir, 'schedules.json');
  const recent = createRecentList(join(options.userDataDir, 'recent.json'));
  let known: Known[] = [];
  let problems = new Map<string, Diagnostic[]>();
  const last = new Map<string, { at: number; outcome: ScheduledOutcome; message?: string }>();
  let scheduler: Scheduler | undefined;
  let signature = '';
  let enabled: boolean | undefined;
  // Refreshes are chained: two at once must not both start a scheduler.
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const readEnabled = async (): Promise<boolean> => {
    if (enabled !== undefined) return enabled;
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(await readFile(settingsFile, 'utf8')));
      enabled = parsed.success && parsed.data.enabled;
    } catch {
      enabled = false;
    }
    return enabled;
  };

  const run = async (file: string, params: Record<string, string>, signal: AbortSignal): Promise<RunOutcome> => {
    const note = (outcome: ScheduledOutcome, message?: string): RunOutcome => {
      last.set(file, { at: clock.now(), outcome, ...(message === undefined ? {} : { message }) });
      return outcome === 'restricted' ? 'refused' : outcome;
    };
    try {
      const result = await options.runFile(file, params, signal);
      if (result === 'restricted') return note('restricted');
      const held = result.diagnostics.find((d) => d.code === 'pipeline.running');
      if (held !== undefined) return note('refused', held.message);
      if (result.cancelled) return note('cancelled');
      return note(result.ok ? 'succeeded' : 'failed', result.diagnostics.find((d) => d.severity === 'error')?.message);
    } catch (e) {
      // A file gone or broken since it was read: a failed run, said in the panel.
      const message =
        e instanceof DutoError ? (e.diagnostics[0]?.message ?? e.message) : e instanceof Error ? e.message : String(e);
      return note('failed', message);
    }
  };

  const readKnown = async (): Promise<Known[]> => {
    const out: Known[] = [];
    for (const file of await recent.list()) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        continue;
      }
      const parsed = parseDocumentText(text, file);
      if (!parsed.ok || parsed.document.schedule === undefined) continue;
      out.push({
        file,
        name: parsed.document.name,
        schedule: parsed.document.schedule,
        trusted: trustOfFile(options.trust.storeFile, file, options.trust.builtIn) === 'trusted',
      });
    }
    return out;
  };

  const restart = async (): Promise<void> => {
    const on = await readEnabled();
    const next = await readKnown();
    const sig = JSON.stringify([on, next]);
    if (sig === signature || closed) return;
    signature = sig;
    known = next;
    await scheduler?.stop();
    scheduler = undefined;
    const trusted = next.filter((k) => k.trusted);
    const served = new Set(trusted.map((k) => k.file));
    const jobs: Job[] = [];
    problems = new Map();
    for (const k of trusted) {
      const { job, diagnostics } = compileSchedule(k.file, k.schedule, served);
      if (diagnostics.length > 0) problems.set(k.file, diagnostics);
      jobs.push(job);
    }
    if (!on || jobs.length === 0 || closed) return;
    scheduler = new Scheduler(jobs, {
      clock,
      state: loadState(jobs),
      save: (s) => saveState(jobs, s),
      scan: scanFolder,
      // The panel shows each pipeline's last run; the scheduler's own log has no reader in the app.
      log: () => undefined,
      ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
      run,
    });
    scheduler.start();
  };

  const refresh = (): Promise<void> => {
    const next = queue.then(restart);
    queue = next.catch(() => undefined);
    return next;
  };

  const status = async (): Promise<SchedulesStatus> => {
    await refresh();
    const fires = scheduler?.nextFires() ?? [];
    const pipelines: ScheduledPipeline[] = known.map((k) => {
      const nexts = fires.filter((f) => f.file === k.file && f.next !== undefined).map((f) => f.next ?? 0);
      return {
        file: k.file,
        ...(k.name === undefined ? {} : { name: k.name }),
        trusted: k.trusted,
        triggers: k.schedule.triggers,
        next: nexts.length === 0 ? null : Math.min(...nexts),
        last: last.get(k.file) ?? null,
        problems: problems.get(k.file) ?? [],
      };
    });
    return { enabled: enabled ?? false, pipelines };
  };

  return {
    handlers: {
      'schedules.status': status,
      'schedules.setEnabled': async ({ enabled: on }) => {
        await makeFolder(options.userDataDir);
        await writeFileAtomic(settingsFile, `${JSON.stringify({ enabled: on })}\n`);
        enabled = on;
        return status();
      },
    },
    refresh,
    idle: async () => {
      await queue;
      await scheduler?.idle();
    },
    close: async () => {
      // The runs under way are cancelled now (stop's first, synchronous, part); then the answer waits for them.
      closed = true;
      const stopping = scheduler?.stop();
      scheduler = undefined;
      await queue;
      await stopping;
    },
  };
}
