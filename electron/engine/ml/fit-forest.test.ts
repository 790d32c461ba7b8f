import { describe, expect, it } from 'vitest';
import { between } from './bin-features';
import { columnMajor, fitForest, predictForest } from './fit-forest';
import { seededRandom } from './seeded-hash';

/* The forest trainer alone, on generated rows: what it learns, that it stops growing past its node budget, and its thresholds. */

function rows(n: number): { x: Float64Array; y: Float64Array; p: number } {
  const rng = seededRandom(9);
  const data = Array.from({ length: n }, () => [rng(), rng(), rng()]);
  // y depends on feature 0 only (a step), features 1 and 2 are noise.
  return { x: columnMajor(data, 3), y: Float64Array.from(data, (r) => ((r[0] ?? 0) > 0.5 ? 1 : 0)), p: 3 };
}

const settings = { trees: 10, maxDepth: 6, minSamplesLeaf: 1, maxFeatures: 3, seed: 1, maxNodes: 1_000_000 };

describe('fitForest', () => {
  it('finds the one feature that matters, and predicts the step', () => {
    const { x, y, p } = rows(2000);
    const f = fitForest(x, y, 2000, p, 2, settings);
    expect(f.importance[0]).toBeGreaterThan(0.99);
    const probs = predictForest(f.trees, x, 2000, 2);
    const wrong = probs.filter((pr, i) => ((pr[1] ?? 0) > 0.5 ? 1 : 0) !== y[i]).length;
    expect(wrong).toBe(0);
    // Every tree splits its root on feature 0 near 0.5.
    for (const t of f.trees) {
      expect(t.feature[0]).toBe(0);
      expect(Math.abs((t.threshold[0] ?? 0) - 0.5)).toBeLessThan(0.01);
    }
  });

  it('stops growing once past its node budget (the trainer then refuses the forest)', () => {
    const { x, p } = rows(2000);
    const noise = Float64Array.from(
      { length: 2000 },
      (_, i) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453),
    );
    const f = fitForest(x, noise, 2000, p, 0, { ...settings, trees: 50, maxDepth: 12, maxNodes: 500 });
    expect(f.nodes).toBeGreaterThan(500);
    expect(f.trees.length).toBeLessThan(50);
  });

  it('puts a threshold on the shortest decimal strictly between two values', () => {
    expect(between(0.1, 0.30000000000000004)).toBe(0.2);
    expect(between(1, 2)).toBe(1.5);
    expect(between(2.449999, 2.45)).toBeGreaterThan(2.449999);
    expect(between(2.449999, 2.45)).toBeLessThan(2.45);
    const tiny = between(1, 1 + 2 ** -52 * 2);
    expect(tiny).toBeGreaterThan(1);
    expect(tiny).toBeLessThan(1 + 2 ** -51);
  });
});
