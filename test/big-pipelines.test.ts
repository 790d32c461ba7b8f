import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { str } from '../shared/sql/quote';
import { chainPipeline, fanOutPipeline } from './big-graphs';
import { dutoAwait, query, requireBuiltCli, tmp } from './support';

/**
 * Pipelines with thousands of nodes through the built CLI (issue #19): every
 * graph walk is iterative and linear (shared/compiler/graph.ts), so size costs
 * only DuckDB's own work of one view per node. The 10,000-node versions are
 * measured by hand (ARCHITECTURE.md), and the walks themselves at 100,000 nodes in
 * shared/compiler/graph.test.ts: these stay at a size that runs in seconds.
 * Chains longer than DuckDB nests are cut (electron/engine/bind/deep-chains.ts).
 */

function write(dir: string, name: string, doc: object): string {
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify(doc)}\n`);
  return file;
}

describe('big pipelines', () => {
  beforeAll(requireBuiltCli);

  it('a 1,000-node fan-out validates and runs', async () => {
    const dir = tmp('fan');
    const file = write(dir, 'fan.duto.json', fanOutPipeline(1000, 'fan.parquet'));
    const valid = await dutoAwait(['validate', file, '--trust'], dir);
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stdout + valid.stderr).toMatch(/valid: 1,?003 nodes, 0 errors/);
    const run = await dutoAwait(['run', file, '--trust', '--force'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(
      await query(
        `SELECT count(*)::INTEGER AS n, count(DISTINCT id)::INTEGER AS ids FROM read_parquet(${str(join(dir, 'fan.parquet'))})`,
      ),
    ).toEqual([{ n: 1000, ids: 1000 }]);
  }, 120_000);

  it('a 300-node chain of filters and derives runs', async () => {
    const dir = tmp('chain');
    const file = write(dir, 'chain.duto.json', chainPipeline(300, 'chain.parquet'));
    const run = await dutoAwait(['run', file, '--trust', '--force'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(
      await query(
        `SELECT count(*)::INTEGER AS n, sum(k)::INTEGER AS k FROM read_parquet(${str(join(dir, 'chain.parquet'))})`,
      ),
    ).toEqual([{ n: 1000, k: 2997 + 1000 * 150 }]);
  }, 120_000);

  it('a 1,000-node chain, over twice what DuckDB nests, validates and runs: the chain is cut while binding and at run time', async () => {
    const dir = tmp('deep');
    const file = write(dir, 'deep.duto.json', chainPipeline(1000, 'deep.parquet'));
    const valid = await dutoAwait(['validate', file, '--trust'], dir);
    expect(valid.code, valid.stdout + valid.stderr).toBe(0);
    expect(valid.stdout + valid.stderr).toMatch(/valid: 1,?002 nodes, 0 errors/);
    const run = await dutoAwait(['run', file, '--trust', '--force'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(
      await query(
        `SELECT count(*)::INTEGER AS n, sum(k)::INTEGER AS k FROM read_parquet(${str(join(dir, 'deep.parquet'))})`,
      ),
    ).toEqual([{ n: 1000, k: 2997 + 1000 * 500 }]);
  }, 180_000);
});
