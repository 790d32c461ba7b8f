/** The q-quantile (0..1) of some numbers, by nearest rank. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export const median = (xs: readonly number[]): number => quantile(xs, 0.5);

export function ms(x: number): string {
  return `${x < 100 ? x.toFixed(1) : Math.round(x).toString()} ms`;
}

/** A figure against its target: `12.3 ms   (target ≤ 16.0 ms) ok`. */
export function against(value: number, target: number): string {
  return `${ms(value).padStart(9)}   (target ≤ ${ms(target)}) ${value <= target ? 'ok' : 'MISSED'}`;
}
