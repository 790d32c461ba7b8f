import type { CronRule, FolderRule, Job } from './schedule-rules';

/**
 * The scheduler: pure logic over an injectable clock, so tests drive it with
 * a fake one. It fires cron rules at their instants, folder rules once per
 * settled batch of new or changed files, and `after` rules when their
 * upstream succeeds; it refuses a fire while the same pipeline runs, retries
 * a failed run with exponential backoff, cancels one past its timeout, and
 * keeps each cron rule's last fire in a state it saves *before* the run
 * starts — so a restart after a crash never fires the same instant twice,
 * and a missed instant fires once (`catchUp: once`) or not at all (`skip`).
 */

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type RunOutcome = 'succeeded' | 'failed' | 'refused' | 'cancelled';

export interface SchedulerState {
  /** Cron rule key → the instant (ms) it last fired for. */
  lastFire: Record<string, number>;
  /** Folder rule key → path → signature (size and mtime) of the files already handed to a run. */
  seen: Record<string, Record<string, string>>;
}

export interface SchedulerDeps {
  clock: Clock;
  state: SchedulerState;
  /** Called with the whole state after every change that must survive a crash (write it atomically). */
  save(state: SchedulerState): void;
  /** Runs a pipeline once; `signal` aborts on timeout or shutdown. */
  run(file: string, params: Record<string, string>, signal: AbortSignal): Promise<RunOutcome>;
  /** The files a folder rule matches now: relative path → signature. */
  scan(rule: FolderRule): Record<string, string>;
  log(event: Record<string, string | number | boolean | string[]>): void;
  /** How often folder rules are scanned (default 2 s). */
  pollMs?: number;
}

/** Timers longer than this are re-armed (setTimeout's limit is about 24.8 days). */
const MAX_TIMER_MS = 60 * 60_000;

interface Pending {
  files: Set<string>;
  lastChange: number;
}

export class Scheduler {
  private readonly timers = new Set<unknown>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly pending = new Map<string, Pending>();
  private stopped = false;

  constructor(
    private readonly jobs: readonly Job[],
    private readonly deps: SchedulerDeps,
  ) {}

  start(): void {
    const now = this.deps.clock.now();
    for (const job of this.jobs) {
      for (const rule of job.rules) {
        if (rule.kind === 'cron') this.startCron(job, rule, now);
        else if (rule.kind === 'files') this.startFolder(job, rule);
      }
    }
  }

  /** Next fire of every cron rule, for a Schedules panel or `serve`'s first lines. */
  nextFires(): Array<{ file: string; key: string; next: number | undefined; last: number | undefined }> {
    const now = this.deps.clock.now();
    return this.jobs.flatMap((job) =>
      job.rules.flatMap((r) =>
        r.kind === 'cron'
          ? [
              {
                file: job.file,
                key: r.key,
                next: r.next(Math.max(now, this.deps.state.lastFire[r.key] ?? now)),
                last: this.deps.state.lastFire[r.key],
              },
            ]
          : [],
      ),
    );
  }

