import { historyFileFor } from '../engine/run-history';
import { perPipelineFile } from '../engine/user-folders';

/**
 * Where a pipeline's runs are kept: its file's history, or, while it is
 * unsaved, the history of the key the app gave it (issue #11: a first
 * pipeline's runs are not lost for not being saved yet). No file's path holds
 * a NUL, so no unsaved key shares a saved pipeline's history.
 */
export function historyFileOf(req: { file?: string | undefined; historyKey?: string | undefined }): string | undefined {
  if (req.file !== undefined) return historyFileFor(req.file);
  if (req.historyKey !== undefined) return perPipelineFile('data', 'history', '.jsonl', `/\u0000unsaved/${req.historyKey}`);
  return undefined;
}
