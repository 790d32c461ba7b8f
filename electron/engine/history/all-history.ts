import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { historyFileFor, runsFromEnd, type RecentRuns, type RunRecord } from './run-history';

/**
 * Every pipeline's runs in one list, newest first: each history file in the
 * user's data folder read from its end (what `duto history --all` prints and
 * the app's Operations view shows).
 */

/**
 * How late a record may be appended after its run ended (OpenLineage and
 * webhooks go first): a file's reading stops only at a run that ended this
 * long before the oldest one kept, so a run appended late is not missed.
 */
const APPEND_SLACK_MS = 10 * 60_000;

/** The folder every pipeline's history file is in. */
export function historyFolder(env: NodeJS.ProcessEnv = process.env): string {
  return dirname(historyFileFor(resolve('any.duto.json'), env));
}

/**
 * The newest `limit` runs over every history file in `folder`. The files are
 * read one at a time, each closed before the next opens (thousands of
 * pipelines must not hold thousands of descriptors), most recently written
 * first: once `limit` runs are kept, a file is read from its end only until
 * its runs ended before the oldest kept one started (a file is in the order
 * runs ended), so a file with nothing newer costs one record.
 */
export function allRecentRuns(folder: string, limit: number): RecentRuns {
  let names: string[] = [];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.jsonl'));
  } catch {
    // No history folder yet: no runs.
  }
  if (limit <= 0) return { runs: [], skipped: 0 };
  const files = names
    .map((n) => ({ file: join(folder, n), written: writtenAt(join(folder, n)) }))
    .sort((a, b) => b.written - a.written);
  // Newest first, at most `limit`.
  const kept: RunRecord[] = [];
  let skipped = 0;
  for (const { file } of files) {
    // Leaving the loop early returns the generator, which closes the file.
    for (const run of runsFromEnd(file)) {
      if (run === undefined) {
        skipped++;
        continue;
      }
      const oldest = kept.length >= limit ? kept[kept.length - 1] : undefined;
      if (oldest !== undefined) {
        if (Date.parse(run.startedAt) + run.elapsedMs + APPEND_SLACK_MS < Date.parse(oldest.startedAt)) break;
        if (run.startedAt <= oldest.startedAt) continue;
      }
      const at = kept.findIndex((k) => k.startedAt < run.startedAt);
      kept.splice(at < 0 ? kept.length : at, 0, run);
      if (kept.length > limit) kept.pop();
    }
  }
  return { runs: kept, skipped };
}

/** When the file was last appended to (0 when it cannot be read): only the order files are read in depends on it. */
function writtenAt(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
