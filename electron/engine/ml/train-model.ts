import { createHash } from 'node:crypto';
import type { MlTrainConfig } from '../../../shared/external/ml';
import { said } from '../../../shared/messages/diagnostic-messages';
import { ConnectorError, type ExternalValue } from '../external/types';
import { isNumericType } from '../external/duck-types';
import { encodeRow, learnFeatures, numberOf, signatureOf } from './encode-features';
import { fitKmeans, nearest } from './fit-kmeans';
import { columnMajor, fitForest, predictForest } from './fit-forest';
import { fitBoosted, predictBoosted } from './fit-gbt';
import { fitLinear } from './fit-linear';
import { fitLogistic, softmax } from './fit-logistic';
import { classificationMetrics, clusteringMetrics, regressionMetrics } from './ml-metrics';
import { fitPoints, rocCurve } from './ml-curves';
import { featureName, type Metric, type ModelCurves, type ModelFile } from './model-file';
import { BOOST_MAX_TREES, FOREST_MAX_NODES, modelVersionOf, type Fitted } from '../../../shared/ml/scoring-model';
import { BOOST_DEPTH_AUTO, FOREST_DEPTH_AUTO } from '../../../shared/external/ml';
import {
  allNull,
  boostTooLarge,
  boostTooManyTrees,
  forestTooLarge,
  notNumeric,
  oneClass,
  tooFewRows,
} from './ml-errors';
import { unitHash } from './seeded-hash';
import { rowKey, valueText, type SampledRow, type TrainingRows } from './training-rows';

/**
 * Trains one model from gathered rows: checks the input (a string in a
 * numeric feature, an all-NULL feature, a target with one class), splits
 * train/test by a seeded hash of each row (per class for classification,
 * so both sides keep the class shares), fits, and evaluates on the test
 * rows (on the training rows when the test fraction is 0, and always for
 * clustering). Pure: same rows and settings, same model, byte for byte.
 */

const ALGORITHMS_OF: Record<MlTrainConfig['task'], ReadonlyArray<MlTrainConfig['algorithm']>> = {
  regression: ['linear', 'ridge', 'forest', 'gbt'],
  classification: ['logistic', 'forest', 'gbt'],
  clustering: ['kmeans'],
};

