import type { MlTrainConfig } from '../../../shared/external/ml';
import type { Feature, Fitted, SignatureColumn } from '../../../shared/ml/scoring-model';

/**
 * The model file `ml.train` writes beside the pipeline (JSON, no secrets):
 * what `ml.score` needs to turn a row into a prediction in SQL, the
 * signature it checks the input against, and the evaluation.
 */

export interface Metric {
  metric: string;
  value: number;
}

export interface ModelFile {
  format: 'duto.model';
  /** modelVersionOf(fitted): 2 for forests, 3 for gradient-boosted trees. */
  version: 1 | 2 | 3;
  /** Of the training rows and the settings: the same data and settings give the same fingerprint and the same model. */
  fingerprint: string;
  task: MlTrainConfig['task'];
  target: string;
  signature: SignatureColumn[];
  features: Feature[];
  fitted: Fitted;
  metrics: Metric[];
  /** Classification: counts[actual][predicted], in `classes` order. */
  confusion?: { classes: string[]; counts: number[][] };
  importance: Array<{ feature: string; importance: number }>;
  training: { inputRows: number; trainRows: number; testRows: number; sampled: boolean };
  /**
   * For the model card (ml-curves.ts), absent in older files and where they do
   * not apply. Optional and ignored by scoring, so `version` (what scoring
   * needs) stays: an older Duto still scores a file that has them.
   */
  curves?: ModelCurves;
}

export interface ModelCurves {
  /** Binary classification: the test-set ROC curve. */
  roc?: { fpr: number[]; tpr: number[] };
  /** Regression: a deterministic sample of the test rows' actual and predicted values. */
  fit?: { actual: number[]; predicted: number[] };
}

export function featureName(f: Feature): string {
  return f.kind === 'numeric' ? f.column : `${f.column}=${f.value}`;
}

/**
 * The model file's text: indented JSON, except a forest's (or boosted) trees, one compact
 * line per tree — indented, a 100-tree forest's numbers would take one line
 * each and triple the file.
 */
export function modelJson(model: ModelFile): string {
  if (model.fitted.algorithm !== 'forest' && model.fitted.algorithm !== 'gbt')
    return `${JSON.stringify(model, null, 2)}\n`;
  const marker = '\u0000trees';
  const text = JSON.stringify({ ...model, fitted: { ...model.fitted, trees: marker } }, null, 2);
  const trees = model.fitted.trees.map((t) => `      ${JSON.stringify(t)}`).join(',\n');
  return `${text.replace(JSON.stringify(marker), () => `[\n${trees}\n    ]`)}\n`;
}
