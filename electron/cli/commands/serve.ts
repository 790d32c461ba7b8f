import { readdirSync, statSync } from 'node:fs';
import { readRegularTextSync } from '../../engine/files/read-regular';
import { join, resolve } from 'node:path';
import { DutoError, error, type Diagnostic } from '../../../shared/diagnostics';
import type { PipelineDocument } from '../../../shared/format/document';
import { parseDocumentText } from '../../../shared/format/parse';
import { compileSchedule, type Job } from '../../engine/schedule/schedule-rules';
import { scanFolder } from '../../engine/schedule/folder-scan';
import { loadState, saveState } from '../../engine/schedule/schedule-state';
import { Scheduler, type RunOutcome } from '../../engine/schedule/scheduler';
import { systemClock } from '../../engine/schedule/system-clock';
import { EXIT, type ExitCode } from '../exit';
import type { Io } from '../io';
import type { SessionOpts } from '../pipeline-options';
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
export async function serveCommand(
  paths: readonly string[],
  opts: ServeOpts,
  io: Io,
  cancel: AbortSignal,
): Promise<ExitCode> {
  const files = pipelineFiles(paths.length === 0 ? ['.'] : paths);
  const docs = new Map<string, PipelineDocument>();
  const problems: Diagnostic[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readRegularTextSync(file);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      problems.push(error('document.read', { file, detail }, { file }));
      continue;
    }
    const parsed = parseDocumentText(text, file);
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
  if (problems.length === 0 && jobs.length === 0)
    problems.push(error('schedule.invalid/none', { paths: paths.join(', ') || '.' }));
  if (problems.length > 0) throw new DutoError(problems);

  const log = (event: Record<string, string | number | boolean | string[]>): void =>
    io.out(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
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
  for (const f of scheduler.nextFires())
    if (f.next !== undefined) log({ event: 'next', file: f.file, at: new Date(f.next).toISOString() });
  await new Promise<void>((r) => (cancel.aborted ? r() : cancel.addEventListener('abort', () => r(), { once: true })));
  log({ event: 'stopping' });
  await scheduler.stop();
  log({ event: 'stopped' });
  return EXIT.ok;
}

/** One run through `duto run`'s own path (pipeline lock, history, exit codes), its output not printed. */
async function runOnce(
  file: string,
  params: Record<string, string>,
  opts: ServeOpts,
  signal: AbortSignal,
): Promise<RunOutcome> {
  const quiet: Io = { out: () => undefined, err: () => undefined, tty: false, columns: 80 };
  try {
    const code = await runCommand(
      [file],
      { ...opts, json: true, recordAs: 'schedule', param: { ...opts.param, ...params } },
      quiet,
      signal,
    );
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