export function trainModel(config: MlTrainConfig, data: TrainingRows): ModelFile {
  if (!ALGORITHMS_OF[config.task].includes(config.algorithm))
    throw new ConnectorError(said('ml.input/task', { algorithm: config.algorithm, task: config.task }), {
      param: 'algorithm',
    });
  if (config.numeric.length + config.categorical.length === 0)
    throw new ConnectorError(said('ml.input/no-features', {}), { param: 'numeric' });
  const signature = signatureOf(config, data.columns);
  const width = signature.length;
  signature.forEach((s, j) => {
    if (s.kind !== 'numeric' || isNumericType(s.type)) return;
    if (data.rows.every((r) => (r.values[j] ?? null) === null)) throw allNull(s.column);
    // The first value that is not a number names the problem ("abc"), else any value.
    const bad =
      data.rows.find((r) => !isNumberText(r.values[j] ?? null)) ??
      data.rows.find((r) => (r.values[j] ?? null) !== null);
    throw notNumeric(
      s.column,
      bad === undefined ? s.type : JSON.stringify(valueText(bad.values[j] ?? null)).slice(0, 60),
    );
  });
  const supervised = config.task !== 'clustering';
  const rows = supervised ? data.rows.filter((r) => (r.values[width] ?? null) !== null) : data.rows;
  const targetType = data.columns[width]?.type ?? '';
  if (config.task === 'regression' && !isNumericType(targetType))
    throw new ConnectorError(said('ml.input/target-type', { column: config.target, type: targetType }), {
      param: 'target',
    });
  const classes =
    config.task === 'classification' ? [...new Set(rows.map((r) => valueText(r.values[width] ?? null)))].sort() : [];
  if (config.task === 'classification' && classes.length < 2) throw oneClass(config.target, classes[0] ?? 'none');
  const { train, test } = split(
    config,
    rows,
    classes.length > 0 ? (r) => valueText(r.values[width] ?? null) : undefined,
  );
  if (train.length < 2) throw tooFewRows(train.length);
  const features = learnFeatures(
    signature,
    train.map((r) => r.values.slice(0, width)),
    // Trees need no scale (a split is the same on any scale); logistic regression's penalty does.
    config.algorithm === 'logistic',
  );
  const encode = (r: SampledRow): number[] => encodeRow(signature, features, r.values.slice(0, width));
  const xTrain = train.map(encode);
  const evalRows = test.length > 0 && supervised ? test : train;
  const xEval = evalRows === train ? xTrain : evalRows.map(encode);
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const targetOf = (r: SampledRow): number =>
    config.task === 'regression'
      ? (numberOf(r.values[width] ?? null, config.target) ?? 0)
      : (classIndex.get(valueText(r.values[width] ?? null)) ?? 0);
  let fitted: Fitted;
  let metrics: Metric[];
  let confusion: ModelFile['confusion'];
  let curves: ModelCurves | undefined;
  const curvesOf = (actual: number[], scores: readonly (readonly number[])[]): ModelCurves | undefined =>
    config.task === 'regression'
      ? {
          fit: fitPoints(
            actual,
            scores.map((r) => r[0] ?? 0),
          ),
        }
      : classes.length === 2
        ? {
            roc: rocCurve(
              actual.map((y) => y === 1),
              scores.map((r) => r[1] ?? 0),
            ),
          }
        : undefined;
  let weightRows: number[][];
  let given: number[] | undefined;
  if (config.algorithm === 'forest') {
    const p = features.length;
    const k = classes.length;
    const auto = k > 0 ? Math.floor(Math.sqrt(p)) : Math.floor(p / 3);
    const f = fitForest(columnMajor(xTrain, p), Float64Array.from(train, targetOf), train.length, p, k, {
      trees: config.trees,
      maxDepth: config.maxDepth > 0 ? config.maxDepth : FOREST_DEPTH_AUTO,
      minSamplesLeaf: config.minSamplesLeaf,
      maxFeatures: Math.min(p, Math.max(1, config.maxFeatures > 0 ? config.maxFeatures : auto)),
      seed: config.seed,
      maxNodes: FOREST_MAX_NODES,
    });
    if (f.nodes > FOREST_MAX_NODES) throw forestTooLarge(f.trees.length, config.trees, FOREST_MAX_NODES);
    const predicted = predictForest(f.trees, columnMajor(xEval, p), xEval.length, Math.max(k, 1));
    if (k > 0) {
      fitted = { algorithm: 'forest', classes, trees: f.trees };
      const c = classificationMetrics(evalRows.map(targetOf), predicted, k);
      metrics = c.metrics;
      confusion = { classes, counts: c.confusion };
    } else {
      fitted = { algorithm: 'forest', trees: f.trees };
      metrics = regressionMetrics(
        evalRows.map(targetOf),
        predicted.map((r) => r[0] ?? 0),
      );
    }
    curves = curvesOf(evalRows.map(targetOf), predicted);
    weightRows = [];
    given = f.importance;
  } else if (config.algorithm === 'gbt') {
    const p = features.length;
    const k = classes.length;
    const perRound = k > 2 ? k : 1;
    if (config.trees * perRound > BOOST_MAX_TREES) throw boostTooManyTrees(k, config.trees, BOOST_MAX_TREES);
    const f = fitBoosted(columnMajor(xTrain, p), Float64Array.from(train, targetOf), train.length, p, k, {
      rounds: config.trees,
      maxDepth: config.maxDepth > 0 ? config.maxDepth : BOOST_DEPTH_AUTO,
      learningRate: config.learningRate,
      lambda: config.lambda,
      minChildWeight: config.minChildWeight,
      subsample: config.subsample,
      seed: config.seed,
      maxNodes: FOREST_MAX_NODES,
    });
    if (f.nodes > FOREST_MAX_NODES) throw boostTooLarge(f.trees.length, config.trees * perRound, FOREST_MAX_NODES);
    const predicted = predictBoosted(f.trees, f.base, k, columnMajor(xEval, p), xEval.length);
    const learningRate = config.learningRate;
    if (k > 0) {
      fitted = { algorithm: 'gbt', classes, learningRate, base: f.base, trees: f.trees };
      const c = classificationMetrics(evalRows.map(targetOf), predicted, k);
      metrics = c.metrics;
      confusion = { classes, counts: c.confusion };
    } else {
      fitted = { algorithm: 'gbt', learningRate, base: f.base, trees: f.trees };
      metrics = regressionMetrics(
        evalRows.map(targetOf),
        predicted.map((r) => r[0] ?? 0),
      );
    }
    curves = curvesOf(evalRows.map(targetOf), predicted);
    weightRows = [];
    given = f.importance;
  } else if (config.algorithm === 'linear' || config.algorithm === 'ridge') {
    const f = fitLinear(xTrain, train.map(targetOf), config.algorithm === 'ridge' ? config.lambda : 0);
    fitted = { algorithm: config.algorithm, ...f };
    const predicted = xEval.map((xi) => xi.reduce((s, v, j) => s + v * (f.weights[j] ?? 0), f.intercept));
    metrics = regressionMetrics(evalRows.map(targetOf), predicted);
    curves = curvesOf(
      evalRows.map(targetOf),
      predicted.map((v) => [v]),
    );
    weightRows = [f.weights];
  } else if (config.algorithm === 'logistic') {
    const f = fitLogistic(xTrain, train.map(targetOf), classes.length, config.lambda);
    fitted = { algorithm: 'logistic', classes, ...f };
    const probs = xEval.map((xi) =>
      softmax(f.weights.map((w, k) => xi.reduce((s, v, j) => s + v * (w[j] ?? 0), f.intercepts[k] ?? 0))),
    );
    const c = classificationMetrics(evalRows.map(targetOf), probs, classes.length);
    metrics = c.metrics;
    confusion = { classes, counts: c.confusion };
    curves = curvesOf(evalRows.map(targetOf), probs);
    weightRows = f.weights;
  } else {
    const f = fitKmeans(xTrain, config.k, config.seed);
    fitted = { algorithm: 'kmeans', centroids: f.centroids };
    metrics = clusteringMetrics(xTrain, f.centroids);
    const sizes = f.centroids.map(() => 0);
    for (const xi of xTrain) {
      const c = nearest(f.centroids, xi).cluster;
      sizes[c] = (sizes[c] ?? 0) + 1;
    }
    weightRows = spreadOfCentroids(f.centroids, sizes);
  }
  const importance = (given ?? importanceOf(weightRows, xTrain, config.algorithm === 'kmeans')).map((v, j) => ({
    feature: featureName(features[j] ?? { kind: 'category', column: '?', value: '?' }),
    importance: v,
  }));
  return {
    format: 'duto.model',
    version: modelVersionOf(fitted),
    fingerprint: fingerprintOf(config, rows),
    task: config.task,
    target: supervised ? config.target : '',
    signature,
    features,
    fitted,
    metrics,
    ...(confusion === undefined ? {} : { confusion }),
    importance,
    training: {
      inputRows: data.inputRows,
      trainRows: train.length,
      testRows: evalRows === train ? 0 : test.length,
      sampled: data.sampled,
    },
    ...(curves === undefined ? {} : { curves }),
  };
}

