import { choleskySolve } from './cholesky';

/**
 * Least squares (ridge when lambda > 0) by the normal equations:
 * (X'X + λI) β = X'y with an unpenalized intercept. Features are centered
 * by the encoding, so the intercept is the mean of y plus the one-hot
 * offsets. A tiny jitter is added only if X'X is singular (a constant or
 * duplicated feature), which keeps the fit defined.
 */
export function fitLinear(
  x: readonly (readonly number[])[],
  y: readonly number[],
  lambda: number,
): { intercept: number; weights: number[] } {
  const p = (x[0]?.length ?? 0) + 1;
  const a: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const b = new Array<number>(p).fill(0);
  const row = new Array<number>(p).fill(1);
  x.forEach((xi, n) => {
    for (let j = 1; j < p; j++) row[j] = xi[j - 1] ?? 0;
    const yi = y[n] ?? 0;
    for (let i = 0; i < p; i++) {
      const ri = row[i] ?? 0;
      const ai = a[i] ?? [];
      b[i] = (b[i] ?? 0) + ri * yi;
      for (let j = 0; j <= i; j++) ai[j] = (ai[j] ?? 0) + ri * (row[j] ?? 0);
    }
  });
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) (a[j] ?? [])[i] = a[i]?.[j] ?? 0;
  for (let i = 1; i < p; i++) (a[i] ?? [])[i] = (a[i]?.[i] ?? 0) + lambda;
  let beta = choleskySolve(a, b);
  for (let jitter = 1e-10; beta === undefined && jitter < 1; jitter *= 100) {
    const eps = jitter * Math.max(1, x.length);
    beta = choleskySolve(
      a.map((r, i) => r.map((v, j) => (i === j && i > 0 ? v + eps : v))),
      b,
    );
  }
  const solved = beta ?? new Array<number>(p).fill(0);
  return { intercept: solved[0] ?? 0, weights: solved.slice(1) };
}
