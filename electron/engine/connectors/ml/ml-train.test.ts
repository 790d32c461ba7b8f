import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineSession } from '../../api';
import { openPipeline } from '../../index';
import { duck, freshDir } from '../../test-support';
import { doc } from '../test-databases';
import type { ModelFile } from '../../ml/model-file';

/*
 * ml.train end to end: a CSV source through the engine into the trainer,
 * on Fisher's iris (test-data/iris.csv, licence beside it). References:
 * - OLS: DuckDB's regr_slope/regr_intercept/regr_r2 over the same rows (an
 *   independent closed form), to 1e-9.
 * - k-means, k = 3 on the four measurements: scikit-learn's KMeans gives
 *   inertia 78.85 (its user guide and countless tutorials: 78.851); 0.5 %.
 * - Logistic regression on all four features: scikit-learn's default
 *   LogisticRegression scores 0.973 training accuracy on iris; ours (λ = 1
 *   on standardized features) must be within 0.03.
 */

const IRIS = join(__dirname, '..', '..', 'ml', 'test-data', 'iris.csv');
const FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
const sessions: PipelineSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

async function train(
  params: Record<string, unknown>,
): Promise<{ model: ModelFile | undefined; messages: string[]; rows: number | undefined; dir: string }> {
  const dir = freshDir();
  copyFileSync(IRIS, join(dir, 'iris.csv'));
  const s = await openPipeline(
    doc(
      { id: 'src', type: 'source.csv', params: { path: 'iris.csv' } },
      { id: 'fit', type: 'ml.train', inputs: { in: 'src' }, params: { path: 'model.json', ...params } },
    ),
    { trust: 'trusted', baseDir: dir, threads: 2 },
  );
  sessions.push(s);
  const r = await s.run();
  const messages = r.diagnostics.map((d) => `${d.nodeId ?? ''}.${d.param ?? ''}: ${d.message}`);
  if (!r.ok) return { model: undefined, messages, rows: undefined, dir };
  const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelFile;
  return { model, messages, rows: r.nodes['fit']?.rows, dir };
}

const metric = (m: ModelFile | undefined, name: string): number =>
  m?.metrics.find((x) => x.metric === name)?.value ?? NaN;

