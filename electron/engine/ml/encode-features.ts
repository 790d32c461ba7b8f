import type { Column } from '../../../shared/catalog/node-type';
import type { MlTrainConfig } from '../../../shared/external/ml';
import type { ExternalValue } from '../external/types';
import type { Feature, SignatureColumn } from '../../../shared/ml/scoring-model';
import { allNull, notNumeric } from './ml-errors';
import { valueText } from './training-rows';

/**
 * Rows to numbers. Numeric columns: NULL becomes the training mean, then
 * the value is divided by `scale` (the standard deviation when the
 * algorithm standardizes, else 1). Categorical columns: one-hot, one 0/1
 * feature per category seen in training except the first (the reference,
 * so an intercept and the one-hot columns are not collinear); NULL and
 * unseen categories are all zeros. ml.score builds the same in SQL.
 */

export function numberOf(v: ExternalValue, column: string): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = Number(v);
    if (v.trim() !== '' && Number.isFinite(n)) return n;
  }
  throw notNumeric(column, JSON.stringify(valueText(v)).slice(0, 60));
}

export function signatureOf(config: MlTrainConfig, columns: readonly Column[]): SignatureColumn[] {
  const typeOf = (name: string): string =>
    columns.find((c) => c.name === name)?.type ??
    columns.find((c) => c.name.toLowerCase() === name.toLowerCase())?.type ??
    'VARCHAR';
  return [
    ...config.numeric.map((column) => ({ column, kind: 'numeric' as const, type: typeOf(column) })),
    ...config.categorical.map((column) => ({ column, kind: 'categorical' as const, type: typeOf(column) })),
  ];
}

/** Learns the features from the training rows (`values` in signature order). */
export function learnFeatures(
  signature: readonly SignatureColumn[],
  rows: ReadonlyArray<readonly ExternalValue[]>,
  standardize: boolean,
): Feature[] {
  const features: Feature[] = [];
  signature.forEach((s, j) => {
    if (s.kind === 'numeric') {
      let n = 0;
      let sum = 0;
      let sq = 0;
      for (const r of rows) {
        const x = numberOf(r[j] ?? null, s.column);
        if (x === null) continue;
        n++;
        sum += x;
        sq += x * x;
      }
      if (n === 0) throw allNull(s.column);
      const mean = sum / n;
      const sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
      features.push({ kind: 'numeric', column: s.column, mean, scale: standardize && sd > 1e-12 ? sd : 1 });
    } else {
      const seen = new Set<string>();
      for (const r of rows) {
        const v = r[j] ?? null;
        if (v !== null) seen.add(valueText(v));
      }
      if (seen.size === 0) throw allNull(s.column);
      for (const value of [...seen].sort().slice(1)) features.push({ kind: 'category', column: s.column, value });
    }
  });
  return features;
}

/** One row as the feature vector. */
export function encodeRow(
  signature: readonly SignatureColumn[],
  features: readonly Feature[],
  values: readonly ExternalValue[],
): number[] {
  const index = new Map(signature.map((s, j) => [s.column, j]));
  return features.map((f) => {
    const v = values[index.get(f.column) ?? -1] ?? null;
    if (f.kind === 'numeric') {
      const x = numberOf(v, f.column);
      return ((x ?? f.mean) - f.mean) / f.scale;
    }
    return v !== null && valueText(v) === f.value ? 1 : 0;
  });
}
