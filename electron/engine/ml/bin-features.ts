/**
 * Features cut into at most MAX_BINS ordered bins, one byte per value, so a
 * node's split search is a pass over its rows into a small histogram per
 * feature instead of a scan of sorted rows. A feature with few distinct
 * values gets one bin each (splits as exact as the forest's); a feature
 * with more gets bins of about equal row counts. Bin b holds the values
 * in (cut[b − 1], cut[b]]: a split after bin b is `x <= cut[b]`, the test
 * the SQL applies — so the binned rows and the SQL's rows go the same way.
 * Any threshold between a bin's highest training value and a later bin's
 * lowest separates the same training rows (the forest puts it between the
 * node's own neighbouring values, as exact CART does).
 */

export const MAX_BINS = 256;

export interface Binned {
  /** bins[i * p + j]: row i's bin of feature j (row-major: a row's bins share a cache line when a histogram is built). */
  bins: Uint8Array;
  /** Per feature, the thresholds between its bins (bins − 1 of them), increasing. */
  cuts: Float64Array[];
  /** Per feature and bin, its lowest and highest training value. */
  lows: Float64Array[];
  highs: Float64Array[];
}

/** `x`: n rows × p features, column-major. */
export function binFeatures(x: Float64Array, n: number, p: number): Binned {
  const bins = new Uint8Array(n * p);
  const cuts: Float64Array[] = [];
  const lows: Float64Array[] = [];
  const highs: Float64Array[] = [];
  for (let j = 0; j < p; j++) {
    const col = x.subarray(j * n, (j + 1) * n);
    const sorted = Float64Array.from(col).sort();
    const distinct: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = sorted[i] ?? 0;
      if (distinct.length > 0 && distinct[distinct.length - 1] === v)
        counts[counts.length - 1] = (counts.at(-1) ?? 0) + 1;
      else {
        distinct.push(v);
        counts.push(1);
      }
    }
    const cut = cutsOf(distinct, counts, n);
    cuts.push(cut);
    for (let i = 0; i < n; i++) bins[i * p + j] = binOf(cut, col[i] ?? 0);
    // Every bin holds a distinct value (cuts lie between them); walking them in order, a bin's first is its lowest.
    const low = new Float64Array(cut.length + 1).fill(NaN);
    const high = new Float64Array(cut.length + 1);
    for (const v of distinct) {
      const b = binOf(cut, v);
      if (Number.isNaN(low[b] ?? 0)) low[b] = v;
      high[b] = v;
    }
    lows.push(low);
    highs.push(high);
  }
  return { bins, cuts, lows, highs };
}

/** Cut points between distinct values: all of them when few, else where the running count passes each quantile. */
function cutsOf(distinct: readonly number[], counts: readonly number[], n: number): Float64Array {
  const out: number[] = [];
  if (distinct.length <= MAX_BINS) {
    for (let k = 0; k + 1 < distinct.length; k++) out.push(between(distinct[k] ?? 0, distinct[k + 1] ?? 0));
    return Float64Array.from(out);
  }
  let seen = 0;
  let next = 1;
  for (let k = 0; k + 1 < distinct.length && out.length < MAX_BINS - 1; k++) {
    seen += counts[k] ?? 0;
    if (seen >= (next * n) / MAX_BINS) {
      out.push(between(distinct[k] ?? 0, distinct[k + 1] ?? 0));
      while (seen >= (next * n) / MAX_BINS) next++;
    }
  }
  return Float64Array.from(out);
}

/** The first bin whose cut the value does not pass (binary search). */
function binOf(cut: Float64Array, v: number): number {
  let lo = 0;
  let hi = cut.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= (cut[mid] ?? 0)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The shortest decimal strictly between a < b (their midpoint when none is shorter). */
export function between(a: number, b: number): number {
  const mid = a + (b - a) / 2;
  for (let digits = 1; digits <= 17; digits++) {
    const t = Number(mid.toPrecision(digits));
    if (a < t && t < b) return t;
  }
  return mid > a && mid < b ? mid : a;
}
