import { describe, expect, it } from 'vitest';
import type { MlTrainConfig } from '../../../shared/external/ml';
import type { RowBatch } from '../external/types';
import { gatherRows } from './training-rows';

/* The seeded sample: capped, uniform, and the same whatever order the rows arrive in. */

const config: MlTrainConfig = {
  task: 'regression',
  algorithm: 'linear',
  target: 'y',
  numeric: ['x'],
  categorical: [],
  seed: 3,
  testFraction: 0.2,
  lambda: 1,
  k: 3,
  rowCap: 100,
  trees: 100,
  maxDepth: 12,
  minSamplesLeaf: 1,
  maxFeatures: 0,
  learningRate: 0.1,
  minChildWeight: 1,
  subsample: 1,
  file: '/m.json',
};
const columns = [
  { name: 'x', type: 'DOUBLE' },
  { name: 'y', type: 'DOUBLE' },
];

async function* batches(rows: RowBatch, size: number): AsyncIterable<RowBatch> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

describe('gatherRows', () => {
  it('keeps rowCap rows of 1,000, the same ones in the same order whatever the arrival order', async () => {
    const rows: RowBatch = Array.from({ length: 1000 }, (_, i) => [i, i * 2]);
    const signal = new AbortController().signal;
    const a = await gatherRows({ ...config, numeric: ['x'] }, columns, batches(rows, 64), signal);
    const b = await gatherRows({ ...config, numeric: ['x'] }, columns, batches([...rows].reverse(), 7), signal);
    expect(a.rows).toHaveLength(100);
    expect(a).toMatchObject({ inputRows: 1000, sampled: true });
    expect(b.rows.map((r) => r.values)).toEqual(a.rows.map((r) => r.values));
    // Uniform: the kept x spread over the whole range (a seeded hash, not the first rows).
    const xs = a.rows.map((r) => Number(r.values[0]));
    expect(Math.min(...xs)).toBeLessThan(100);
    expect(Math.max(...xs)).toBeGreaterThan(900);
    const other = await gatherRows({ ...config, seed: 4 }, columns, batches(rows, 64), signal);
    expect(other.rows.map((r) => r.values)).not.toEqual(a.rows.map((r) => r.values));
  });
});
