import { relative, resolve } from 'node:path';
import { allRecentRuns, historyFolder } from '../../engine/history/all-history';
import { historyFileFor, recentRuns, type RunRecord } from '../../engine/history/run-history';
import { EXIT, usageError, type ExitCode } from '../exit';
import { formatDuration, formatRows, printJson } from '../format';
import type { Io } from '../io';

export interface HistoryOpts {
  limit?: number;
  json?: boolean;
  /** Every pipeline's runs in one list. */
  all?: boolean;
}

/**
 * `duto history FILE`: the pipeline's last runs, from the CLI and the app,
 * newest first — when, outcome, time, what was written, the first problem.
 */
export async function historyCommand(file: string | undefined, opts: HistoryOpts, io: Io): Promise<ExitCode> {
  if (opts.all === true) {
    if (file !== undefined) throw usageError('--all lists every pipeline: give no file');
    return allHistory(opts, io);
  }
  if (file === undefined) throw usageError('give a pipeline file, or --all');
  // Read from the end: a huge history costs only the runs shown.
  const { runs, skipped } = recentRuns(historyFileFor(resolve(file)), opts.limit ?? 20);
  if (opts.json === true) {
    printJson(io, { runs, skipped });
    return EXIT.ok;
  }
  // A run killed while writing its record leaves a damaged line: said, not fatal.
  if (skipped > 0) io.err(`${String(skipped)} damaged ${skipped === 1 ? 'line' : 'lines'} in the history skipped\n`);
  if (runs.length === 0) {
    io.out(`no runs on record for ${file}\n`);
    return EXIT.ok;
  }
  for (const r of runs) io.out(`${line(r)}\n`);
  return EXIT.ok;
}

/** `duto history --all`: the newest runs of every pipeline with a history, newest first. */
function allHistory(opts: HistoryOpts, io: Io): ExitCode {
  const { runs: shown, skipped } = allRecentRuns(historyFolder(), opts.limit ?? 20);
  if (opts.json === true) {
    printJson(io, { runs: shown, skipped });
    return EXIT.ok;
  }
  if (skipped > 0) io.err(`${String(skipped)} damaged ${skipped === 1 ? 'line' : 'lines'} in the histories skipped\n`);
  if (shown.length === 0) {
    io.out('no runs on record\n');
    return EXIT.ok;
  }
  for (const r of shown)
    io.out(
      `${line(r)}  ${r.pipeline === undefined ? '(a pipeline run before histories named their file)' : relative(process.cwd(), r.pipeline) || r.pipeline}\n`,
    );
  return EXIT.ok;
}

function line(r: RunRecord): string {
  const when = r.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const written = r.outputs.filter((o) => o.cached !== true);
  const what =
    r.outcome === 'succeeded'
      ? written.length === 0
        ? r.outputs.length > 0
          ? 'everything up to date'
          : 'nothing written'
        : `wrote ${written.map((o) => `${o.nodeId} (${formatRows(o.rows)})`).join(', ')}`
      : (r.diagnostics.find((d) => d.severity === 'error')?.message ?? r.outcome);
  const checks =
    r.checks === undefined ? '' : `  checks ${String(r.checks.passed)}/${String(r.checks.passed + r.checks.failed)}`;
  return `${when}  ${r.outcome.padEnd(9)}  ${formatDuration(r.elapsedMs).padStart(8)}  ${r.from.padEnd(3)}${r.until === undefined ? '' : `  until ${r.until}`}${checks}  ${what}`;
}
