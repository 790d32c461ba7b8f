import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineSession } from '../api';
import { openPipeline } from '../index';
import { freshDir } from '../test-support';
import { doc } from '../connectors/test-databases';
import type { ModelFile } from './model-file';
import { DutoError } from '../../../shared/diagnostics';

/*
 * ml.score end to end: a model trained by ml.train on iris
 * (test-data/iris.csv) is applied by a second pipeline in SQL; the metrics
 * recomputed in SQL over the scored rows equal those the trainer computed in
 * TypeScript, which proves the SQL builds the same features and numbers.
 */

const IRIS = join(__dirname, 'test-data', 'iris.csv');
const FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
const sessions: PipelineSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

async function open(dir: string, ...nodes: Parameters<typeof doc>): Promise<PipelineSession> {
  const s = await openPipeline(doc(...nodes), { trust: 'trusted', baseDir: dir, threads: 2 });
  sessions.push(s);
  return s;
}

async function trained(params: Record<string, unknown>): Promise<{ dir: string; model: ModelFile }> {
  const dir = freshDir();
  copyFileSync(IRIS, join(dir, 'iris.csv'));
  const s = await open(
    dir,
    { id: 'src', type: 'source.csv', params: { path: 'iris.csv' } },
    { id: 'fit', type: 'ml.train', inputs: { in: 'src' }, params: { path: 'model.json', testFraction: 0, ...params } },
  );
  const r = await s.run();
  expect(r.diagnostics).toEqual([]);
  return { dir, model: JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelFile };
}

async function scored(dir: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const s = await open(
    dir,
    { id: 'src', type: 'source.csv', params: { path: 'iris.csv' } },
    { id: 'score', type: 'ml.score', inputs: { in: 'src' }, params: { path: 'model.json' } },
    { id: 'q', type: 'transform.sql', inputs: { in: 'score' }, params: { query: sql } },
  );
  const p = await s.preview('q', 10);
  return p.rows.map((row) => Object.fromEntries(p.columns.map((c, i) => [c.name, row[i]])));
}

const metric = (m: ModelFile, name: string): number => m.metrics.find((x) => x.metric === name)?.value ?? NaN;

describe('ml.score', () => {
  it("linear: predictions in SQL give the trainer's RMSE and R²", async () => {
    const { dir, model } = await trained({
      task: 'regression',
      algorithm: 'ridge',
      lambda: 0.5,
      target: 'petal_width',
      numeric: ['petal_length', 'sepal_length'],
      categorical: ['species'],
    });
    const [row] = await scored(
      dir,
      'SELECT sqrt(avg(power(petal_width - prediction, 2))) AS rmse, 1 - sum(power(petal_width - prediction, 2)) / sum(power(petal_width - (SELECT avg(petal_width) FROM score), 2)) AS r2 FROM score',
    );
    expect(Number(row?.['rmse'])).toBeCloseTo(metric(model, 'rmse'), 10);
    expect(Number(row?.['r2'])).toBeCloseTo(metric(model, 'r2'), 10);
  });

  it("logistic: a prediction and one probability column per class, the trainer's accuracy and log loss", async () => {
    const { dir, model } = await trained({
      task: 'classification',
      algorithm: 'logistic',
      target: 'species',
      numeric: FEATURES,
    });
    const [row] = await scored(
      dir,
      `SELECT avg(CASE WHEN prediction = species THEN 1 ELSE 0 END) AS accuracy,
        avg(-ln(CASE species WHEN 'setosa' THEN probability_setosa WHEN 'versicolor' THEN probability_versicolor ELSE probability_virginica END)) AS log_loss,
        max(abs(probability_setosa + probability_versicolor + probability_virginica - 1)) AS off FROM score`,
    );
    expect(Number(row?.['accuracy'])).toBeCloseTo(metric(model, 'accuracy'), 12);
    expect(Number(row?.['log_loss'])).toBeCloseTo(metric(model, 'log_loss'), 9);
    expect(Number(row?.['off'])).toBeLessThan(1e-12);
  });

  it("k-means: a cluster id per row, the trainer's inertia", async () => {
    const { dir, model } = await trained({ task: 'clustering', algorithm: 'kmeans', numeric: FEATURES, k: 3 });
    if (model.fitted.algorithm !== 'kmeans') throw new Error('no k-means');
    const c = model.fitted.centroids;
    const m = model.features.map((f) => (f.kind === 'numeric' ? f.mean : 0));
    const dist = (k: number): string => FEATURES.map((f, j) => `power(${f} - ${m[j]} - ${c[k]?.[j]}, 2)`).join(' + ');
    const [row] = await scored(
      dir,
      `SELECT sum(CASE cluster WHEN 0 THEN ${dist(0)} WHEN 1 THEN ${dist(1)} ELSE ${dist(2)} END) AS inertia, count(DISTINCT cluster) AS clusters FROM score`,
    );
    expect(Number(row?.['inertia'])).toBeCloseTo(metric(model, 'inertia'), 8);
    expect(Number(row?.['clusters'])).toBe(3);
  });

  it('refuses an input that does not match the signature, and a truncated or foreign model file, naming node and column', async () => {
    const { dir } = await trained({
      task: 'regression',
      algorithm: 'linear',
      target: 'petal_width',
      numeric: ['petal_length'],
    });
    const errors = async (path: string, source = 'iris.csv'): Promise<string[]> => {
      const s = await open(
        dir,
        { id: 'src', type: 'source.csv', params: { path: source } },
        { id: 'score', type: 'ml.score', inputs: { in: 'src' }, params: { path } },
      );
      try {
        await s.schema('score');
        return [];
      } catch (e) {
        if (!(e instanceof DutoError)) throw e;
        return e.diagnostics.map((d) => `${d.nodeId ?? ''}.${d.param ?? ''}: ${d.message}`);
      }
    };
    writeFileSync(join(dir, 'other.csv'), 'petal_length,x\nabc,1\n');
    expect(await errors('model.json', 'other.csv')).toEqual([
      'score.path: the model needs column "petal_length" as a number; the input\'s is VARCHAR',
    ]);
    writeFileSync(join(dir, 'none.csv'), 'x\n1\n');
    expect(await errors('model.json', 'none.csv')).toEqual([
      'score.path: the model needs column "petal_length" (numeric); the input has no such column',
    ]);
    const text = readFileSync(join(dir, 'model.json'), 'utf8');
    writeFileSync(join(dir, 'cut.json'), text.slice(0, 100));
    expect(await errors('cut.json')).toEqual([
      `score.path: model file ${join(dir, 'cut.json')} is not a Duto model: not JSON (truncated, or another format)`,
    ]);
    writeFileSync(join(dir, 'model.onnx.json'), '{"ir_version": 7}');
    expect((await errors('model.onnx.json'))[0]).toContain('is not a Duto model: format');
  });
});
