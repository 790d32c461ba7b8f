import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { str } from '../shared/sql/quote';
import { BIN, query, requireBuiltCli, tmp } from './support';

/**
 * A small memory budget spills instead of failing (shared/memory-size.ts):
 * a sort and a join of 3M generated rows under `--memory-limit 256MB`,
 * through the built CLI. Peak RSS is the CLI process's own maximum resident
 * set (GNU time's %M, from the kernel's rusage): Node, DuckDB's code and
 * what DuckDB does not count come on top of DuckDB's limit, so it is bounded
 * at the budget + 250 MB (measured: 374 MB in 12 s on 2 cores).
 */

const TIME = '/usr/bin/time';
const BUDGET_MB = 256;
const ROWS = 3_000_000;

function pipeline(dir: string): string {
  const file = join(dir, 'sort.duto.json');
  const doc = {
    format: 'duto.pipeline',
    version: 1,
    name: 'Sort and join under a small budget',
    nodes: [
      {
        id: 'gen',
        type: 'transform.sql',
        params: {
          query: `SELECT i AS id, hash(i) % 1000003 AS k, 'row-' || i::VARCHAR AS label FROM range(${String(ROWS)}) t(i)`,
        },
      },
      {
        id: 'pairs',
        type: 'transform.sql',
        params: { query: `SELECT i AS id, i * 2 AS twice FROM range(${String(ROWS)}) t(i)` },
      },
      {
        id: 'joined',
        type: 'transform.join',
        inputs: { left: 'gen', right: 'pairs' },
        params: { keys: [{ left: 'id', right: 'id' }], kind: 'inner' },
      },
      {
        id: 'sorted',
        type: 'transform.sort',
        inputs: { in: 'joined' },
        params: { keys: [{ column: 'k' }, { column: 'id' }] },
      },
      { id: 'out', type: 'sink.parquet', inputs: { in: 'sorted' }, params: { path: 'sorted.parquet' } },
    ],
  };
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}

describe('--memory-limit 256MB', () => {
  beforeAll(requireBuiltCli);

  it.skipIf(!existsSync(TIME))(
    'sorts and joins 3M rows, spilling, with peak RSS near the budget',
    async () => {
      const dir = tmp('budget');
      const file = pipeline(dir);
      const r = spawnSync(
        TIME,
        [
          '-f',
          'peak-rss-kb=%M',
          process.execPath,
          BIN,
          'run',
          file,
          '--trust',
          '--force',
          '--memory-limit',
          `${String(BUDGET_MB)}MB`,
        ],
        { cwd: dir, encoding: 'utf8', timeout: 60_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      const peakMb = Number(/peak-rss-kb=(\d+)/.exec(r.stderr)?.[1]) / 1024;
      expect(peakMb).toBeGreaterThan(0);
      expect(peakMb).toBeLessThan(BUDGET_MB * 1.048576 + 250);
      const [counts] =
        await query(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE twice <> id * 2)::INTEGER AS wrong,
      count(*) FILTER (WHERE prev > k)::INTEGER AS misordered
      FROM (SELECT *, lag(k) OVER (ORDER BY file_row_number) AS prev FROM read_parquet(${str(join(dir, 'sorted.parquet'))}, file_row_number = true))`);
      expect(counts).toEqual({ n: ROWS, wrong: 0, misordered: 0 });
    },
    90_000,
  );
});
