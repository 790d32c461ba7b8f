import { appendFileSync, closeSync, fstatSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { runRecordSchema } from '../../../shared/ipc/results';
import type { RunResult } from '../api';
import { linesFromEnd } from './history-lines';
import { tryLockFileSync } from '../locks/file-lock';
import { newRunId } from '../run/run-id';
import { perPipelineFile } from '../session/user-folders';
import type { Redactor } from '../sandbox/redactor';
import { makeFolderSync } from '../files/make-folder';

/**
 * What every run did, kept after it ends (peers lose the details of a failed
 * run): one JSON line per run — when, from where, how long, each node's
 * status, rows and time, the outputs, checks and problems — in the user's
 * data folder, one file per pipeline. Shown by `duto history` and the app's
 * History panel.
 *
 * A crash cannot tear it: each record starts on a fresh line, a damaged
 * line is skipped (and counted), readers read from the end, and past
 * HISTORY_MAX_BYTES the file is renamed to `.1` in one step (the previous `.1` goes).
 */

/** Past this size the file is rotated to `<file>.1`. */
export const HISTORY_MAX_BYTES = 4 * 1024 * 1024;
/** Runs the app's History panel shows. */
export const HISTORY_SHOWN = 200;
const MAX_DIAGNOSTICS = 50;

export type RunRecord = z.infer<typeof runRecordSchema>;

/** `$XDG_DATA_HOME/duto/history/<hash of the pipeline's path>.jsonl` (%LOCALAPPDATA% on Windows). */
export function historyFileFor(pipelineFile: string, env: NodeJS.ProcessEnv = process.env): string {
  return perPipelineFile('data', 'history', '.jsonl', pipelineFile, env);
}

/** `id`: the run's own (RunOptions.runId), so its history record and its locks name it alike. */
export function runRecord(
  result: RunResult,
  from: RunRecord['from'],
  startedAt: Date,
  until?: string,
  id: string = newRunId(startedAt),
): RunRecord {
  const checks = result.checks;
  return {
    id,
    startedAt: startedAt.toISOString(),
    elapsedMs: result.elapsedMs,
    outcome: result.cancelled ? 'cancelled' : result.ok ? 'succeeded' : 'failed',
    from,
    ...(until === undefined ? {} : { until }),
    nodes: result.nodes,
    outputs: result.outputs,
    ...(checks === undefined
      ? {}
      : { checks: { passed: checks.filter((c) => c.ok).length, failed: checks.filter((c) => !c.ok).length } }),
    ...(result.rejected === undefined ? {} : { rejected: result.rejected }),
    diagnostics: result.diagnostics.slice(0, MAX_DIAGNOSTICS).map((d) => ({
      severity: d.severity,
      message: d.message,
      ...(d.nodeId === undefined ? {} : { nodeId: d.nodeId }),
    })),
  };
}

export interface RecentRuns {
  /** Newest first. */
  runs: RunRecord[];
  /** Damaged lines met on the way (a run killed while writing its record, another version's): skipped. */
  skipped: number;
}

/** The newest `limit` runs on record, read from the end of the file (then of `<file>.1`): a huge file costs no more than its tail. */
export function recentRuns(file: string, limit: number): RecentRuns {
  const runs: RunRecord[] = [];
  let skipped = 0;
  for (const r of runsFromEnd(file)) {
    if (runs.length >= limit) break;
    if (r === undefined) skipped++;
    else runs.push(r);
  }
  return { runs, skipped };
}

/** The runs on record from the newest, lazily (undefined for a damaged line): readers stop when they have enough. */
export function* runsFromEnd(file: string): Generator<RunRecord | undefined> {
  for (const part of [file, `${file}.1`]) {
    for (const line of linesFromEnd(part)) {
      if (line?.trim() === '') continue;
      yield line === undefined ? undefined : parseRecord(line);
    }
  }
}

function parseRecord(line: string): RunRecord | undefined {
  try {
    const r = runRecordSchema.safeParse(JSON.parse(line));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the file's last byte is a newline (or it is empty): else a torn record ends it. */
function endsClean(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return true;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends one run as one write, on a fresh line; past HISTORY_MAX_BYTES the
 * file becomes `<file>.1` (one rename, under a lock so two runs do not both
 * rotate). History never fails a run. `redactor`: the secrets of the run's
 * session, kept out of the file (its results come redacted already; this is
 * the file's own wall).
 */
export function recordRun(file: string, record: RunRecord, redactor?: Redactor, maxBytes = HISTORY_MAX_BYTES): void {
  try {
    makeFolderSync(dirname(file));
    const line = `${JSON.stringify(redactor === undefined ? record : redactor.deep(record))}\n`;
    appendFileSync(file, endsClean(file) ? line : `\n${line}`);
    if (statSync(file).size > maxBytes) rotate(file, record.id, maxBytes);
  } catch {
    // A full disk or a read-only home must not turn a good run into a failed one.
  }
}

function rotate(file: string, runId: string, maxBytes: number): void {
  // Another run rotating now will have done it: this one leaves it.
  const held = tryLockFileSync(file, runId);
  if (held === undefined) return;
  try {
    if (statSync(file).size > maxBytes) renameSync(file, `${file}.1`);
  } finally {
    held.release();
  }
}
