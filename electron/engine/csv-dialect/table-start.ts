import { cellKind } from './cell-kind';
import type { CsvRecord } from './tokenize';

export interface TableShape {
  /** Index (in the records) of the header or first row. */
  start: number;
  /** The table's width: the most common field count from the start. */
  width: number;
  /** Its columns as DuckDB reads them: the width, less the empty field a delimiter at the end of every row makes under a header without one. */
  columns: number;
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
 * Rows that all end with a delimiter (`1,10,a,`): their last field is empty and unquoted in nearly every
 * record of the table's width. A header often lacks it; DuckDB reads such a file by the header's width.
 */
function trailingDelimiter(records: readonly CsvRecord[], width: number): boolean {
  if (width < 2) return false;
  const full = records.filter((r) => !r.blank && !isComment(r) && r.fields.length === width);
  const trailing = full.filter((r) => r.fields[width - 1] === '' && r.quoted[width - 1] !== true).length;
  return full.length >= 2 && trailing * 10 >= full.length * 9;
}

/**
 * Where the table starts: the first record of its width that the next
 * records agree with and that is not a title padded with delimiters
 * (an Excel export writes "Report,,,,"). Before it: titles, notes, blank lines.
 * Under rows that end with a delimiter, a header one field narrower starts it too.
 */
function tableStart(records: readonly CsvRecord[], width: number, trailing: boolean): number {
  const limit = Math.min(records.length, 60);
  for (let i = 0; i < limit; i++) {
    const r = records[i];
    if (r === undefined || r.blank || isComment(r)) continue;
    if (r.fields.length !== width && !(trailing && r.fields.length === width - 1)) continue;
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

const YEAR = /^(?:19|20)\d\d$/;

/**
 * A table pivoted by year (`country,2019,2020`, or `2019,2020,2021` alone): the first row's numbers are
 * years in order, its other cells text, and the rows below hold other numbers under them.
 */
function yearHeader(names: readonly string[], body: readonly CsvRecord[]): boolean {
  const years = names.flatMap((n, i) => (YEAR.test(n) ? [i] : []));
  if (years.length < 2) return false;
  if (names.some((n, i) => !years.includes(i) && (n === '' || cellKind(n) !== 'text'))) return false;
  const steps = years.slice(1).map((c, k) => Number(names[c]) - Number(names[years[k] ?? c]));
  if (!(steps.every((d) => d > 0) || steps.every((d) => d < 0))) return false;
  return body.some((r) =>
    years.some((c) => !YEAR.test((r.fields[c] ?? '').trim()) && cellKind(r.fields[c] ?? '') === 'number'),
  );
}

/** A header row: text names over typed columns, or unique text names never repeated below. */
function looksLikeHeader(first: CsvRecord, body: readonly CsvRecord[]): boolean {
  const names = first.fields.map((f) => f.trim());
  const filled = names.filter((n) => n !== '');
  if (filled.length === 0) return false;
  // Year columns (2019, 2020) are numbers in a header: text over numbers below still says header.
  if (body.length > 0 && (typedBelowText(names, body) || yearHeader(names, body))) return true;
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
  const trailing = trailingDelimiter(records, width);
  const start = tableStart(records, width, trailing);
  const body = records
    .slice(start + 1)
    .filter((r) => !r.blank && !isComment(r))
    .slice(0, 50);
  const first = records[start];
  const header = first === undefined ? true : looksLikeHeader(first, body);
  const comment = records.slice(start + 1).some((r) => isComment(r)) ? '#' : '';
  // A header that ends with a delimiter too names the empty last field (DuckDB's column<N>): it stays a column.
  const columns = trailing && first?.fields.length === width - 1 ? width - 1 : width;
  return { start, width, columns, header, comment };
}
