import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { historyFileFor, recentRuns, type RecentRuns } from './run-history';

/**
 * Every pipeline's runs in one list, newest first: each history file in the
 * user's data folder read from its end (what `duto history --all` prints and
 * the app's Operations view shows).
 */

/** The folder every pipeline's history file is in. */
export function historyFolder(env: NodeJS.ProcessEnv = process.env): string {
  return dirname(historyFileFor(resolve('any.duto.json'), env));
}

/** The newest `limit` runs over every history file in `folder` (at most `limit` read from each). */
export function allRecentRuns(folder: string, limit: number): RecentRuns {
  let names: string[] = [];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.jsonl'));
  } catch {
    // No history folder yet: no runs.
  }
  let skipped = 0;
  const runs: RecentRuns['runs'] = [];
  for (const n of names) {
    const got = recentRuns(join(folder, n), limit);
    skipped += got.skipped;
    runs.push(...got.runs);
  }
  runs.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
  return { runs: runs.slice(0, limit), skipped };
}
