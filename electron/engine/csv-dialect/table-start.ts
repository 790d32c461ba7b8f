import { cellKind } from './cell-kind';
import type { CsvRecord } from './tokenize';

export interface TableShape {
  /** Index (in the records) of the header or first row. */
  start: number;
  /** The table's width: the most common field count from the start. */
  width: number;
  header: boolean;
  /** Comment lines (starting with '#') inside the table. */
  comment: string;
}

function nonEmpty(r: CsvRecord): number {
  return r.fields.filter((f) => f.trim() !== '').length;
}

function modalWidth(records: readonly CsvRecord[]): number {
  const counts = new Map<number, number>();
  for (const r of records) if (!r.blank) counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
  let best = 1;
  let bestCount = 0;
  for (const [w, c] of counts) if (c > bestCount || (c === bestCount && w > best)) [best, bestCount] = [w, c];
  return best;
}

function isComment(r: CsvRecord): boolean {
  return (r.fields[0] ?? '').startsWith('#') && r.quoted[0] !== true;
}

/**
 * Where the table starts: the first record of its width that the next
 * records agree with and that is not a title padded with delimiters
 * (an Excel export writes "Report,,,,"). Before it: titles, notes, blank lines.
 */
function tableStart(records: readonly CsvRecord[], width: number): number {
  const limit = Math.min(records.length, 60);
  for (let i = 0; i < limit; i++) {
    const r = records[i];
    if (r === undefined || r.blank || isComment(r)) continue;
    if (r.fields.length !== width) continue;
    // A title padded to the width: one filled cell in a table whose rows fill more.
    if (width >= 3 && nonEmpty(r) <= 1) {
      const next = records.slice(i + 1, i + 6).filter((x) => !x.blank);
      if (next.some((x) => nonEmpty(x) >= 2)) continue;
    }
    const next = records.slice(i + 1, i + 6).filter((x) => !x.blank && !isComment(x));
    if (next.length === 0 || next.filter((x) => x.fields.length === width).length * 2 >= next.length) return i;
  }
  return 0;
}

/** A column whose body is all numbers or dates under a text cell: the strongest sign of a header. */
function typedBelowText(names: readonly string[], body: readonly CsvRecord[]): boolean {
  for (let c = 0; c < names.length; c++) {
    const top = cellKind(names[c] ?? '');
    if (top !== 'text' && top !== 'odd') continue;
    const below = body.map((r) => cellKind(r.fields[c] ?? '')).filter((k) => k !== 'empty');
    if (below.length > 0 && below.every((k) => k === 'number' || k === 'date')) return true;
  }
  return false;
}

/** A header row: text names over typed columns, or unique text names never repeated below. */
function looksLikeHeader(first: CsvRecord, body: readonly CsvRecord[]): boolean {
  const names = first.fields.map((f) => f.trim());
  const filled = names.filter((n) => n !== '');
  if (filled.length === 0) return false;
  // Year columns (2019, 2020) are numbers in a header: text over numbers below still says header.
  if (body.length > 0 && typedBelowText(names, body)) return true;
  if (names.some((n) => cellKind(n) === 'number' || cellKind(n) === 'date')) return false;
  if (new Set(filled).size < filled.length)
    return body.length > 0 && filled.length > 2 && new Set(filled).size >= filled.length - 1;
  if (body.length === 0) return true;
  // All text: a header's names do not repeat as values below.
  const values = new Set(body.flatMap((r) => r.fields.map((f) => f.trim())));
  return names.every((n) => !values.has(n) || n === '');
}

export function tableShape(records: readonly CsvRecord[]): TableShape {
  const width = modalWidth(records.filter((r) => !isComment(r)));
  const start = tableStart(records, width);
  const body = records
    .slice(start + 1)
    .filter((r) => !r.blank && !isComment(r))
    .slice(0, 50);
  const first = records[start];
  const header = first === undefined ? true : looksLikeHeader(first, body);
  const comment = records.slice(start + 1).some((r) => isComment(r)) ? '#' : '';
  return { start, width, header, comment };
}