describe('ml.train', () => {
  it('linear regression matches DuckDB regr_* on the same rows, and says how many rows trained', async () => {
    const { model, rows, dir } = await train({
      task: 'regression',
      algorithm: 'linear',
      target: 'petal_width',
      numeric: ['petal_length'],
      testFraction: 0,
    });
    const [ref] = await duck(
      `SELECT regr_intercept(petal_width, petal_length), regr_slope(petal_width, petal_length), regr_r2(petal_width, petal_length) FROM '${join(dir, 'iris.csv')}'`,
    );
    const [intercept, slope, r2] = (ref ?? []).map(Number);
    if (model?.fitted.algorithm !== 'linear') throw new Error('no linear model');
    const mean = model.features[0]?.kind === 'numeric' ? model.features[0].mean : NaN;
    expect(model.fitted.weights[0]).toBeCloseTo(slope ?? NaN, 9);
    expect(model.fitted.intercept - (model.fitted.weights[0] ?? 0) * mean).toBeCloseTo(intercept ?? NaN, 9);
    expect(metric(model, 'r2')).toBeCloseTo(r2 ?? NaN, 9);
    expect(rows).toBe(150);
    expect(model.training).toEqual({ inputRows: 150, trainRows: 150, testRows: 0, sampled: false });
  });

  it('k-means on iris reaches the reference inertia; two runs with one seed write the same file', async () => {
    const a = await train({ task: 'clustering', algorithm: 'kmeans', numeric: FEATURES, k: 3 });
    const b = await train({ task: 'clustering', algorithm: 'kmeans', numeric: FEATURES, k: 3 });
    expect(Math.abs(metric(a.model, 'inertia') - 78.85) / 78.85).toBeLessThan(0.005);
    expect(metric(a.model, 'silhouette')).toBeGreaterThan(0.5);
    expect(readFileSync(join(a.dir, 'model.json'), 'utf8')).toBe(readFileSync(join(b.dir, 'model.json'), 'utf8'));
  });

  it('logistic regression classifies iris like scikit-learn; a stratified split keeps class shares', async () => {
    const all = await train({
      task: 'classification',
      algorithm: 'logistic',
      target: 'species',
      numeric: FEATURES,
      testFraction: 0,
    });
    expect(Math.abs(metric(all.model, 'accuracy') - 0.973)).toBeLessThanOrEqual(0.03);
    const held = await train({
      task: 'classification',
      algorithm: 'logistic',
      target: 'species',
      numeric: FEATURES,
      testFraction: 0.2,
      seed: 7,
    });
    expect(held.model?.training.testRows).toBe(30);
    expect(held.model?.confusion?.counts.map((r) => r.reduce((x, y) => x + y, 0))).toEqual([10, 10, 10]);
    expect(metric(held.model, 'accuracy')).toBeGreaterThanOrEqual(0.9);
    expect(metric(held.model, 'roc_auc')).toBeGreaterThan(0.95);
    expect(held.model?.importance.map((i) => i.feature)).toEqual(FEATURES);
  });

  it('one-hot encodes a categorical feature (all categories but the reference)', async () => {
    const { model } = await train({
      task: 'regression',
      algorithm: 'ridge',
      target: 'petal_width',
      numeric: ['petal_length'],
      categorical: ['species'],
      lambda: 0.1,
    });
    expect(model?.features.map((f) => (f.kind === 'category' ? `${f.column}=${f.value}` : f.column))).toEqual([
      'petal_length',
      'species=versicolor',
      'species=virginica',
    ]);
    expect(metric(model, 'r2')).toBeGreaterThan(0.9);
  });

  it('refuses bad input naming the node and column: one class, a string in a numeric feature, an all-NULL feature', async () => {
    const oneClass = await trainOn('x,y\n1,a\n2,a\n3,a\n', {
      task: 'classification',
      algorithm: 'logistic',
      target: 'y',
      numeric: ['x'],
    });
    expect(oneClass).toEqual([
      'fit.target: target column "y" has one class only (a) in the training rows: a classifier needs at least two',
    ]);
    const text = await trainOn('x,y\n1,1\nabc,2\n3,3\n', {
      task: 'regression',
      algorithm: 'linear',
      target: 'y',
      numeric: ['x'],
    });
    expect(text).toEqual([
      'fit.numeric: feature column "x" is numeric but holds "abc": cast it first or pick it as a categorical feature',
    ]);
    const empty = await trainOn('x,z,y\n1,,1\n2,,2\n3,,4\n', {
      task: 'regression',
      algorithm: 'linear',
      target: 'y',
      numeric: ['x', 'z'],
    });
    expect(empty).toEqual(['fit.numeric: feature column "z" is empty (NULL) in every training row']);
    const missing = await trainOn('x,y\n1,1\n2,2\n', {
      task: 'regression',
      algorithm: 'linear',
      target: 'y',
      numeric: ['nope'],
    });
    expect(missing).toEqual(['fit.numeric: unknown column "nope" in input "in"']);
  });
});

async function trainOn(csv: string, params: Record<string, unknown>): Promise<string[]> {
  const dir = freshDir();
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'd.csv'), csv);
  const s = await openPipeline(
    doc(
      { id: 'src', type: 'source.csv', params: { path: 'd.csv' } },
      { id: 'fit', type: 'ml.train', inputs: { in: 'src' }, params: { path: 'model.json', ...params } },
    ),
    { trust: 'trusted', baseDir: dir, threads: 2 },
  );
  sessions.push(s);
  const r = await s.run();
  return r.diagnostics.map((d) => `${d.nodeId ?? ''}.${d.param ?? ''}: ${d.message}`);
}
