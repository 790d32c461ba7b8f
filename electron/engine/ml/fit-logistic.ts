import { choleskySolve } from './cholesky';

/**
 * Multinomial logistic regression (binary is K = 2) by Newton's method on
 * the L2-penalized log loss, with step halving so the loss never rises.
 * The Hessian is (features + 1) × classes square: small enough to solve
 * directly, and Newton converges in a few passes over the rows. `lambda`
 * is the penalty on weights (as scikit-learn's 1/C, on standardized
 * features); intercepts get a tiny one so the softmax's redundant
 * direction stays fixed.
 */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly number[],
  classes: number,
  lambda: number,
): { intercepts: number[]; weights: number[][] } {
  const p = (x[0]?.length ?? 0) + 1;
  const d = p * classes;
  let w = new Array<number>(d).fill(0);
  const penalty = (i: number): number => (i % p === 0 ? 1e-6 : Math.max(lambda, 1e-8));
  const lossOf = (v: readonly number[]): number => {
    let loss = 0;
    x.forEach((xi, n) => {
      const pr = probs(v, xi, p, classes);
      loss -= Math.log(Math.max(pr[y[n] ?? 0] ?? 0, 1e-300));
    });
    for (let i = 0; i < d; i++) loss += 0.5 * penalty(i) * (v[i] ?? 0) ** 2;
    return loss;
  };
  let loss = lossOf(w);
  for (let iter = 0; iter < 100; iter++) {
    const g = new Array<number>(d).fill(0);
    const h: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    const row = new Array<number>(p).fill(1);
    x.forEach((xi, n) => {
      for (let j = 1; j < p; j++) row[j] = xi[j - 1] ?? 0;
      const pr = probs(w, xi, p, classes);
      for (let k = 0; k < classes; k++) {
        const pk = pr[k] ?? 0;
        const r = pk - (y[n] === k ? 1 : 0);
        for (let i = 0; i < p; i++) g[k * p + i] = (g[k * p + i] ?? 0) + r * (row[i] ?? 0);
        for (let l = 0; l <= k; l++) {
          const c = pk * ((k === l ? 1 : 0) - (pr[l] ?? 0));
          if (c === 0) continue;
          for (let i = 0; i < p; i++) {
            const hr = h[k * p + i] ?? [];
            const ci = c * (row[i] ?? 0);
            for (let j = 0; j < p; j++) hr[l * p + j] = (hr[l * p + j] ?? 0) + ci * (row[j] ?? 0);
          }
        }
      }
    });
    for (let i = 0; i < d; i++) {
      g[i] = (g[i] ?? 0) + penalty(i) * (w[i] ?? 0);
      for (let j = 0; j < i; j++) (h[j] ?? [])[i] = h[i]?.[j] ?? 0;
      (h[i] ?? [])[i] = (h[i]?.[i] ?? 0) + penalty(i);
    }
    const step = choleskySolve(h, g);
    if (step === undefined) break;
    let t = 1;
    let next = w.map((v, i) => v - t * (step[i] ?? 0));
    let nextLoss = lossOf(next);
    while (nextLoss > loss && t > 1e-6) {
      t /= 2;
      next = w.map((v, i) => v - t * (step[i] ?? 0));
      nextLoss = lossOf(next);
    }
    if (nextLoss > loss) break;
    const done = loss - nextLoss < 1e-10 * Math.max(1, loss);
    w = next;
    loss = nextLoss;
    if (done) break;
  }
  return {
    intercepts: Array.from({ length: classes }, (_, k) => w[k * p] ?? 0),
    weights: Array.from({ length: classes }, (_, k) => w.slice(k * p + 1, (k + 1) * p)),
  };
}

/** Softmax probabilities of one row; `w` holds per class the intercept then the weights. */
function probs(w: readonly number[], xi: readonly number[], p: number, classes: number): number[] {
  const z = Array.from({ length: classes }, (_, k) => {
    let s = w[k * p] ?? 0;
    for (let j = 1; j < p; j++) s += (w[k * p + j] ?? 0) * (xi[j - 1] ?? 0);
    return s;
  });
  return softmax(z);
}

export function softmax(z: readonly number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
