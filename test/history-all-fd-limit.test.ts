import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { historyFolder } from '../electron/engine/history/all-history';
import { BIN, requireBuiltCli, tmp } from './support';

/*
 * `duto history --all` (what the Operations view reads through history.all)
 * over more pipelines than the process may hold open files: under
 * `ulimit -n 64`, 400 histories are all read, none silently left out.
 */

beforeAll(() => requireBuiltCli());

const PIPELINES = 400;

describe.skipIf(process.platform === 'win32')('duto history --all under a small open-file limit', () => {
  it('lists the runs of every pipeline, more histories than descriptors', () => {
    const dir = tmp('history-fd-limit');
    const env = { XDG_DATA_HOME: join(dir, 'data'), LOCALAPPDATA: join(dir, 'data') };
    const folder = historyFolder(env);
    mkdirSync(folder, { recursive: true });
    for (let p = 0; p < PIPELINES; p++) {
      const run = {
        id: `r${String(p)}`,
        startedAt: new Date(Date.UTC(2026, 0, 1) + p * 60_000).toISOString(),
        elapsedMs: 10,
        outcome: 'succeeded',
        from: 'schedule',
        pipeline: join(dir, `p${String(p)}.duto.json`),
        nodes: {},
        outputs: [],
        diagnostics: [],
      };
      writeFileSync(join(folder, `${String(p)}.jsonl`), `${JSON.stringify(run)}\n`);
    }
    const r = spawnSync(
      'sh',
      ['-c', 'ulimit -n 64 && exec "$0" "$@"', process.execPath, BIN, 'history', '--all', '--limit', '5000', '--json'],
      { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const listed: { runs: Array<{ id: string }>; skipped: number } = JSON.parse(r.stdout);
    expect(listed.skipped).toBe(0);
    expect(listed.runs).toHaveLength(PIPELINES);
    expect(listed.runs[0]?.id).toBe(`r${String(PIPELINES - 1)}`);
  });
});
