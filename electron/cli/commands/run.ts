import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { RunResult } from '../../engine/api';
import { EXIT, type ExitCode } from '../exit';
import { formatDuration, formatRows, printDiagnostics, printJson } from '../format';
import type { Io } from '../io';
import { junitReport } from '../junit';
import { notification, notifyTarget, sendNotification, shouldNotify, type NotifyWhen } from '../notify';
import { historyFileFor, recordRun, runRecord } from '../../engine/run-history';
import { writeFileAtomic } from '../../host/atomic-write';
import { plainProgress, silentProgress, ttyProgress, type ProgressView } from '../progress';
import { exitCodeFor, openSession, requireNode, upstreamOf, type SessionOpts } from '../session';

export interface RunOpts extends SessionOpts {
  until?: string;
  json?: boolean;
  /** Write every sink, even those whose target is up to date. */
  force?: boolean;
  /** Also write the run as a JUnit XML report here (data checks and outputs as test cases). */
  junit?: string;
  /** POST the outcome to this webhook (may be `${secret:NAME}`). */
  notify?: string;
  notifyOn?: NotifyWhen;
}

/** `duto run FILE`: runs the pipeline (or what --until needs); Ctrl-C cancels. */
export async function runCommand(file: string, opts: RunOpts, io: Io): Promise<ExitCode> {
  // Checked before anything runs: a bad URL or a missing secret is a usage error.
  const webhook = opts.notify === undefined ? undefined : notifyTarget(opts.notify);
  const session = await openSession(file, opts);
  try {
    const doc = session.document;
    if (opts.until !== undefined) requireNode(doc, opts.until);
    const wanted = opts.until === undefined ? undefined : upstreamOf(doc, opts.until);
    const ids = doc.nodes.filter((n) => n.disabled !== true && (wanted === undefined || wanted.has(n.id))).map((n) => n.id);
    const view: ProgressView = opts.json === true ? silentProgress : io.tty ? ttyProgress(io, ids) : plainProgress(io, ids);

    const controller = new AbortController();
    let interrupts = 0;
    const onSigint = (): void => {
      interrupts++;
      if (interrupts === 1) {
        io.err('\ncancelling… (Ctrl-C again to quit at once)\n');
        controller.abort();
      } else {
        if (io.tty) io.out('\u001b[?25h\n');
        process.exit(EXIT.interrupted);
      }
    };
    process.on('SIGINT', onSigint);
    let result: RunResult;
    const startedAt = new Date();
    // Whether anything ran: a run refused before starting is an invalid pipeline (exit 2).
    let started = false;
    try {
      result = await session.run({
        ...(opts.until === undefined ? {} : { until: opts.until }),
        ...(opts.force === true ? { force: true } : {}),
        signal: controller.signal,
        onProgress: (e) => {
          if (e.status === 'running') started = true;
          view.update(e);
        },
      });
    } finally {
      view.stop();
      process.off('SIGINT', onSigint);
    }

    const record = runRecord(result, 'cli', startedAt, opts.until);
    recordRun(historyFileFor(file), record);
    if (webhook !== undefined && shouldNotify(opts.notifyOn ?? 'failure', result)) {
      const failed = await sendNotification(webhook, notification(file, record));
      if (failed !== undefined) io.err(`notify: ${failed}; the run's outcome is unchanged\n`);
    }
    if (opts.junit !== undefined) {
      const report = resolve(opts.junit);
      await mkdir(dirname(report), { recursive: true });
      await writeFileAtomic(report, junitReport(file, result));
    }
    if (opts.json === true) printJson(io, result);
    else printSummary(io, result);
    if (result.cancelled || controller.signal.aborted) return EXIT.interrupted;
    if (!result.ok) return started ? EXIT.failed : exitCodeFor(result.diagnostics);
    return EXIT.ok;
  } finally {
    session.close();
  }
}

function printSummary(io: Io, r: RunResult): void {
  const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  printDiagnostics(io, [...errors, ...warnings]);
  for (const o of r.outputs) io.out(o.cached === true ? `up to date: ${o.path} (${formatRows(o.rows)}; nothing it depends on changed; --force writes it again)\n` : `wrote ${o.path} (${formatRows(o.rows)})\n`);
  const state = r.cancelled ? 'cancelled' : r.ok ? 'finished' : 'failed';
  const done = Object.values(r.nodes).filter((n) => n.status === 'done').length;
  io.out(`run ${state} in ${formatDuration(r.elapsedMs)}: ${done} of ${Object.keys(r.nodes).length} nodes done\n`);
}
