import { FOREST_DEPTH_MAX, FOREST_TREES_MAX, ML_ROW_CAP, type MlTrainConfig } from '../../external/ml';
import { defineNode } from '../node-type';
import { p } from '../params';

const SUPERVISED = { param: 'task', equals: ['regression', 'classification'] } as const;
const FOREST = { param: 'algorithm', equals: ['forest'] } as const;
const TREES = { param: 'algorithm', equals: ['forest', 'gbt'] } as const;
const BOOST = { param: 'algorithm', equals: ['gbt'] } as const;

export const mlTrain = defineNode({
  type: 'ml.train',
  version: 1,
  category: 'sink',
  label: 'Train a model',
  description:
    'Trains a regression, classifier (linear models, a random forest or gradient-boosted trees) or clustering model on the rows (e.g. predict price from area and district) and writes it, with its test metrics and feature importance, to a model file.',
  keywords: [
    'machine learning',
    'ml',
    'model',
    'train',
    'regression',
    'classification',
    'logistic',
    'k-means',
    'random forest',
    'gradient boosting',
    'xgboost',
    'decision tree',
    'cluster',
    'predict',
  ],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [],
  params: {
    path: p.path({ label: 'Model file', access: 'write', accepts: 'file', extensions: ['json'] }),
    task: p.enum({
      label: 'Task',
      values: ['regression', 'classification', 'clustering'],
      labels: { regression: 'Regression', classification: 'Classification', clustering: 'Clustering' },
      default: 'regression',
    }),
    algorithm: p.enum({
      label: 'Algorithm',
      values: ['linear', 'ridge', 'logistic', 'kmeans', 'forest', 'gbt'],
      labels: {
        linear: 'Linear regression',
        ridge: 'Ridge regression',
        logistic: 'Logistic regression',
        kmeans: 'k-means',
        forest: 'Random forest',
        gbt: 'Gradient-boosted trees',
      },
      default: 'linear',
    }),
    target: p.column({
      label: 'Target column',
      optional: true,
      showIf: SUPERVISED,
      description: 'What the model predicts.',
    }),
    numeric: p.columns({ label: 'Numeric features', description: 'NULL is replaced by the training mean.' }),
    categorical: p.columns({
      label: 'Categorical features',
      description: 'One-hot encoded: one 0/1 feature per category seen in training.',
    }),
    testFraction: p.number({
      label: 'Test share',
      default: 0.2,
      min: 0,
      max: 0.9,
      showIf: SUPERVISED,
      description: 'Rows held out for the metrics, chosen by the seed (per class for classification).',
    }),
    seed: p.number({
      label: 'Seed',
      default: 42,
      min: 0,
      integer: true,
      description: 'The same seed and data give the same model.',
    }),
    lambda: p.number({
      label: 'Penalty (λ)',
      default: 1,
      min: 0,
      advanced: true,
      description: "L2 penalty of ridge and logistic regression, and of gradient-boosted trees' leaf values.",
    }),
    k: p.number({
      label: 'Clusters',
      default: 3,
      min: 2,
      max: 100,
      integer: true,
      showIf: { param: 'task', equals: ['clustering'] },
    }),
    trees: p.number({
      label: 'Trees',
      default: 100,
      min: 1,
      max: FOREST_TREES_MAX,
      integer: true,
      showIf: TREES,
      description: 'Gradient boosting: rounds (one tree per class per round past two classes).',
    }),
    maxDepth: p.number({
      label: 'Depth at most',
      default: 0,
      min: 0,
      max: FOREST_DEPTH_MAX,
      integer: true,
      showIf: TREES,
      description: 'Levels of splits in each tree; 0: 12 for a random forest, 6 for gradient boosting.',
    }),
    minSamplesLeaf: p.number({
      label: 'Rows per leaf at least',
      default: 1,
      min: 1,
      integer: true,
      advanced: true,
      showIf: FOREST,
    }),
    maxFeatures: p.number({
      label: 'Features per split',
      default: 0,
      min: 0,
      integer: true,
      advanced: true,
      showIf: FOREST,
      description: 'Features tried at each split; 0: √(features) for classification, a third for regression.',
    }),
    learningRate: p.number({
      label: 'Learning rate',
      default: 0.1,
      min: 0.001,
      max: 1,
      showIf: BOOST,
      description: 'What each tree adds is scaled by it: lower learns slower, with more rounds, and overfits less.',
    }),
    minChildWeight: p.number({
      label: 'Weight per leaf at least',
      default: 1,
      min: 0,
      advanced: true,
      showIf: BOOST,
      description: 'Hessian sum per leaf: rows for regression, fewer for confident classes.',
    }),
    subsample: p.number({
      label: 'Rows per round',
      default: 1,
      min: 0.01,
      max: 1,
      advanced: true,
      showIf: BOOST,
      description: 'Share of the training rows each round sees, chosen by the seed.',
    }),
    rowCap: p.number({
      label: 'Rows trained at most',
      default: ML_ROW_CAP,
      min: 10,
      integer: true,
      advanced: true,
      description: 'A larger input is sampled uniformly (seeded).',
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const file = ctx.resolvePath(o.path);
    if (ctx.statPath(file) === 'dir')
      return { issues: [{ param: 'path', message: `${file} is a folder; give a file name` }] };
    if (o.task !== 'clustering' && o.target === '')
      return { issues: [{ param: 'target', message: 'pick the column to predict' }] };
    if (o.numeric.length + o.categorical.length === 0)
      return { issues: [{ param: 'numeric', message: 'pick at least one feature column' }] };
    const config: MlTrainConfig = {
      task: o.task,
      algorithm: o.algorithm,
      target: o.task === 'clustering' ? '' : o.target,
      numeric: o.numeric,
      categorical: o.categorical,
      seed: o.seed,
      testFraction: o.testFraction,
      lambda: o.lambda,
      k: o.k,
      rowCap: o.rowCap,
      trees: o.trees,
      maxDepth: o.maxDepth,
      minSamplesLeaf: o.minSamplesLeaf,
      maxFeatures: o.maxFeatures,
      learningRate: o.learningRate,
      minChildWeight: o.minChildWeight,
      subsample: o.subsample,
      file,
    };
    return {
      externalSink: { kind: 'ml', config, input: ctx.inputs.in[0].sql, param: 'path', describe: `model ${file}`, file },
    };
  },
});
