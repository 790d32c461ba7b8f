import { describe, expect, it } from 'vitest';
import { binFeatures, MAX_BINS } from './bin-features';
import { fitBoosted, predictBoosted, type BoostSettings } from './fit-gbt';
import { seededRandom } from './seeded-hash';

/* The booster and its bins on generated data (ml-gbt.test.ts compares with scikit-learn on iris). */

const settings: BoostSettings = {
  rounds: 50,
  maxDepth: 4,
  learningRate: 0.3,
  lambda: 1,
  minChildWeight: 1,
  subsample: 1,
  seed: 1,
  maxNodes: 1_000_000,
};

/** n rows, two features of many distinct values (column-major); y = 2 when x0 > 0.5, plus x1. */
function data(n: number): { x: Float64Array; y: Float64Array } {
  const rng = seededRandom(7);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng();
    x[n + i] = rng();
    y[i] = ((x[i] ?? 0) > 0.5 ? 2 : 0) + (x[n + i] ?? 0);
  }
  return { x, y };
}

describe('binFeatures', () => {
  it('cuts many distinct values into 256 bins of about equal counts, each value in (cut[b−1], cut[b]]', () => {
    const n = 5000;
    const { x } = data(n);
    const { bins, cuts, lows, highs } = binFeatures(x, n, 2);
    expect(cuts[0]).toHaveLength(MAX_BINS - 1);
    const counts = new Array<number>(MAX_BINS).fill(0);
    for (let i = 0; i < n; i++) {
      const b = bins[i * 2] ?? -1;
      counts[b] = (counts[b] ?? 0) + 1;
      const v = x[i] ?? 0;
      expect(b === 0 || v > (cuts[0]?.[b - 1] ?? Infinity)).toBe(true);
      expect(b === MAX_BINS - 1 || v <= (cuts[0]?.[b] ?? -Infinity)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(lows[0]?.[b] ?? Infinity);
      expect(v).toBeLessThanOrEqual(highs[0]?.[b] ?? -Infinity);
    }
    expect(Math.max(...counts)).toBeLessThan((3 * n) / MAX_BINS);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  it('gives few distinct values one bin each, cut between neighbours', () => {
    const x = Float64Array.from([3, 1, 2, 1, 3]);
    const { bins, cuts } = binFeatures(x, 5, 1);
    expect(Array.from(bins)).toEqual([2, 0, 1, 0, 2]);
    expect(Array.from(cuts[0] ?? [])).toEqual([1.5, 2.5]);
  });
});

describe('fitBoosted', () => {
  it('learns a step plus a slope, also on half the rows per round; the same seed gives the same trees', () => {
    const n = 4000;
    const { x, y } = data(n);
    for (const subsample of [1, 0.5]) {
      const a = fitBoosted(x, y, n, 2, 0, { ...settings, subsample });
      const predicted = predictBoosted(a.trees, a.base, 0, x, n).map((r) => r[0] ?? 0);
      const rmse = Math.sqrt(predicted.reduce((s, v, i) => s + (v - (y[i] ?? 0)) ** 2, 0) / n);
      expect(rmse).toBeLessThan(0.05);
      // The step carries most of the variance, so most of the gain.
      expect(a.importance[0]).toBeGreaterThan(0.7);
      expect(JSON.stringify(fitBoosted(x, y, n, 2, 0, { ...settings, subsample }))).toBe(JSON.stringify(a));
    }
    const b = fitBoosted(x, y, n, 2, 0, { ...settings, subsample: 0.5, seed: 2 });
    expect(JSON.stringify(b.trees)).not.toBe(
      JSON.stringify(fitBoosted(x, y, n, 2, 0, { ...settings, subsample: 0.5 }).trees),
    );
  });

  it('starts a classifier from the class shares: the log-odds of the second, or log priors', () => {
    const n = 400;
    const { x } = data(n);
    const two = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0));
    expect(fitBoosted(x, two, n, 2, 2, { ...settings, rounds: 1 }).base).toEqual([Math.log(0.25 / 0.75)]);
    const three = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 2 : i % 2));
    const f = fitBoosted(x, three, n, 2, 3, { ...settings, rounds: 2 });
    expect(f.base).toEqual([Math.log(0.25), Math.log(0.5), Math.log(0.25)]);
    expect(f.trees).toHaveLength(6);
  });

  it('stops growing once past the node bound', () => {
    const n = 2000;
    const { x, y } = data(n);
    const f = fitBoosted(x, y, n, 2, 0, { ...settings, maxDepth: 8, maxNodes: 100 });
    expect(f.nodes).toBeGreaterThan(100);
    expect(f.trees.length).toBeLessThan(settings.rounds);
  });
});
