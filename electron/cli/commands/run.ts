import { dirname, resolve } from 'node:path';
import type { RunResult } from '../../engine/api';
import { DutoError } from '../../../shared/diagnostics';
import { EXIT, exitCodeFor, usageError, type ExitCode } from '../exit';
import { printDiagnostics, printJson } from '../format';
import type { Io } from '../io';
import { junitReport } from '../junit';
import { lineageTarget } from '../openlineage';
import { notifyTarget } from '../notify';
import { newRunId } from '../../engine/run/run-id';
import { lockPipelineRun } from '../../engine/locks/pipeline-lock';
import { writeFileAtomic } from '../../host/atomic-write';
import { fsError } from '../../host/fs-errors';
import { checkParams, trustFor } from '../pipeline-options';
import { loadPipelineFile } from '../../engine/bind/load-file';
import { plainDocument, quickAnswer, quickCheckFileFor, quickKey } from '../../engine/run/quick-check';
import { StatusReporter } from '../../engine/run/status-reporter';
import { finishRun, progressView, type Ran, type Reporting, type RunOpts } from './run-outcome';
import { makeFolder } from '../../engine/files/make-folder';

/**
 * `duto run FILE…`: runs each pipeline (or what --until needs) in turn, the
 * next only when the one before succeeded (unless --keep-going) — a chain
 * such as ingest, transform, report. `cancel` (SIGINT, SIGTERM, SIGHUP)
 * cancels and stops the chain. The exit code is the first failure's.
 */
export async function runCommand(
  files: readonly string[],
  opts: RunOpts,
  io: Io,
  cancel: AbortSignal = new AbortController().signal,
): Promise<ExitCode> {
  if (opts.idleKeep === true) return (await import('./keep-idle')).keepIdle(files, opts, cancel);
  if (files.length > 1 && opts.until !== undefined)
    throw usageError('--until names a node of one pipeline: give one file');
  // Checked before anything runs: a bad URL or a missing secret is a usage error.
  const webhook = opts.notify === undefined ? undefined : notifyTarget(opts.notify, process.env, opts.redactor);
  const lineage = lineageTarget(opts.openlineage, process.env, opts.redactor);
  const chain = files.length > 1;
  const runs: Array<{ file: string; result: RunResult }> = [];
  let code: ExitCode = EXIT.ok;
  for (const file of files) {
    if (chain && opts.json !== true) io.out(`── ${file}\n`);
    let ran: Ran;
    if (cancel.aborted) break;
    try {
      ran = await runOne(file, opts, io, { webhook, lineage }, cancel);
    } catch (e) {
      // Cancelled while the pipeline opened: nothing ran.
      if (cancel.aborted) return EXIT.interrupted;
      // In a chain, a pipeline that cannot even open fails like a run; alone, it is the usual usage error.
      if (!chain || !(e instanceof DutoError)) throw e;
      if (opts.json !== true) printDiagnostics(io, e.diagnostics);
      ran = {
        code: exitCodeFor(e.diagnostics),
        result: { ok: false, cancelled: false, elapsedMs: 0, nodes: {}, outputs: [], diagnostics: e.diagnostics },
      };
    }
    runs.push({ file, result: ran.result });
    if (code === EXIT.ok) code = ran.code;
    if (ran.code === EXIT.interrupted || (ran.code !== EXIT.ok && opts.keepGoing !== true)) break;
  }
  if (opts.junit !== undefined) {
    const report = resolve(opts.junit);
    try {
      await makeFolder(dirname(report));
      await writeFileAtomic(report, junitReport(runs));
    } catch (e) {
      // The runs' own outcome still follows; the run fails, since CI would read no report.
      io.err(`duto: --junit ${opts.junit}: ${fsError(e, report, 'write').message}\n`);
      if (code === EXIT.ok) code = EXIT.failed;
    }
  }
  if (opts.json === true) printJson(io, chain ? { runs } : runs[0]?.result);
  else if (chain) {
    const ok = runs.filter((r) => r.result.ok).length;
    io.out(
      `${String(files.length)} pipelines: ${String(ok)} succeeded, ${String(runs.length - ok)} failed${runs.length < files.length ? `, ${String(files.length - runs.length)} not run` : ''}\n`,
    );
  }
  return code;
}

async function runOne(file: string, opts: RunOpts, io: Io, reporting: Reporting, cancel: AbortSignal): Promise<Ran> {
  // Named before it starts: the locks it holds and its history record say the same id.
  const runId = newRunId(new Date());
  // Never two runs of one pipeline at once, whoever started them (`duto serve`, the app, another `duto run`).
  // A pipeline from elsewhere is refused by its session before anything runs: it leaves no lock file behind.
  const engine = async (): Promise<Ran> =>
    (await import('./run-engine')).runLocked(file, opts, io, reporting, cancel, runId);
  if (trustFor(file, opts) !== 'trusted') return engine();
  const held = lockPipelineRun(file, runId);
  try {
    return (await upToDateRun(file, opts, io, reporting, runId)) ?? (await engine());
  } finally {
    held.release();
  }
}

/**
 * A plain run of a trusted pipeline that a run before left up to date:
 * answered from its record (run/quick-check.ts) without loading the engine,
 * with the events, summary, history and notification the full check would
 * give. Undefined when the full check must decide.
 */
async function upToDateRun(
  file: string,
  opts: RunOpts,
  io: Io,
  { webhook, lineage }: Reporting,
  runId: string,
): Promise<Ran | undefined> {
  const plain =
    opts.force !== true &&
    opts.until === undefined &&
    opts.pushdown !== true &&
    opts.fullRefresh !== true &&
    lineage === undefined;
  if (!plain) return undefined;
  const startedAt = new Date();
  const started = performance.now();
  let doc;
  try {
    doc = await loadPipelineFile(file);
    checkParams(doc, opts.param ?? {});
  } catch {
    // The full check says what is wrong.
    return undefined;
  }
  if (!plainDocument(doc, opts.param ?? {})) return undefined;
  const answer = quickAnswer(quickCheckFileFor(resolve(file)), quickKey(doc, opts.param ?? {}, resolve(file)));
  if (answer === undefined) return undefined;
  const view = progressView(
    io,
    opts,
    doc.nodes.filter((n) => n.disabled !== true).map((n) => n.id),
  );
  const status = new StatusReporter((e) => view.update(e));
  for (const e of answer.events) {
    const { nodeId, status: s, rows, cached, origin } = e;
    status.say(nodeId, s, {
      ...(rows === undefined ? {} : { rows }),
      ...(cached === undefined ? {} : { cached }),
      ...(origin === undefined ? {} : { origin }),
    });
  }
  view.stop();
  const result: RunResult = {
    ok: true,
    cancelled: false,
    elapsedMs: Math.round(performance.now() - started),
    nodes: status.nodes,
    outputs: answer.outputs,
    diagnostics: [],
  };
  return finishRun(file, opts, io, webhook, { result, startedAt, runId, started: false, cancelled: false });
}
