import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { historyFileFor } from '../electron/engine/history/run-history';
import { duto, requireBuiltCli, tmp } from './support';

/*
 * The run history through the CLI after a crash: a record torn halfway (a
 * run killed while writing it) does not spoil the next run's, `duto history`
 * skips the damaged line and says so, and --json counts it.
 */

beforeAll(() => requireBuiltCli());

describe('duto history after a torn record', () => {
  it('records the next run whole, lists both runs, and counts the damaged line', () => {
    const dir = tmp('history-torn');
    const env = { XDG_DATA_HOME: join(dir, 'data'), XDG_CACHE_HOME: join(dir, 'cache') };
    const file = join(dir, 'p.duto.json');
    const nodes = [
      { id: 'gen', type: 'transform.sql', params: { query: 'SELECT 1 AS x' } },
      { id: 'out', type: 'sink.csv', inputs: { in: 'gen' }, params: { path: 'out.csv' } },
    ];
    writeFileSync(file, JSON.stringify({ format: 'duto.pipeline', version: 2, nodes }));
    expect(duto(['run', '--trust', file], dir, env).code).toBe(0);
    const history = historyFileFor(file, env);
    appendFileSync(history, '{"id":"killed-run","startedAt":"2026-');
    expect(duto(['run', '--trust', '--force', file], dir, env).code).toBe(0);

    const lines = readFileSync(history, 'utf8').split('\n');
    expect(lines[1]).toBe('{"id":"killed-run","startedAt":"2026-');
    expect(JSON.parse(lines[2] ?? '')).toMatchObject({ outcome: 'succeeded', from: 'cli' });

    const h = duto(['history', file], dir, env);
    expect(h.code).toBe(0);
    expect(h.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(h.stderr).toBe('1 damaged line in the history skipped\n');
    const json = JSON.parse(duto(['history', file, '--json'], dir, env).stdout);
    expect(json).toMatchObject({ skipped: 1, runs: [{ outcome: 'succeeded' }, { outcome: 'succeeded' }] });
  });
});
