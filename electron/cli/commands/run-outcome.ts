import { resolve } from 'node:path';
import type { RunResult } from '../../engine/api';
import { historyFileFor, recordRun, runRecord, type RunRecord } from '../../engine/history/run-history';
import { EXIT, exitCodeFor, type ExitCode } from '../exit';
import { formatDuration, formatRows, printDiagnostics } from '../format';
import type { Io } from '../io';
import type { LineageTarget } from '../openlineage';
import { notification, sendNotification, shouldNotify, type NotifyWhen } from '../notify';
import { plainProgress, silentProgress, ttyProgress, type ProgressView } from '../progress';
import type { SessionOpts } from '../pipeline-options';

/** What `duto run` is told, and how every run of it ends, whether the engine opened or not. */

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
  /** Run the chains a PostgreSQL/MySQL/ClickHouse table source's database can take there (`duto explain` shows them): true/false force it, absent follows the pipeline's `pushdown` (on by default). */
  pushdown?: boolean;
  /** Seconds an output waits for a target another run writes; 0: fail at once. */
  lockWait?: number;
  /** Emit OpenLineage RunEvents to this file (JSON lines) or http(s) endpoint; else DUTO_OPENLINEAGE. */
  openlineage?: string;
  /** Who the run is recorded as started by in its history (default `cli`; `duto serve`: `schedule`). */
  recordAs?: RunRecord['from'];
  /** Only keep, in the node cache, what runs computed without keeping; write nothing (hidden: the resident engine's idle time). */
  idleKeep?: boolean;
}

export interface Ran {
  code: ExitCode;
  result: RunResult;
}

/** Where a run reports besides its output: a webhook, OpenLineage. */
export interface Reporting {
  webhook: URL | undefined;
  lineage: LineageTarget | undefined;
}

/** How a run shows its nodes' progress: nothing with --json, a live table on a terminal, lines otherwise. */
export function progressView(io: Io, opts: Pick<RunOpts, 'json'>, ids: readonly string[]): ProgressView {
  return opts.json === true ? silentProgress : io.tty ? ttyProgress(io, [...ids]) : plainProgress(io, [...ids]);
}

/** What every run ends with: its history record, the webhook, the summary, and its exit code. */
export async function finishRun(
  file: string,
  opts: RunOpts,
  io: Io,
  webhook: URL | undefined,
  run: { result: RunResult; startedAt: Date; runId: string; started: boolean; cancelled: boolean },
): Promise<Ran> {
  const { result } = run;
  const record = {
    ...runRecord(result, opts.recordAs ?? 'cli', run.startedAt, opts.until, run.runId),
    pipeline: resolve(file),
  };
  recordRun(historyFileFor(file), record, opts.redactor);
  if (webhook !== undefined && shouldNotify(opts.notifyOn ?? 'failure', result)) {
    const failed = await sendNotification(webhook, notification(file, record));
    if (failed !== undefined) io.err(`notify: ${failed}; the run's outcome is unchanged\n`);
  }
  if (opts.json !== true) printSummary(io, result);
  if (result.cancelled || run.cancelled) return { code: EXIT.interrupted, result };
  if (!result.ok) return { code: run.started ? EXIT.failed : exitCodeFor(result.diagnostics), result };
  return { code: EXIT.ok, result };
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
