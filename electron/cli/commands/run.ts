import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { RunResult } from '../../engine/api';
import { DutoError } from '../../../shared/diagnostics';
import { EXIT, exitCodeFor, usageError, type ExitCode } from '../exit';
import { formatDuration, formatRows, printDiagnostics, printJson } from '../format';
import type { Io } from '../io';
import { junitReport } from '../junit';
import { emitEvent, lineageTarget, runEvent, uuidv7, type LineageTarget, type RunEvent } from '../openlineage';
import { notification, notifyTarget, sendNotification, shouldNotify, type NotifyWhen } from '../notify';
import { historyFileFor, recordRun, runRecord, type RunRecord } from '../../engine/history/run-history';
import { newRunId } from '../../engine/run/run-id';
import { lockPipelineRun } from '../../engine/locks/pipeline-lock';
import { writeFileAtomic } from '../../host/atomic-write';
import { plainProgress, silentProgress, ttyProgress, type ProgressView } from '../progress';
import type { PipelineSession } from '../../engine/api';
import { pushdownSplit } from '../../engine/pushdown/explain-pushdown';
import { pushedDocument } from '../../engine/pushdown/plan-pushdown';
import { openSession, requireNode, trustFor, upstreamOf, type SessionOpts } from '../session';

export interface RunOpts extends SessionOpts {
  until?: string;
  json?: boolean;
  /** Write every sink, even those whose target is up to date. */
  force?: boolean;
  /** Incremental sources read every row again (`--full-refresh`). */
  fullRefresh?: boolean;
  /** Also write the run as a JUnit XML report here (data checks and outputs as test cases). */
  junit?: string;
  /** POST the outcome to this webhook (may be `${secret:NAME}`). */
  notify?: string;
  notifyOn?: NotifyWhen;
  /** With several pipelines: run the rest after one fails. */
  keepGoing?: boolean;
  /** Run the chains a PostgreSQL/MySQL table source's database can take there (`duto explain` shows them). */
  pushdown?: boolean;
  /** Seconds an output waits for a target another run writes; 0: fail at once. */
  lockWait?: number;
  /** Emit OpenLineage RunEvents to this file (JSON lines) or http(s) endpoint; else DUTO_OPENLINEAGE. */
  openlineage?: string;
  /** Who the run is recorded as started by in its history (default `cli`; `duto serve`: `schedule`). */
  recordAs?: RunRecord['from'];
}

interface Ran {
  code: ExitCode;
  result: RunResult;
}

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
    await mkdir(dirname(report), { recursive: true });
    await writeFileAtomic(report, junitReport(runs));
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

/** Where a run reports besides its output: a webhook, OpenLineage. */
interface Reporting {
  webhook: URL | undefined;
  lineage: LineageTarget | undefined;
}

async function runOne(file: string, opts: RunOpts, io: Io, reporting: Reporting, cancel: AbortSignal): Promise<Ran> {
  // Named before it starts: the locks it holds and its history record say the same id.
  const runId = newRunId(new Date());
  // Never two runs of one pipeline at once, whoever started them (`duto serve`, the app, another `duto run`).
  // A pipeline from elsewhere is refused by its session before anything runs: it leaves no lock file behind.
  if (trustFor(file, opts) !== 'trusted') return runLocked(file, opts, io, reporting, cancel, runId);
  const held = lockPipelineRun(file, runId);
  try {
    return await runLocked(file, opts, io, reporting, cancel, runId);
  } finally {
    held.release();
  }
}

