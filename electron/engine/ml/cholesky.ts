/**
 * Solves A x = b for a symmetric positive definite A (the normal equations
 * X'X β = X'y, a Newton step's Hessian) by Cholesky: A is small (features ×
 * features), so a dense factorization in TypeScript is exact and instant.
 * Returns undefined when A is not positive definite (collinear features).
 */
export function choleskySolve(a: readonly (readonly number[])[], b: readonly number[]): number[] | undefined {
  const n = b.length;
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const li = row(l, i);
    for (let j = 0; j <= i; j++) {
      const lj = row(l, j);
      let s = at(row(a, i), j);
      for (let k = 0; k < j; k++) s -= at(li, k) * at(lj, k);
      if (i === j) {
        if (!(s > 1e-12 * Math.max(1, Math.abs(at(row(a, i), i))))) return undefined;
        li[j] = Math.sqrt(s);
      } else {
        li[j] = s / at(lj, j);
      }
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = at(b, i);
    for (let k = 0; k < i; k++) s -= at(row(l, i), k) * at(y, k);
    y[i] = s / at(row(l, i), i);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = at(y, i);
    for (let k = i + 1; k < n; k++) s -= at(row(l, k), i) * at(x, k);
    x[i] = s / at(row(l, i), i);
  }
  return x;
}

function row<T>(m: readonly T[], i: number): T {
  const r = m[i];
  if (r === undefined) throw new RangeError(`row ${i} out of range`);
  return r;
}

function at(v: readonly number[], i: number): number {
  return v[i] ?? 0;
}
