import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { runRecordSchema } from '../../shared/ipc/results';
import type { RunResult } from './api';
import { commitTemp, discardTemp, prepareTemp, tempTargetFor } from './atomic-sink';
import { newRunId } from './run-id';
import { perPipelineFile } from './user-folders';
import type { Redactor } from './redactor';

/**
 * What every run did, kept after it ends (peers lose the details of a failed
 * run): one JSON line per run — when, from where, how long, each node's
 * status, rows and time, the outputs, checks and problems — in the user's
 * data folder, one file per pipeline, the newest MAX_RUNS kept. Shown by
 * `duto history` and the app's History panel.
 */

const MAX_RUNS = 100;
const MAX_DIAGNOSTICS = 50;

export type RunRecord = z.infer<typeof runRecordSchema>;

/** `$XDG_DATA_HOME/duto/history/<hash of the pipeline's path>.jsonl` (%LOCALAPPDATA% on Windows). */
export function historyFileFor(pipelineFile: string, env: NodeJS.ProcessEnv = process.env): string {
  return perPipelineFile('data', 'history', '.jsonl', pipelineFile, env);
}

/** `id`: the run's own (RunOptions.runId), so its history record and its locks name it alike. */
export function runRecord(result: RunResult, from: RunRecord['from'], startedAt: Date, until?: string, id: string = newRunId(startedAt)): RunRecord {
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
    ...(checks === undefined ? {} : { checks: { passed: checks.filter((c) => c.ok).length, failed: checks.filter((c) => !c.ok).length } }),
    ...(result.rejected === undefined ? {} : { rejected: result.rejected }),
    diagnostics: result.diagnostics.slice(0, MAX_DIAGNOSTICS).map((d) => ({ severity: d.severity, message: d.message, ...(d.nodeId === undefined ? {} : { nodeId: d.nodeId }) })),
  };
}

/** The runs on record, oldest first; lines that cannot be read are skipped (a half-written last line, another version). */
export function readHistory(file: string): RunRecord[] {
  if (!existsSync(file)) return [];
  const out: RunRecord[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const r = runRecordSchema.safeParse(JSON.parse(line));
      if (r.success) out.push(r.data);
    } catch {
      // Skipped, as said above.
    }
  }
  return out;
}

/**
 * Appends one run; past MAX_RUNS the file is rewritten (atomically) with the
 * newest. History never fails a run. `redactor`: the secrets of the run's
 * session, kept out of the file (its results come redacted already; this is
 * the file's own wall).
 */
export function recordRun(file: string, record: RunRecord, redactor?: Redactor): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${JSON.stringify(redactor === undefined ? record : redactor.deep(record))}\n`);
    // Lines are counted, not parsed: only a file past its cap is read as records and rewritten.
    const lines = readFileSync(file, 'utf8').split('\n').length - 1;
    if (lines <= MAX_RUNS * 1.5) return;
    const runs = readHistory(file);
    const temp = tempTargetFor(file, false);
    try {
      prepareTemp(temp);
      writeFileSync(temp.temp, runs.slice(-MAX_RUNS).map((r) => `${JSON.stringify(r)}\n`).join(''));
      commitTemp(temp);
    } catch {
      discardTemp(temp);
    }
  } catch {
    // A full disk or a read-only home must not turn a good run into a failed one.
  }
}