async function runLocked(
  file: string,
  opts: RunOpts,
  io: Io,
  { webhook, lineage }: Reporting,
  cancel: AbortSignal,
  runId: string,
): Promise<Ran> {
  // A trusted run opens for writing at once (one bind); a restricted one is refused by the session.
  const purpose = trustFor(file, opts) === 'trusted' ? 'run' : 'design';
  const session =
    opts.pushdown === true
      ? await openPushed(file, opts, purpose, cancel)
      : await openSession(file, opts, purpose, cancel);
  try {
    const doc = session.document;
    if (opts.until !== undefined) requireNode(doc, opts.until);
    const wanted = opts.until === undefined ? undefined : upstreamOf(doc, opts.until);
    const ids = doc.nodes
      .filter((n) => n.disabled !== true && (wanted === undefined || wanted.has(n.id)))
      .map((n) => n.id);
    const view: ProgressView =
      opts.json === true ? silentProgress : io.tty ? ttyProgress(io, ids) : plainProgress(io, ids);

    let result: RunResult;
    const startedAt = new Date();
    // Whether anything ran: a run refused before starting is an invalid pipeline (exit 2).
    let started = false;
    const ol =
      lineage === undefined
        ? undefined
        : {
            runId: uuidv7(startedAt),
            file: resolve(file),
            lineage: session.lineage(),
            columns: await session.columnLineage(),
            namespace: process.env['DUTO_OPENLINEAGE_NAMESPACE'] ?? 'duto',
          };
    const emit = async (event: RunEvent): Promise<void> => {
      if (lineage === undefined) return;
      const failed = await emitEvent(lineage, event, opts.redactor);
      if (failed !== undefined) io.err(`openlineage: ${failed}; the run's outcome is unchanged\n`);
    };
    if (ol !== undefined) await emit(runEvent(ol, startedAt));
    try {
      result = await session.run({
        ...(opts.until === undefined ? {} : { until: opts.until }),
        ...(opts.force === true ? { force: true } : {}),
        signal: cancel,
        runId,
        ...(opts.lockWait === undefined ? {} : { lockWaitMs: opts.lockWait * 1000 }),
        ...(opts.fullRefresh === true ? { fullRefresh: true } : {}),
        onProgress: (e) => {
          if (e.status === 'running') started = true;
          view.update(e);
        },
      });
    } finally {
      view.stop();
    }

    if (ol !== undefined) await emit(runEvent(ol, new Date(), result));
    const record = {
      ...runRecord(result, opts.recordAs ?? 'cli', startedAt, opts.until, runId),
      pipeline: resolve(file),
    };
    recordRun(historyFileFor(file), record, opts.redactor);
    if (webhook !== undefined && shouldNotify(opts.notifyOn ?? 'failure', result)) {
      const failed = await sendNotification(webhook, notification(file, record));
      if (failed !== undefined) io.err(`notify: ${failed}; the run's outcome is unchanged\n`);
    }
    if (opts.json !== true) printSummary(io, result);
    if (result.cancelled || cancel.aborted) return { code: EXIT.interrupted, result };
    if (!result.ok) return { code: started ? EXIT.failed : exitCodeFor(result.diagnostics), result };
    return { code: EXIT.ok, result };
  } finally {
    session.close();
  }
}

function printSummary(io: Io, r: RunResult): void {
  const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  printDiagnostics(io, [...errors, ...warnings]);
  for (const o of r.outputs)
    io.out(
      o.cached === true
        ? `up to date: ${o.path} (${formatRows(o.rows)}; nothing it depends on changed; --force writes it again)\n`
        : `wrote ${o.path} (${formatRows(o.rows)})\n`,
    );
  const state = r.cancelled ? 'cancelled' : r.ok ? 'finished' : 'failed';
  const done = Object.values(r.nodes).filter((n) => n.status === 'done').length;
  const bad = (r.rejected ?? []).map(
    (x) => `${x.nodeId} ${x.policy === 'skip' ? 'skipped' : 'set aside'} ${formatRows(x.rows)}`,
  );
  io.out(
    `run ${state} in ${formatDuration(r.elapsedMs)}: ${done} of ${Object.keys(r.nodes).length} nodes done${bad.length === 0 ? '' : `; bad rows: ${bad.join(', ')}`}\n`,
  );
}

/** The session of the pipeline with its pushable chains run by their databases (a design session finds them first). */
async function openPushed(
  file: string,
  opts: RunOpts,
  purpose: 'run' | 'design',
  cancel: AbortSignal,
): Promise<PipelineSession> {
  const probe = await openSession(file, opts, 'design', cancel);
  let doc;
  try {
    doc = pushedDocument(probe.document, await pushdownSplit(probe.document, probe));
  } finally {
    probe.close();
  }
  return openSession(file, opts, purpose, cancel, doc);
}
