import type { Metric } from './model-file';
import { dist2, nearest } from './fit-kmeans';

/** Evaluation figures, with scikit-learn's definitions (macro averages for multiclass). */

export function regressionMetrics(actual: readonly number[], predicted: readonly number[]): Metric[] {
  const n = actual.length;
  const mean = actual.reduce((a, b) => a + b, 0) / n;
  let se = 0;
  let ae = 0;
  let tot = 0;
  actual.forEach((y, i) => {
    const e = y - (predicted[i] ?? 0);
    se += e * e;
    ae += Math.abs(e);
    tot += (y - mean) ** 2;
  });
  return [
    { metric: 'rmse', value: Math.sqrt(se / n) },
    { metric: 'mae', value: ae / n },
    { metric: 'r2', value: tot === 0 ? 0 : 1 - se / tot },
  ];
}

/** `probs[i][k]`: the probability of class k for row i; `actual[i]` a class index. */
export function classificationMetrics(
  actual: readonly number[],
  probs: readonly (readonly number[])[],
  classes: number,
): { metrics: Metric[]; confusion: number[][] } {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let logLoss = 0;
  actual.forEach((y, i) => {
    const pr = probs[i] ?? [];
    const predicted = argmax(pr);
    const r = confusion[y] ?? [];
    r[predicted] = (r[predicted] ?? 0) + 1;
    logLoss -= Math.log(Math.min(Math.max(pr[y] ?? 0, 1e-15), 1 - 1e-15));
  });
  const n = actual.length;
  const correct = confusion.reduce((a, r, k) => a + (r[k] ?? 0), 0);
  const per = Array.from({ length: classes }, (_, k) => {
    const tp = confusion[k]?.[k] ?? 0;
    const predictedK = confusion.reduce((a, r) => a + (r[k] ?? 0), 0);
    const actualK = (confusion[k] ?? []).reduce((a, b) => a + b, 0);
    const precision = predictedK === 0 ? 0 : tp / predictedK;
    const recall = actualK === 0 ? 0 : tp / actualK;
    return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
  });
  const binary = classes === 2;
  const avg = (f: (m: { precision: number; recall: number; f1: number }) => number): number =>
    binary ? f(per[1] ?? { precision: 0, recall: 0, f1: 0 }) : per.reduce((a, m) => a + f(m), 0) / classes;
  const aucs = (binary ? [1] : Array.from({ length: classes }, (_, k) => k)).map((k) =>
    rocAuc(
      actual.map((y) => y === k),
      probs.map((pr) => pr[k] ?? 0),
    ),
  );
  return {
    metrics: [
      { metric: 'accuracy', value: correct / n },
      { metric: 'precision', value: avg((m) => m.precision) },
      { metric: 'recall', value: avg((m) => m.recall) },
      { metric: 'f1', value: avg((m) => m.f1) },
      { metric: 'roc_auc', value: aucs.reduce((a, b) => a + b, 0) / aucs.length },
      { metric: 'log_loss', value: logLoss / n },
    ],
    confusion,
  };
}

/** Area under the ROC curve by ranks (ties share their average rank). */
export function rocAuc(positive: readonly boolean[], score: readonly number[]): number {
  const order = score.map((s, i) => ({ s, p: positive[i] === true })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]?.s === order[i]?.s) j++;
    const rank = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) {
      if (order[t]?.p === true) {
        rankSum += rank;
        pos++;
      }
    }
    i = j;
  }
  const neg = order.length - pos;
  return pos === 0 || neg === 0 ? 0.5 : (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function argmax(v: readonly number[]): number {
  let best = 0;
  v.forEach((x, i) => {
    if (x > (v[best] ?? -Infinity)) best = i;
  });
  return best;
}

/** Inertia over every row; silhouette over at most `cap` rows (the first ones: rows arrive in seeded-hash order). */
export function clusteringMetrics(
  x: readonly (readonly number[])[],
  centroids: readonly (readonly number[])[],
  cap = 2000,
): Metric[] {
  const assign = x.map((xi) => nearest(centroids, xi));
  const inertia = assign.reduce((a, r) => a + r.distance, 0);
  const m = Math.min(x.length, cap);
  let silhouette = 0;
  for (let i = 0; i < m; i++) {
    const sums = centroids.map(() => 0);
    const counts = centroids.map(() => 0);
    const xi = x[i] ?? [];
    for (let j = 0; j < m; j++) {
      if (j === i) continue;
      const c = assign[j]?.cluster ?? 0;
      sums[c] = (sums[c] ?? 0) + Math.sqrt(dist2(xi, x[j] ?? []));
      counts[c] = (counts[c] ?? 0) + 1;
    }
    const own = assign[i]?.cluster ?? 0;
    if ((counts[own] ?? 0) === 0) continue;
    const a = (sums[own] ?? 0) / (counts[own] ?? 1);
    let b = Infinity;
    sums.forEach((s, c) => {
      if (c !== own && (counts[c] ?? 0) > 0) b = Math.min(b, s / (counts[c] ?? 1));
    });
    if (Number.isFinite(b)) silhouette += (b - a) / Math.max(a, b);
  }
  return [
    { metric: 'inertia', value: inertia },
    { metric: 'silhouette', value: m === 0 ? 0 : silhouette / m },
  ];
}
