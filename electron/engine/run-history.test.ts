import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from './api';
import { historyFileFor, readHistory, recordRun, runRecord } from './run-history';
import { freshDir } from './test-support';

const result = (ok: boolean, extra: Partial<RunResult> = {}): RunResult => ({
  ok,
  cancelled: false,
  elapsedMs: 120,
  nodes: { src: { status: 'done', elapsedMs: 10 }, out: { status: ok ? 'done' : 'failed', elapsedMs: 100, rows: 3 } },
  outputs: ok ? [{ nodeId: 'out', path: '/d/out.csv', rows: 3 }] : [],
  diagnostics: ok ? [] : [{ severity: 'error', code: 'x', message: 'it broke', nodeId: 'out' }],
  ...extra,
});

describe('run history', () => {
  it('keeps each run as a line: outcome, nodes, outputs, checks and problems; newest last', () => {
    const file = join(freshDir('duto-history-'), 'h.jsonl');
    recordRun(file, runRecord(result(true), 'cli', new Date('2026-01-02T03:04:05Z')));
    recordRun(file, runRecord(result(false, { checks: [{ nodeId: 'c', param: 'minRows', description: 'at least 1 rows', ok: false, message: 'no' }] }), 'app', new Date('2026-01-02T04:00:00Z'), 'out'));
    const runs = readHistory(file);
    expect(runs.map((r) => [r.startedAt, r.outcome, r.from, r.until])).toEqual([
      ['2026-01-02T03:04:05.000Z', 'succeeded', 'cli', undefined],
      ['2026-01-02T04:00:00.000Z', 'failed', 'app', 'out'],
    ]);
    expect(runs[1]).toMatchObject({ checks: { passed: 0, failed: 1 }, diagnostics: [{ severity: 'error', message: 'it broke', nodeId: 'out' }], nodes: { out: { status: 'failed', rows: 3 } } });
    expect(new Set(runs.map((r) => r.id)).size).toBe(2);
  });

  it('keeps the newest 100 runs, skips a damaged line, and never fails a run', () => {
    const dir = freshDir('duto-history-');
    const file = join(dir, 'h.jsonl');
    for (let i = 0; i < 160; i++) recordRun(file, runRecord(result(true, { elapsedMs: i }), 'cli', new Date(Date.UTC(2026, 0, 1, 0, 0, i))));
    const runs = readHistory(file);
    expect(runs.length).toBeLessThanOrEqual(150);
    expect(runs.at(-1)?.elapsedMs).toBe(159);
    expect(readHistory(file).length).toBe(readFileSync(file, 'utf8').trim().split('\n').length);

    appendFileSync(file, '{"half": \n');
    recordRun(file, runRecord(result(true, { elapsedMs: 999 }), 'cli', new Date()));
    expect(readHistory(file).at(-1)?.elapsedMs).toBe(999);

    // Its folder cannot be made (a file stands where it would go), even for root.
    const blocker = join(dir, 'blocker');
    appendFileSync(blocker, 'a file');
    expect(() => recordRun(join(blocker, 'sub', 'h.jsonl'), runRecord(result(true), 'cli', new Date()))).not.toThrow();
  });

  it('lives in the user data folder, one file per pipeline path', () => {
    const env = { XDG_DATA_HOME: '/home/u/.local/share', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' };
    const a = historyFileFor('/w/a.duto.json', env);
    if (process.platform !== 'win32') expect(a.startsWith('/home/u/.local/share/duto/history/')).toBe(true);
    expect(historyFileFor('/w/x/../a.duto.json', env)).toBe(a);
    expect(historyFileFor('/w/b.duto.json', env)).not.toBe(a);
  });
});
