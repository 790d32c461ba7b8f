import { copyFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineSession } from '../api';
import { openPipeline } from '../index';
import { freshDir } from '../test-support';
import { doc } from '../connectors/test-databases';
import { areaUnder, ROC_MAX_POINTS } from './ml-curves';
import type { ModelFile } from './model-file';
import { MODEL_MAX_BYTES } from './model-reader';

/*
 * The model card (pipeline.modelCard) and the curves training keeps for it,
 * on Fisher's iris (test-data/iris.csv): the card of a real trained model,
 * of a model not trained yet, of files that are no model.
 */

const IRIS = join(__dirname, 'test-data', 'iris.csv');
const FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
const sessions: PipelineSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

/** Iris, its training node and (unless `trainOnly`: it cannot compile before the model exists) a scoring node. */
async function session(
  dir: string,
  trust: 'trusted' | 'restricted',
  path = 'model.json',
  trainOnly = false,
): Promise<PipelineSession> {
  const nodes: Parameters<typeof doc> = [
    { id: 'src', type: 'source.csv', params: { path: 'iris.csv' } },
    { id: 'fit', type: 'ml.train', inputs: { in: 'src' }, params: { path, seed: 42, ...PARAMS } },
  ];
  if (!trainOnly) nodes.push({ id: 'score', type: 'ml.score', inputs: { in: 'src' }, params: { path } });
  const s = await openPipeline(doc(...nodes), { trust, baseDir: dir, threads: 2 });
  sessions.push(s);
  return s;
}

const PARAMS = {
  task: 'classification',
  algorithm: 'logistic',
  target: 'species',
  numeric: FEATURES,
  testFraction: 0.2,
};

/** Trains `params` on `csv` (iris by default) and returns the model file. */
async function trained(params: Record<string, unknown>, csv?: string): Promise<ModelFile> {
  const dir = freshDir();
  if (csv === undefined) copyFileSync(IRIS, join(dir, 'iris.csv'));
  else writeFileSync(join(dir, 'iris.csv'), csv);
  const s = await openPipeline(
    doc(
      { id: 'src', type: 'source.csv', params: { path: 'iris.csv' } },
      { id: 'fit', type: 'ml.train', inputs: { in: 'src' }, params: { path: 'model.json', seed: 42, ...params } },
    ),
    { trust: 'trusted', baseDir: dir, threads: 2 },
  );
  sessions.push(s);
  const r = await s.run();
  expect(r.ok).toBe(true);
  return JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
}

describe('model curves', () => {
  it('a binary classifier keeps its test ROC curve: (0,0) to (1,1), its area the stored ROC AUC', async () => {
    // Versicolor against virginica from the sepals alone: overlapping classes, so the curve is not a corner.
    const lines = readFileSync(IRIS, 'utf8').trim().split('\n');
    const csv = [lines[0], ...lines.slice(1).filter((l) => !l.endsWith('setosa'))].join('\n');
    const model = await trained(
      {
        task: 'classification',
        algorithm: 'logistic',
        target: 'species',
        numeric: FEATURES.slice(0, 2),
        testFraction: 0.4,
      },
      csv,
    );
    const roc = model.curves?.roc;
    if (roc === undefined) throw new Error('no ROC curve');
    expect(roc.fpr.length).toBe(roc.tpr.length);
    expect(roc.fpr.length).toBeLessThanOrEqual(ROC_MAX_POINTS);
    expect([roc.fpr[0], roc.tpr[0]]).toEqual([0, 0]);
    expect([roc.fpr.at(-1), roc.tpr.at(-1)]).toEqual([1, 1]);
    const auc = model.metrics.find((m) => m.metric === 'roc_auc')?.value ?? NaN;
    expect(auc).toBeGreaterThan(0.6);
    expect(auc).toBeLessThan(0.99);
    expect(areaUnder(roc.fpr, roc.tpr)).toBeCloseTo(auc, 4);
    expect(model.curves?.fit).toBeUndefined();
  });

  it('a regression keeps at most 200 (actual, predicted) test points, the same on a second run', async () => {
    const params = {
      task: 'regression',
      algorithm: 'linear',
      target: 'petal_width',
      numeric: ['petal_length'],
      testFraction: 0.3,
    };
    const model = await trained(params);
    const fit = model.curves?.fit;
    if (fit === undefined) throw new Error('no points');
    expect(fit.actual.length).toBe(model.training.testRows);
    expect(fit.predicted.length).toBe(fit.actual.length);
    // Residuals from the points give back the stored RMSE (rounded to 1e-6).
    const rmse = Math.sqrt(
      fit.actual.reduce((a, y, i) => a + (y - (fit.predicted[i] ?? 0)) ** 2, 0) / fit.actual.length,
    );
    expect(rmse).toBeCloseTo(model.metrics.find((m) => m.metric === 'rmse')?.value ?? NaN, 4);
    expect(model.curves?.roc).toBeUndefined();
    expect((await trained(params)).curves).toEqual(model.curves);
  });
});

