import { appendFileSync, closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../api';
import { historyFileFor, recentRuns, recordRun, runRecord, type RunRecord } from './run-history';
import { freshDir } from '../test-support';

/** Every run on record, oldest first. */
const allRuns = (file: string): RunRecord[] => recentRuns(file, Number.MAX_SAFE_INTEGER).runs.reverse();

const result = (ok: boolean, extra: Partial<RunResult> = {}): RunResult => ({
  ok,
  cancelled: false,
  elapsedMs: 120,
  nodes: { src: { status: 'done', elapsedMs: 10 }, out: { status: ok ? 'done' : 'failed', elapsedMs: 100, rows: 3 } },
  outputs: ok ? [{ nodeId: 'out', path: '/d/out.csv', rows: 3 }] : [],
  diagnostics: ok ? [] : [{ severity: 'error', code: 'engine.error', message: 'it broke', nodeId: 'out' }],
  ...extra,
});

describe('run history', () => {
  it('keeps each run as a line: outcome, nodes, outputs, checks and problems; newest last', () => {
    const file = join(freshDir('duto-history-'), 'h.jsonl');
    recordRun(file, runRecord(result(true), 'cli', new Date('2026-01-02T03:04:05Z')));
    recordRun(
      file,
      runRecord(
        result(false, {
          checks: [{ nodeId: 'c', param: 'minRows', description: 'at least 1 rows', ok: false, message: 'no' }],
        }),
        'app',
        new Date('2026-01-02T04:00:00Z'),
        'out',
      ),
    );
    const runs = allRuns(file);
    expect(runs.map((r) => [r.startedAt, r.outcome, r.from, r.until])).toEqual([
      ['2026-01-02T03:04:05.000Z', 'succeeded', 'cli', undefined],
      ['2026-01-02T04:00:00.000Z', 'failed', 'app', 'out'],
    ]);
    expect(runs[1]).toMatchObject({
      checks: { passed: 0, failed: 1 },
      diagnostics: [{ severity: 'error', message: 'it broke', nodeId: 'out' }],
      nodes: { out: { status: 'failed', rows: 3 } },
    });
    expect(new Set(runs.map((r) => r.id)).size).toBe(2);
  });

  it('starts each record on a fresh line: a torn last line is skipped and counted, the next run is recorded whole', () => {
    const dir = freshDir('duto-history-');
    const file = join(dir, 'h.jsonl');
    recordRun(file, runRecord(result(true, { elapsedMs: 1 }), 'cli', new Date()));
    // A run killed halfway through writing its record.
    appendFileSync(file, '{"id": "torn", "startedAt": "2026-');
    recordRun(file, runRecord(result(true, { elapsedMs: 2 }), 'cli', new Date()));
    appendFileSync(file, 'garbage\n\u0000\u0000\n');
    recordRun(file, runRecord(result(false, { elapsedMs: 3 }), 'app', new Date()));
    const { runs, skipped } = recentRuns(file, 10);
    expect(runs.map((r) => r.elapsedMs)).toEqual([3, 2, 1]);
    expect(skipped).toBe(3);
    expect(readFileSync(file, 'utf8').split('\n')[1]).toBe('{"id": "torn", "startedAt": "2026-');
    // Only what is read is counted: the newest run alone meets no damaged line.
    expect(recentRuns(file, 1)).toMatchObject({ runs: [{ elapsedMs: 3 }], skipped: 0 });

    // Its folder cannot be made (a file stands where it would go), even for root: the run is not failed.
    const blocker = join(dir, 'blocker');
    appendFileSync(blocker, 'a file');
    expect(() => recordRun(join(blocker, 'sub', 'h.jsonl'), runRecord(result(true), 'cli', new Date()))).not.toThrow();
  });

  it('past its cap, the file is rotated to .1 in one step, and readers continue into it', () => {
    const file = join(freshDir('duto-history-'), 'h.jsonl');
    const cap = 8_000;
    for (let i = 0; i < 120; i++)
      recordRun(
        file,
        runRecord(result(true, { elapsedMs: i }), 'cli', new Date(Date.UTC(2026, 0, 1, 0, 0, i))),
        undefined,
        cap,
      );
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(statSync(file).size).toBeLessThanOrEqual(cap + 1000);
    expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(cap + 1000);
    expect(existsSync(`${file}.duto-lock`)).toBe(false);
    // The newest runs, in order across the two files; the oldest are gone with the previous .1.
    const runs = allRuns(file);
    expect(runs.at(-1)?.elapsedMs).toBe(119);
    expect(runs.map((r) => r.elapsedMs)).toEqual(Array.from({ length: runs.length }, (_, k) => 120 - runs.length + k));
    expect(runs.length).toBeGreaterThan(10);
    expect(runs.length).toBeLessThan(120);
  });

  it('reads the newest runs of a 50 MB history from its end, fast', () => {
    const file = join(freshDir('duto-history-'), 'h.jsonl');
    const fd = openSync(file, 'w');
    try {
      // 40 MB of damage no reader of the newest runs may reach (it would count as skipped), then 10 MB of runs.
      const junk = Buffer.alloc(1024 * 1024, 'x');
      for (let i = 0; i < 40; i++) writeSync(fd, junk);
      writeSync(fd, '\n');
      const line = `${JSON.stringify(runRecord(result(true), 'cli', new Date('2026-01-01T00:00:00Z')))}\n`;
      const block = line.repeat(Math.ceil((1024 * 1024) / line.length));
      for (let i = 0; i < 10; i++) writeSync(fd, block);
    } finally {
      closeSync(fd);
    }
    recordRun(
      file,
      runRecord(result(true, { elapsedMs: 4242 }), 'cli', new Date()),
      undefined,
      Number.MAX_SAFE_INTEGER,
    );
    expect(statSync(file).size).toBeGreaterThan(50 * 1024 * 1024);
    const started = performance.now();
    const { runs, skipped } = recentRuns(file, 20);
    const ms = performance.now() - started;
    expect(runs).toHaveLength(20);
    expect(runs[0]?.elapsedMs).toBe(4242);
    expect(skipped).toBe(0);
    expect(ms).toBeLessThan(1000);
    // Read to its start, the 40 MB line is one damaged line, never held in memory whole.
    expect(recentRuns(file, Number.MAX_SAFE_INTEGER).skipped).toBe(1);
  });

  it('lives in the user data folder, one file per pipeline path', () => {
    const env = { XDG_DATA_HOME: '/home/u/.local/share', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' };
    const a = historyFileFor('/w/a.duto.json', env);
    if (process.platform !== 'win32') expect(a.startsWith('/home/u/.local/share/duto/history/')).toBe(true);
    expect(historyFileFor('/w/x/../a.duto.json', env)).toBe(a);
    expect(historyFileFor('/w/b.duto.json', env)).not.toBe(a);
  });
});
