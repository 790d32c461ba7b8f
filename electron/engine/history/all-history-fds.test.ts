import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { allRecentRuns } from './all-history';
import type { RunRecord } from './run-history';
import { freshDir } from '../test-support';

/*
 * Thousands of pipelines' histories read for the Operations view: the
 * descriptors the process holds while reading (counted in /proc/self/fd at
 * every file the reader opens) stay a handful, not one per history file, and
 * the list is still the newest runs over every file.
 */

const open = { peak: 0 };
const openFds = (): number => fs.readdirSync('/proc/self/fd').length;

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  // The real openSync; each open samples how many descriptors the process holds right after it.
  const openSync: typeof real.openSync = (...args) => {
    const fd = real.openSync(...args);
    open.peak = Math.max(open.peak, real.readdirSync('/proc/self/fd').length);
    return fd;
  };
  return { ...real, default: { ...real, openSync }, openSync };
});

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
    open.peak = 0;
    const limit = 1000;
    const got = allRecentRuns(folder, limit);
    const after = openFds();

    expect(open.peak).toBeGreaterThan(0);
    // One history file open at a time (a few more for what the test runner has in flight), not one per file.
    expect(open.peak - before).toBeLessThanOrEqual(4);
    expect(after).toBe(before);
    const newest = [...all].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, limit);
    expect(got.runs.map((r) => r.id)).toEqual(newest.map((r) => r.id));
    expect(got.skipped).toBe(1);
  });
});