describe('pipeline.modelCard', () => {
  it('says "not trained yet" before a run, then shows the metrics and the confusion matrix of both nodes', async () => {
    const dir = freshDir();
    copyFileSync(IRIS, join(dir, 'iris.csv'));
    const s = await session(dir, 'trusted', 'model.json', true);
    expect(await s.modelCard('fit')).toEqual({ state: 'untrained', path: join(dir, 'model.json') });
    expect(await s.modelCard('src')).toEqual({ state: 'none' });
    expect((await s.run()).ok).toBe(true);
    const card = await s.modelCard('fit');
    if (card.state !== 'ready') throw new Error(`card ${card.state}`);
    expect(card.task).toBe('classification');
    expect(card.algorithm).toBe('logistic');
    expect(card.target).toBe('species');
    expect(card.training.testRows).toBe(30);
    expect(card.training.trainRows).toBe(120);
    expect(card.metrics.map((m) => m.metric)).toEqual(['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'log_loss']);
    expect(card.metrics[0]?.value).toBeGreaterThan(0.9);
    expect(card.confusion?.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(card.confusion?.counts.flat().reduce((a, b) => a + b, 0)).toBe(30);
    expect(card.importance.map((i) => i.feature)).toEqual(FEATURES);
    expect(card.signature.map((c) => c.column)).toEqual(FEATURES);
    // Three classes: no ROC curve.
    expect(card.roc).toBeUndefined();
    expect(await (await session(dir, 'trusted')).modelCard('score')).toEqual(card);
  });

  it('shows gradient-boosted trees like a forest: metrics, confusion matrix, gain importance, both nodes', async () => {
    const dir = freshDir();
    copyFileSync(IRIS, join(dir, 'iris.csv'));
    const open = async (score: boolean): Promise<PipelineSession> => {
      const fit = {
        id: 'fit',
        type: 'ml.train',
        inputs: { in: 'src' },
        params: { path: 'model.json', seed: 42, ...PARAMS, algorithm: 'gbt', trees: 20 },
      };
      const scorer = { id: 'score', type: 'ml.score', inputs: { in: 'src' }, params: { path: 'model.json' } };
      const s = await openPipeline(
        doc({ id: 'src', type: 'source.csv', params: { path: 'iris.csv' } }, fit, ...(score ? [scorer] : [])),
        { trust: 'trusted', baseDir: dir, threads: 2 },
      );
      sessions.push(s);
      return s;
    };
    const s = await open(false);
    expect((await s.run()).ok).toBe(true);
    const card = await s.modelCard('fit');
    if (card.state !== 'ready') throw new Error(`card ${card.state}`);
    expect(card.algorithm).toBe('gbt');
    expect(card.metrics.map((m) => m.metric)).toEqual(['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'log_loss']);
    expect(card.metrics[0]?.value).toBeGreaterThan(0.9);
    expect(card.confusion?.counts.flat().reduce((a, b) => a + b, 0)).toBe(30);
    expect(card.importance.map((i) => i.feature)).toEqual(FEATURES);
    expect(card.importance.reduce((a, i) => a + i.importance, 0)).toBeCloseTo(1, 12);
    expect(await (await open(true)).modelCard('score')).toEqual(card);
  });

  it('reads an older file without curves; refuses a file that is no model, or too large, without reading it', async () => {
    const dir = freshDir();
    copyFileSync(IRIS, join(dir, 'iris.csv'));
    const s = await session(dir, 'trusted', 'model.json', true);
    expect((await s.run()).ok).toBe(true);
    const file = join(dir, 'model.json');
    const model: ModelFile = JSON.parse(readFileSync(file, 'utf8'));
    // A file written before curves existed (three classes have none anyway: the card must not need them).
    const older: ModelFile = { ...model };
    delete older.curves;
    writeFileSync(file, JSON.stringify(older));
    expect((await s.modelCard('fit')).state).toBe('ready');
    writeFileSync(file, JSON.stringify({ ...model, metrics: 'hacked' }));
    const hostile = await s.modelCard('fit');
    expect(hostile).toMatchObject({ state: 'unreadable', problem: expect.stringContaining('metrics') });
    writeFileSync(file, '');
    truncateSync(file, MODEL_MAX_BYTES + 1);
    expect(await s.modelCard('fit')).toMatchObject({
      state: 'unreadable',
      problem: expect.stringContaining(`at most ${MODEL_MAX_BYTES}`),
    });
  });

  it('a restricted pipeline does not look at a model file outside its folder', async () => {
    const outside = freshDir();
    const dir = freshDir();
    copyFileSync(IRIS, join(dir, 'iris.csv'));
    writeFileSync(join(outside, 'model.json'), '{}');
    const s = await session(dir, 'restricted', join(outside, 'model.json'));
    expect(await s.modelCard('score')).toEqual({ state: 'outside', path: join(outside, 'model.json') });
  });
});
