import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../api';
import { allRecentRuns, historyFolder } from './all-history';
import { historyFileFor, recordRun, runRecord } from './run-history';
import { freshDir } from '../test-support';

const result = (ok: boolean): RunResult => ({
  ok,
  cancelled: false,
  elapsedMs: 50,
  nodes: { out: { status: ok ? 'done' : 'failed', elapsedMs: 40, rows: 3 } },
  outputs: ok ? [{ nodeId: 'out', path: '/d/out.csv', rows: 3 }] : [],
  diagnostics: ok ? [] : [{ severity: 'error', code: 'engine.error', message: 'it broke', nodeId: 'out' }],
});

describe('every pipeline history', () => {
  it('merges the history files of the folder newest first, cut to the limit, counting damaged lines', () => {
    const data = freshDir('duto-all-history-');
    const env = { XDG_DATA_HOME: data, LOCALAPPDATA: data };
    const a = historyFileFor('/p/a.duto.json', env);
    const b = historyFileFor('/p/b.duto.json', env);
    expect(historyFolder(env)).toBe(join(data, 'duto', 'history'));
    recordRun(a, { ...runRecord(result(true), 'cli', new Date('2026-01-01T10:00:00Z')), pipeline: '/p/a.duto.json' });
    recordRun(b, { ...runRecord(result(false), 'app', new Date('2026-01-01T11:00:00Z')), pipeline: '/p/b.duto.json' });
    recordRun(a, { ...runRecord(result(true), 'app', new Date('2026-01-01T12:00:00Z')), pipeline: '/p/a.duto.json' });
    appendFileSync(b, 'not a record\n');
    const all = allRecentRuns(historyFolder(env), 10);
    expect(all.runs.map((r) => [r.startedAt, r.pipeline, r.outcome])).toEqual([
      ['2026-01-01T12:00:00.000Z', '/p/a.duto.json', 'succeeded'],
      ['2026-01-01T11:00:00.000Z', '/p/b.duto.json', 'failed'],
      ['2026-01-01T10:00:00.000Z', '/p/a.duto.json', 'succeeded'],
    ]);
    expect(all.skipped).toBe(1);
    expect(allRecentRuns(historyFolder(env), 2).runs.map((r) => r.startedAt)).toEqual([
      '2026-01-01T12:00:00.000Z',
      '2026-01-01T11:00:00.000Z',
    ]);
  });

  it('is empty when no pipeline has run yet', () => {
    expect(allRecentRuns(join(freshDir('duto-all-history-'), 'none'), 10)).toEqual({ runs: [], skipped: 0 });
  });
});
