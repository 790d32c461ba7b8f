import { mkdirSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { DutoError, error, type Diagnostic } from '../../../shared/diagnostics';
import type { PipelineDocument } from '../../../shared/format/document';
import { parseDocumentText } from '../../../shared/format/parse';
import { compileSchedule, type FolderRule, type Job } from '../../engine/schedule/schedule-rules';
import { globBase } from '../../engine/schedule/glob-match';
import { Scheduler, type Clock, type RunOutcome, type SchedulerState } from '../../engine/schedule/scheduler';
import { perPipelineFile } from '../../engine/session/user-folders';
import { writeFileAtomicSync } from '../../host/atomic-write';
import { EXIT, type ExitCode } from '../exit';
import type { Io } from '../io';
import type { SessionOpts } from '../session';
import { runCommand } from './run';

export interface ServeOpts extends SessionOpts {
  /** Seconds an output waits for a target another run writes. */
  lockWait?: number;
  /** Seconds between scans of folder triggers (default 2). */
  poll?: number;
}

/**
 * `duto serve [FILES|FOLDERS]`: runs the pipelines that have a `schedule`,
 * in one process, until SIGTERM or SIGINT (which cancel the runs under way
 * and wait for them). Logs are JSON lines on stdout. Each pipeline's last
 * fires and handed-over files are kept in the user's data folder, written
 * atomically before each run, so a restart (even after kill -9) goes on
 * where it stopped, under the pipeline's catch-up policy.
 */
export async function serveCommand(paths: readonly string[], opts: ServeOpts, io: Io, cancel: AbortSignal): Promise<ExitCode> {
  const files = pipelineFiles(paths.length === 0 ? ['.'] : paths);
  const docs = new Map<string, PipelineDocument>();
  const problems: Diagnostic[] = [];
  for (const file of files) {
    const parsed = parseDocumentText(readFileSync(file, 'utf8'), file);
    if (!parsed.ok) problems.push(...parsed.diagnostics.map((d) => ({ ...d, file })));
    else if (parsed.document.schedule !== undefined) docs.set(file, parsed.document);
  }
  const served = new Set(docs.keys());
  const jobs: Job[] = [];
  for (const [file, doc] of docs) {
    if (doc.schedule === undefined) continue;
    const { job, diagnostics } = compileSchedule(file, doc.schedule, served);
    problems.push(...diagnostics.map((d) => ({ ...d, file })));
    jobs.push(job);
  }
  if (problems.length === 0 && jobs.length === 0) problems.push(error('schedule.invalid/none', { paths: paths.join(', ') || '.' }));
  if (problems.length > 0) throw new DutoError(problems);

  const log = (event: Record<string, string | number | boolean | string[]>): void => io.out(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
  const state = loadState(jobs);
  const scheduler = new Scheduler(jobs, {
    clock: systemClock,
    state,
    save: (s) => saveState(jobs, s),
    scan: scanFolder,
    log,
    ...(opts.poll === undefined ? {} : { pollMs: opts.poll * 1000 }),
    run: (file, params, signal) => runOnce(file, params, opts, signal),
  });
  log({ event: 'serving', pid: process.pid, pipelines: jobs.map((j) => j.file) });
  scheduler.start();
  for (const f of scheduler.nextFires()) if (f.next !== undefined) log({ event: 'next', file: f.file, at: new Date(f.next).toISOString() });
  await new Promise<void>((r) => (cancel.aborted ? r() : cancel.addEventListener('abort', () => r(), { once: true })));
  log({ event: 'stopping' });
  await scheduler.stop();
  log({ event: 'stopped' });
  return EXIT.ok;
}

const timers = new Map<number, NodeJS.Timeout>();
let timerSeq = 0;
const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const id = ++timerSeq;
    timers.set(
      id,
      setTimeout(() => {
        timers.delete(id);
        fn();
      }, ms),
    );
    return id;
  },
  clearTimeout: (h) => {
    const t = typeof h === 'number' ? timers.get(h) : undefined;
    if (t !== undefined) clearTimeout(t);
    if (typeof h === 'number') timers.delete(h);
  },
};

/** One run through `duto run`'s own path (pipeline lock, history, exit codes), its output not printed. */
async function runOnce(file: string, params: Record<string, string>, opts: ServeOpts, signal: AbortSignal): Promise<RunOutcome> {
  const quiet: Io = { out: () => undefined, err: () => undefined, tty: false, columns: 80 };
  try {
    const code = await runCommand([file], { ...opts, json: true, param: { ...opts.param, ...params } }, quiet, signal);
    return code === EXIT.ok ? 'succeeded' : code === EXIT.interrupted || signal.aborted ? 'cancelled' : 'failed';
  } catch (e) {
    if (e instanceof DutoError && e.diagnostics.some((d) => d.code === 'pipeline.running')) return 'refused';
    throw e;
  }
}

function pipelineFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) if (name.endsWith('.duto.json')) out.push(join(abs, name));
    } else out.push(abs);
  }
  return [...new Set(out)];
}

function stateFile(file: string): string {
  return perPipelineFile('data', 'schedule', '.json', file);
}

function loadState(jobs: readonly Job[]): SchedulerState {
  const state: SchedulerState = { lastFire: {}, seen: {} };
  for (const job of jobs) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(stateFile(job.file), 'utf8'));
    } catch {
      continue;
    }
    if (typeof raw !== 'object' || raw === null) continue;
    const lastFire: unknown = Reflect.get(raw, 'lastFire');
    const seen: unknown = Reflect.get(raw, 'seen');
    if (typeof lastFire === 'object' && lastFire !== null) for (const [k, v] of Object.entries(lastFire)) if (typeof v === 'number') state.lastFire[k] = v;
    if (typeof seen === 'object' && seen !== null) {
      for (const [k, v] of Object.entries(seen)) {
        if (typeof v !== 'object' || v === null) continue;
        const files: Record<string, string> = {};
        for (const [f, sig] of Object.entries(v)) if (typeof sig === 'string') files[f] = sig;
        state.seen[k] = files;
      }
    }
  }
  return state;
}

/** Each pipeline's part of the state in its own file (keys start with the pipeline's path), written atomically. */
function saveState(jobs: readonly Job[], state: SchedulerState): void {
  for (const job of jobs) {
    const mine = (k: string): boolean => k.startsWith(`${job.file}#`);
    const part = {
      lastFire: Object.fromEntries(Object.entries(state.lastFire).filter(([k]) => mine(k))),
      seen: Object.fromEntries(Object.entries(state.seen).filter(([k]) => mine(k))),
    };
    const file = stateFile(job.file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomicSync(file, `${JSON.stringify(part)}\n`);
  }
}

/** The files a folder rule matches: path relative to the pipeline's folder → size and modification time. */
function scanFolder(rule: FolderRule): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < 16 && !e.name.startsWith('.')) walk(abs, depth + 1);
        continue;
      }
      if (!e.isFile() || e.name.includes('.duto-')) continue;
      const rel = relative(rule.folder, abs).split(sep).join('/');
      if (!rule.match.test(rel)) continue;
      try {
        const st = statSync(abs);
        out[rel] = `${String(st.size)}:${String(st.mtimeMs)}`;
      } catch {
        // Gone between the listing and the stat: next scan.
      }
    }
  };
  walk(join(rule.folder, globBase(rule.glob)), 0);
  return out;
}
