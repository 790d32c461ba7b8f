import { z } from 'zod';

/**
 * What an `ml.train` node asks of the engine: the contract between the
 * catalog's pure compile and the engine's trainer (electron/engine/ml/),
 * parsed back with this schema so neither side casts.
 */

export const ML_TASKS = ['regression', 'classification', 'clustering'] as const;
export const ML_ALGORITHMS = ['linear', 'ridge', 'logistic', 'kmeans', 'forest', 'gbt'] as const;

/** Random forest bounds (README "Models"): more trees or depth make SQL too large to score quickly. */
export const FOREST_TREES_MAX = 500;
export const FOREST_DEPTH_MAX = 20;
/** Depth when `maxDepth` is 0: a forest's deep trees, boosting's shallow ones (as XGBoost's default). */
export const FOREST_DEPTH_AUTO = 12;
export const BOOST_DEPTH_AUTO = 6;

/** Rows trained on at most: a seeded uniform sample of the input beyond this (README "Models"). */
export const ML_ROW_CAP = 200_000;

export const ML_TRAIN_CONFIG = z.strictObject({
  task: z.enum(ML_TASKS),
  algorithm: z.enum(ML_ALGORITHMS),
  /** Empty for clustering. */
  target: z.string(),
  numeric: z.array(z.string().min(1)),
  /** One-hot encoded: one 0/1 feature per category seen in the training rows. */
  categorical: z.array(z.string().min(1)),
  seed: z.number().int(),
  /** Share of rows held out for the metrics (0 trains and evaluates on every row). */
  testFraction: z.number().min(0).max(0.9),
  /** Ridge penalty (ridge), L2 penalty (logistic), L2 penalty on leaf values (gbt). */
  lambda: z.number().min(0),
  /** Clusters (k-means). */
  k: z.number().int().min(2).max(100),
  rowCap: z.number().int().min(10),
  /** Random forest: trees, their depth at most (0: FOREST_DEPTH_AUTO), rows (bootstrap-weighted) per leaf at least. Gradient boosting: rounds, depth (0: BOOST_DEPTH_AUTO). */
  trees: z.number().int().min(1).max(FOREST_TREES_MAX),
  maxDepth: z.number().int().min(0).max(FOREST_DEPTH_MAX),
  minSamplesLeaf: z.number().int().min(1),
  /** Features tried per split; 0: √p for classification, p/3 for regression. */
  maxFeatures: z.number().int().min(0),
  /** Gradient boosting: shrinkage of each tree, hessian sum per child at least, share of rows per round. */
  learningRate: z.number().gt(0).max(1),
  minChildWeight: z.number().min(0),
  subsample: z.number().gt(0).max(1),
  /** The model file written (absolute). */
  file: z.string().min(1),
});
export type MlTrainConfig = z.infer<typeof ML_TRAIN_CONFIG>;
