import { rmSync } from 'node:fs';
import { HISTORY_SHOWN, historyFileFor, recentRuns, recordRun } from '../engine/history/run-history';
import { perPipelineFile } from '../engine/session/user-folders';

/**
 * Where a pipeline's runs are kept: its file's history, or, while it is
 * unsaved, the history of the key the app gave it (issue #11: a first
 * pipeline's runs are not lost for not being saved yet). No file's path holds
 * a NUL, so no unsaved key shares a saved pipeline's history.
 */
export function historyFileOf(req: { file?: string | undefined; historyKey?: string | undefined }): string | undefined {
  if (req.file !== undefined) return historyFileFor(req.file);
  if (req.historyKey !== undefined) return unsavedFile(req.historyKey);
  return undefined;
}

const unsavedFile = (key: string): string => perPipelineFile('data', 'history', '.jsonl', `/\u0000unsaved/${key}`);

/**
 * A pipeline saved at last takes the runs it had while unsaved: they move,
 * oldest first, to its file's history (nothing moves when it had none).
 */
export function adoptUnsavedRuns(file: string, historyKey: string): void {
  const from = unsavedFile(historyKey);
  const { runs } = recentRuns(from, HISTORY_SHOWN);
  if (runs.length === 0) return;
  const to = historyFileFor(file);
  for (const run of [...runs].reverse()) recordRun(to, run);
  rmSync(from, { force: true });
  rmSync(`${from}.1`, { force: true });
}
