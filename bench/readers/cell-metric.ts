/**
 * Pollock's cell measure (pollock/metrics.py, header_record_cell_measures_csv):
 * the cells of the clean table (header included) and the cells read, as
 * multisets; precision and recall are the shares of each found in the other.
 * Pollock names them the other way round; F1 is the same.
 */
export interface CellScore {
  precision: number;
  recall: number;
  f1: number;
}

function counts(cells: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of cells) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}

export function cellScore(clean: readonly string[], read: readonly string[]): CellScore {
  if (clean.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const a = counts(clean);
  let common = 0;
  for (const [cell, n] of counts(read)) common += Math.min(n, a.get(cell) ?? 0);
  if (common === 0) return { precision: 0, recall: 0, f1: 0 };
  const precision = common / read.length;
  const recall = common / clean.length;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}
