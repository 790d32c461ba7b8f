import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { historyFileFor, runsFromEnd, type RecentRuns, type RunRecord } from './run-history';

/**
 * Every pipeline's runs in one list, newest first: each history file in the
 * user's data folder read from its end (what `duto history --all` prints and
 * the app's Operations view shows).
 */

/** The folder every pipeline's history file is in. */
export function historyFolder(env: NodeJS.ProcessEnv = process.env): string {
  return dirname(historyFileFor(resolve('any.duto.json'), env));
}

/**
 * The newest `limit` runs over every history file in `folder`: the files are
 * read from their ends side by side, always taking the newest next record, so
 * only about `limit` records are parsed however many runs are on record.
 * (A file is in the order runs ended; the ones kept are sorted by start.)
 */
export function allRecentRuns(folder: string, limit: number): RecentRuns {
  let names: string[] = [];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.jsonl'));
  } catch {
    // No history folder yet: no runs.
  }
  let skipped = 0;
  const heads: Array<{ run: RunRecord; rest: Generator<RunRecord | undefined> }> = [];
  const advance = (rest: Generator<RunRecord | undefined>): void => {
    for (let next = rest.next(); next.done !== true; next = rest.next()) {
      if (next.value === undefined) skipped++;
      else {
        heads.push({ run: next.value, rest });
        return;
      }
    }
  };
  for (const n of names) advance(runsFromEnd(join(folder, n)));
  const runs: RunRecord[] = [];
  while (runs.length < limit && heads.length > 0) {
    // A few dozen files: a scan for the newest head is cheaper than keeping a heap.
    let newest = 0;
    heads.forEach((h, i) => {
      if (h.run.startedAt > (heads[newest]?.run.startedAt ?? '')) newest = i;
    });
    const [head] = heads.splice(newest, 1);
    if (head === undefined) break;
    runs.push(head.run);
    advance(head.rest);
  }
  for (const h of heads) h.rest.return(undefined);
  runs.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
  return { runs, skipped };
}