  /** Stops firing and cancels the runs under way; resolves when they have ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) this.deps.clock.clearTimeout(t);
    this.timers.clear();
    const runs = [...this.running.values()];
    for (const r of runs) r.controller.abort();
    await Promise.all(runs.map((r) => r.done));
  }

  /** Resolves when no run is under way (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private after(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const handle = this.deps.clock.setTimeout(
      () => {
        this.timers.delete(handle);
        fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(handle);
  }

  private startCron(job: Job, rule: CronRule, now: number): void {
    const last = this.deps.state.lastFire[rule.key];
    if (last === undefined) {
      // Never served before: from now on, nothing missed.
      this.deps.state.lastFire[rule.key] = now;
      this.deps.save(this.deps.state);
    } else {
      const missed = rule.next(last);
      if (missed !== undefined && missed <= now) {
        if (job.catchUp === 'once') {
          this.deps.log({ event: 'catch-up', file: job.file, missed: new Date(missed).toISOString() });
          this.fire(job, rule.key, now, {}, 'catch-up');
        } else {
          this.deps.log({ event: 'skipped-missed', file: job.file, missed: new Date(missed).toISOString() });
          this.deps.state.lastFire[rule.key] = now;
          this.deps.save(this.deps.state);
        }
      }
    }
    this.armCron(job, rule);
  }

  private armCron(job: Job, rule: CronRule): void {
    const now = this.deps.clock.now();
    const next = rule.next(Math.max(now, this.deps.state.lastFire[rule.key] ?? now));
    if (next === undefined) return;
    this.after(Math.min(next - now, MAX_TIMER_MS), () => {
      if (this.deps.clock.now() >= next) this.fire(job, rule.key, next, {}, 'cron');
      this.armCron(job, rule);
    });
  }

  private startFolder(job: Job, rule: FolderRule): void {
    const poll = (): void => {
      const now = this.deps.clock.now();
      const seen = this.deps.state.seen[rule.key] ?? {};
      let files: Record<string, string>;
      try {
        files = this.deps.scan(rule);
      } catch (e) {
        // Said once per new problem, tried again at every scan (the folder may be narrowed or cleaned meanwhile).
        const message = e instanceof Error ? e.message : String(e);
        if (this.scanProblems.get(rule.key) !== message)
          this.deps.log({ event: 'trigger-failed', file: job.file, trigger: rule.glob, message });
        this.scanProblems.set(rule.key, message);
        this.after(this.deps.pollMs ?? 2000, poll);
        return;
      }
      this.scanProblems.delete(rule.key);
      // Compared with the previous scan (the first with what was handed over before): a change restarts the quiet time.
      const before = this.lastScan.get(rule.key) ?? seen;
      this.lastScan.set(rule.key, files);
      let p = this.pending.get(rule.key);
      for (const [path, sig] of Object.entries(files)) {
        if (seen[path] === sig) continue;
        p ??= { files: new Set(), lastChange: now };
        if (before[path] !== sig) p.lastChange = now;
        p.files.add(path);
      }
      if (p !== undefined) this.pending.set(rule.key, p);
      if (p !== undefined && now - p.lastChange >= rule.debounceMs && !this.running.has(job.file)) {
        const batch = [...p.files].filter((f) => files[f] !== undefined).sort();
        const next: Record<string, string> = { ...seen };
        for (const f of batch) next[f] = files[f] ?? '';
        this.deps.state.seen[rule.key] = next;
        this.pending.delete(rule.key);
        if (batch.length > 0) this.fire(job, undefined, now, { [rule.param]: JSON.stringify(batch) }, 'files');
      }
      this.after(this.deps.pollMs ?? 2000, poll);
    };
    poll();
  }

  private readonly lastScan = new Map<string, Record<string, string>>();
  private readonly scanProblems = new Map<string, string>();

  /** Starts a run now, unless the pipeline is running already (then refused: never two at once). */
  private fire(
    job: Job,
    cronKey: string | undefined,
    instant: number,
    params: Record<string, string>,
    why: string,
  ): void {
    if (this.stopped) return;
    if (cronKey !== undefined) this.deps.state.lastFire[cronKey] = instant;
    // Saved before the run: a crash during it does not fire this instant again.
    this.deps.save(this.deps.state);
    if (this.running.has(job.file)) {
      this.deps.log({ event: 'refused', file: job.file, trigger: why, reason: 'already running' });
      return;
    }
    const controller = new AbortController();
    const done = this.attempts(job, params, controller, why).finally(() => this.running.delete(job.file));
    this.running.set(job.file, { controller, done });
  }

  private async attempts(
    job: Job,
    params: Record<string, string>,
    controller: AbortController,
    why: string,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const started = this.deps.clock.now();
      this.deps.log({ event: 'start', file: job.file, trigger: why, attempt });
      const outcome = await this.once(job, params, controller.signal);
      this.deps.log({ event: 'end', file: job.file, outcome, attempt, ms: this.deps.clock.now() - started });
      if (outcome === 'succeeded') {
        for (const down of this.jobs)
          if (down.rules.some((r) => r.kind === 'after' && r.upstream === job.file)) this.queueAfter(down, job.file);
        return;
      }
      if (outcome !== 'failed' || attempt >= job.retries || controller.signal.aborted || this.stopped) return;
      const wait = job.retryDelayMs * 2 ** attempt;
      this.deps.log({ event: 'retry', file: job.file, attempt: attempt + 1, inMs: wait });
      const go = await new Promise<boolean>((resolve) => {
        if (this.stopped) {
          resolve(false);
          return;
        }
        controller.signal.addEventListener('abort', () => resolve(false), { once: true });
        this.after(wait, () => resolve(true));
      });
      if (!go) return;
    }
  }

  /** A dependent run starts after its upstream's run has ended (and released its lock). */
  private queueAfter(job: Job, upstream: string): void {
    this.after(0, () => this.fire(job, undefined, this.deps.clock.now(), {}, `after ${upstream}`));
  }

  private async once(job: Job, params: Record<string, string>, signal: AbortSignal): Promise<RunOutcome> {
    const attempt = new AbortController();
    const stop = (): void => attempt.abort();
    signal.addEventListener('abort', stop, { once: true });
    let timedOut = false;
    let timer: unknown;
    if (job.timeoutMs !== undefined) {
      timer = this.deps.clock.setTimeout(() => {
        timedOut = true;
        attempt.abort();
      }, job.timeoutMs);
    }
    try {
      const outcome = await this.deps.run(job.file, params, attempt.signal);
      if (timedOut) {
        this.deps.log({ event: 'timeout', file: job.file, ms: job.timeoutMs ?? 0 });
        return 'failed';
      }
      return outcome;
    } catch (e) {
      this.deps.log({ event: 'error', file: job.file, detail: e instanceof Error ? e.message : String(e) });
      return timedOut ? 'failed' : signal.aborted ? 'cancelled' : 'failed';
    } finally {
      if (timer !== undefined) this.deps.clock.clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    }
  }
}
