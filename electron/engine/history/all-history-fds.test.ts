import * as fs from 'node:fs';
import { join } from 'node:path';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { describe, expect, it } from 'vitest';
import { allRecentRuns } from './all-history';
import type { RecentRuns, RunRecord } from './run-history';
import { freshDir } from '../test-support';

/*
 * Thousands of pipelines' histories read for the Operations view: the
 * descriptors the process holds while reading (counted in /proc/self/fd at
 * every file the reader opens) stay a handful, not one per history file, and
 * the list is still the newest runs over every file.
 */

const openFds = (): number => fs.readdirSync('/proc/self/fd').length;

/**
 * Runs `work` with the real openSync wrapped to sample, right after each open,
 * how many descriptors the process holds; the highest count. (Unit tests share
 * modules across files, so this patches fs itself, and puts it back.)
 */
function peakOpenFds(work: () => void): number {
  const real = fs.openSync;
  let peak = 0;
  const counting: typeof fs.openSync = (...args) => {
    const fd = real(...args);
    peak = Math.max(peak, openFds());
    return fd;
  };
  const cjs = createRequire(import.meta.url)('node:fs') as { openSync: typeof fs.openSync };
  cjs.openSync = counting;
  syncBuiltinESMExports();
  try {
    work();
  } finally {
    cjs.openSync = real;
    syncBuiltinESMExports();
  }
  return peak;
}

const FILES = 3000;
const RUNS_EACH = 3;
const T0 = Date.parse('2026-01-01T00:00:00Z');

function record(pipeline: number, k: number, at: number): RunRecord {
  return {
    id: `r${String(pipeline)}-${String(k)}`,
    startedAt: new Date(at).toISOString(),
    elapsedMs: 1000,
    outcome: k % 2 === 0 ? 'succeeded' : 'failed',
    from: 'schedule',
    pipeline: `/p/${String(pipeline)}.duto.json`,
    nodes: {},
    outputs: [],
    diagnostics: [],
  };
}

describe.skipIf(!fs.existsSync('/proc/self/fd'))('every pipeline history, many pipelines', () => {
  it('holds a bounded number of descriptors however many history files there are', () => {
    const folder = freshDir('duto-all-history-fds-');
    const all: RunRecord[] = [];
    for (let p = 0; p < FILES; p++) {
      // Runs of all pipelines interleave in time; each file is in the order its runs ended.
      const runs = Array.from({ length: RUNS_EACH }, (_, k) => record(p, k, T0 + (k * FILES + p) * 60_000));
      all.push(...runs);
      const file = join(folder, `${String(p).padStart(5, '0')}.jsonl`);
      fs.writeFileSync(file, runs.map((r) => `${JSON.stringify(r)}\n`).join(''));
      // When a file was written decides only the order files are read in, never what is listed.
      fs.utimesSync(file, new Date(T0 + p * 1000), new Date(T0 + p * 1000));
    }
    // The newest run is in a file that looks oldest.
    fs.utimesSync(join(folder, `${String(FILES - 1).padStart(5, '0')}.jsonl`), new Date(T0), new Date(T0));
    fs.appendFileSync(join(folder, '00007.jsonl'), 'not a record\n');

    const before = openFds();
    const limit = 1000;
    let got: RecentRuns = { runs: [], skipped: 0 };
    const peak = peakOpenFds(() => (got = allRecentRuns(folder, limit)));
    const after = openFds();

    // One history file open at a time (a few more for what the test runner has in flight), not one per file.
    expect(peak).toBeGreaterThan(before);
    expect(peak - before).toBeLessThanOrEqual(4);
    expect(after).toBe(before);
    const newest = [...all].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, limit);
    expect(got.runs.map((r) => r.id)).toEqual(newest.map((r) => r.id));
    expect(got.skipped).toBe(1);
  });
});
