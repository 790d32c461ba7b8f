import type { Column } from '../../../shared/catalog/node-type';
import type { MlTrainConfig } from '../../../shared/external/ml';
import type { ExternalValue, RowBatch } from '../external/types';
import { missingColumn } from './ml-errors';
import { unitHash } from './seeded-hash';

/**
 * The rows a model trains on, gathered from the input's batches: only the
 * model's columns, and at most `rowCap` of them — a seeded uniform sample
 * chosen by hash of each row's values (bottom-k), so the sample and the
 * order of the kept rows do not depend on the order rows arrive in.
 */

export interface SampledRow {
  values: ExternalValue[];
  /** In [0, 1): the row's sampling rank; also the basis of the train/test split. */
  hash: number;
}

export interface TrainingRows {
  /** The model's columns (features, then the target when there is one), with their input types. */
  columns: Column[];
  rows: SampledRow[];
  /** Rows in the input, before sampling. */
  inputRows: number;
  sampled: boolean;
}

export function modelColumns(config: MlTrainConfig): Array<{ name: string; param: string }> {
  const features = [
    ...config.numeric.map((name) => ({ name, param: 'numeric' })),
    ...config.categorical.map((name) => ({ name, param: 'categorical' })),
  ];
  return config.task === 'clustering' ? features : [...features, { name: config.target, param: 'target' }];
}

export function findColumn(columns: readonly Column[], name: string): number {
  const exact = columns.findIndex((c) => c.name === name);
  return exact >= 0 ? exact : columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
}

export async function gatherRows(
  config: MlTrainConfig,
  columns: readonly Column[],
  batches: AsyncIterable<RowBatch>,
  signal: AbortSignal,
): Promise<TrainingRows> {
  const wanted = modelColumns(config);
  const picks = wanted.map((w) => {
    const i = findColumn(columns, w.name);
    if (i < 0) throw missingColumn(w.name, w.param);
    return i;
  });
  const picked = picks.map((i) => columns[i]).filter((c): c is Column => c !== undefined);
  let kept: SampledRow[] = [];
  let inputRows = 0;
  // Once the sample is full, a row hashing above its largest kept hash can never enter it.
  let above = Infinity;
  for await (const batch of batches) {
    signal.throwIfAborted();
    for (const row of batch) {
      inputRows++;
      const values = picks.map((i) => row[i] ?? null);
      const hash = unitHash(rowKey(values), config.seed);
      if (hash <= above) kept.push({ values, hash });
    }
    if (kept.length > 2 * config.rowCap) {
      kept = bottom(kept, config.rowCap);
      above = kept[kept.length - 1]?.hash ?? Infinity;
    }
  }
  kept = bottom(kept, config.rowCap);
  return { columns: picked, rows: kept, inputRows, sampled: inputRows > kept.length };
}

/** The `cap` rows of lowest hash, in hash order (ties — equal rows — in value order). */
function bottom(rows: SampledRow[], cap: number): SampledRow[] {
  return rows.sort((a, b) => a.hash - b.hash || compareKeys(rowKey(a.values), rowKey(b.values))).slice(0, cap);
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function rowKey(values: readonly ExternalValue[]): string {
  return values.map(valueText).join('\u0001');
}

export function valueText(v: ExternalValue): string {
  if (v === null) return '\u0000';
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  return String(v);
}
