import type { ModelCurves } from './model-file';

/**
 * The two small curves the model card draws, kept in the model file: the
 * test-set ROC curve of a binary classifier and a sample of a regression's
 * (actual, predicted) pairs. Bounded (ROC_MAX_POINTS, FIT_MAX_POINTS) and
 * rounded so the file stays small and byte-for-byte the same for the same rows.
 */

export const ROC_MAX_POINTS = 101;
export const FIT_MAX_POINTS = 200;

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

/** ROC points (FPR, TPR) from (0,0) to (1,1), one per distinct score, thinned evenly to at most ROC_MAX_POINTS. */
export function rocCurve(positive: readonly boolean[], score: readonly number[]): NonNullable<ModelCurves['roc']> {
  const order = score.map((s, i) => ({ s, p: positive[i] === true })).sort((a, b) => b.s - a.s);
  const pos = order.filter((o) => o.p).length;
  const neg = order.length - pos;
  const points: Array<[number, number]> = [[0, 0]];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    // Tied scores move together: one threshold, one point.
    while (j < order.length && order[j]?.s === order[i]?.s) {
      if (order[j]?.p === true) tp++;
      else fp++;
      j++;
    }
    points.push([neg === 0 ? 1 : fp / neg, pos === 0 ? 1 : tp / pos]);
    i = j;
  }
  const last = points[points.length - 1];
  if (last === undefined || last[0] !== 1 || last[1] !== 1) points.push([1, 1]);
  const kept = thin(points, ROC_MAX_POINTS);
  return { fpr: kept.map((p) => round(p[0])), tpr: kept.map((p) => round(p[1])) };
}

/** Up to FIT_MAX_POINTS (actual, predicted) pairs, evenly spaced over the test rows (which come in seeded-hash order). */
export function fitPoints(actual: readonly number[], predicted: readonly number[]): NonNullable<ModelCurves['fit']> {
  const pairs = thin(
    actual.map((a, i): [number, number] => [a, predicted[i] ?? 0]),
    FIT_MAX_POINTS,
  );
  return { actual: pairs.map((p) => round(p[0])), predicted: pairs.map((p) => round(p[1])) };
}

/** The trapezoid area under a curve given by its points. */
export function areaUnder(x: readonly number[], y: readonly number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] ?? 0) - (x[i - 1] ?? 0)) * (((y[i] ?? 0) + (y[i - 1] ?? 0)) / 2);
  return area;
}

/** At most `max` items, evenly spaced, first and last kept. */
function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  for (let k = 0; k < max; k++) {
    const item = items[Math.round((k * (items.length - 1)) / (max - 1))];
    if (item !== undefined) out.push(item);
  }
  return out;
}