function isNumberText(v: ExternalValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
}

function split(
  config: MlTrainConfig,
  rows: readonly SampledRow[],
  classOf: ((r: SampledRow) => string) | undefined,
): { train: SampledRow[]; test: SampledRow[] } {
  if (config.testFraction === 0 || config.task === 'clustering') return { train: [...rows], test: [] };
  const ranked = rows.map((r) => ({ r, h: unitHash(rowKey(r.values), config.seed + 1) }));
  if (classOf === undefined) {
    return {
      train: ranked.filter((x) => x.h >= config.testFraction).map((x) => x.r),
      test: ranked.filter((x) => x.h < config.testFraction).map((x) => x.r),
    };
  }
  // Stratified: in each class, the share `testFraction` of lowest split hash is held out.
  const byClass = new Map<string, Array<{ r: SampledRow; h: number }>>();
  for (const x of ranked) {
    const c = classOf(x.r);
    const list = byClass.get(c) ?? [];
    list.push(x);
    byClass.set(c, list);
  }
  const held = new Set<SampledRow>();
  for (const list of byClass.values()) {
    list.sort((a, b) => a.h - b.h || a.r.hash - b.r.hash);
    for (const x of list.slice(0, Math.round(list.length * config.testFraction))) held.add(x.r);
  }
  return { train: rows.filter((r) => !held.has(r)), test: rows.filter((r) => held.has(r)) };
}

/** |weight| × the feature's spread (summed over classes), as shares of 1. */
function importanceOf(
  weightRows: readonly (readonly number[])[],
  x: readonly (readonly number[])[],
  spreadGiven: boolean,
): number[] {
  const p = x[0]?.length ?? 0;
  const raw = Array.from({ length: p }, (_, j) => {
    let sd = 1;
    if (!spreadGiven) {
      const mean = x.reduce((a, xi) => a + (xi[j] ?? 0), 0) / x.length;
      sd = Math.sqrt(x.reduce((a, xi) => a + ((xi[j] ?? 0) - mean) ** 2, 0) / x.length);
    }
    return weightRows.reduce((a, w) => a + Math.abs(w[j] ?? 0), 0) * sd;
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => (total === 0 ? 0 : v / total));
}

/** k-means: per feature, the size-weighted variance of the centroids (how much the clusters differ on it). */
function spreadOfCentroids(centroids: readonly (readonly number[])[], sizes: readonly number[]): number[][] {
  const n = sizes.reduce((a, b) => a + b, 0);
  const p = centroids[0]?.length ?? 0;
  return [
    Array.from({ length: p }, (_, j) => {
      const mean = centroids.reduce((a, c, k) => a + (c[j] ?? 0) * (sizes[k] ?? 0), 0) / Math.max(n, 1);
      return centroids.reduce((a, c, k) => a + (sizes[k] ?? 0) * ((c[j] ?? 0) - mean) ** 2, 0) / Math.max(n, 1);
    }),
  ];
}

function fingerprintOf(config: MlTrainConfig, rows: readonly SampledRow[]): string {
  const h = createHash('sha256');
  // Every setting but where the file goes: the same model trained into another file has the same fingerprint.
  h.update(JSON.stringify({ ...config, file: '' }));
  for (const r of rows) h.update(rowKey(r.values) + '\n');
  return h.digest('hex').slice(0, 16);
}
