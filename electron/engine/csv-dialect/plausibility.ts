import { DELIMITERS } from './delimiter';
import type { CsvRecord } from './tokenize';

/**
 * What looks wrong with a detected dialect, in words for a warning: one
 * column although the lines are full of another delimiter, or rows whose
 * width differs from the header's.
 */
export function plausibilityWarnings(
  lines: readonly string[],
  rows: readonly CsvRecord[],
  width: number,
  delimiter: string,
  /** The table's columns: one fewer than its width when every row ends with a delimiter (table-start.ts). */
  columns = width,
): string[] {
  const warnings: string[] = [];
  const filled = lines.filter((l) => l.trim() !== '');
  if (width <= 1 && filled.length >= 2) {
    for (const d of DELIMITERS) {
      if (d === delimiter || d === ' ') continue;
      const withIt = filled.filter((l) => l.includes(d)).length;
      if (withIt * 2 >= filled.length) {
        warnings.push(
          `it reads one column, although ${String(withIt)} of ${String(filled.length)} sample lines contain ${JSON.stringify(d)}`,
        );
        break;
      }
    }
  }
  const body = rows.filter((r) => !r.blank);
  const off = body.filter((r) => r.fields.length !== width && r.fields.length !== columns).length;
  // One odd row is a bad row (set aside when read); a quarter of them is a wrong dialect.
  if (off >= 2 && off * 4 > body.length) {
    warnings.push(
      `${String(off)} of ${String(body.length)} sample rows do not have the ${String(width)} fields of the first row`,
    );
  }
  if (rows.some((r) => r.unclosed)) warnings.push('a quote opened in the sample is never closed');
  return warnings;
}
