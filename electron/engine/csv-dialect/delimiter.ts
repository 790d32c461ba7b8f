import { knownKind } from './cell-kind';
import { tokenize, type CsvRecord, type Quoting } from './tokenize';

/** Delimiters tried, most common first; ':' and ' ' only win clearly (times and prose are full of them). */
export const DELIMITERS = [',', ';', '\t', '|', ':', ' ', '~', '^', ', ', '; '] as const;
const CAUTIOUS: ReadonlySet<string> = new Set([':', ' ', '~', '^']);

/** Colons that are parts of times (12:30) or addresses (https://), not separators. */
function colonsAreData(text: string): boolean {
  const all = text.split(':').length - 1;
  const inData = (text.match(/\d:\d\d|:\/\//g) ?? []).length;
  return inData * 2 > all;
}
const QUOTES = ['"', "'"] as const;
/** Records looked at when scoring a candidate. */
const SCORED_RECORDS = 300;

export interface ScoredQuoting extends Quoting {
  score: number;
  records: CsvRecord[];
}

/**
 * CleverCSV's pattern score: rows of the same width count, more so when
 * wide, and many distinct widths are penalised.
 */
function patternScore(records: readonly CsvRecord[]): number {
  const rows = records.filter((r) => !r.blank);
  if (rows.length === 0) return 0;
  const byWidth = new Map<number, number>();
  for (const r of rows) byWidth.set(r.fields.length, (byWidth.get(r.fields.length) ?? 0) + 1);
  let sum = 0;
  for (const [width, count] of byWidth) sum += (count * Math.max(width - 1, 0.1 / rows.length)) / width;
  return sum / byWidth.size / rows.length;
}

/** The share of cells that look like a known type: a wrong dialect leaves quotes and fragments in them. */
function typeScore(records: readonly CsvRecord[]): number {
  let cells = 0;
  let known = 0;
  for (const r of records) {
    if (r.blank) continue;
    for (let i = 0; i < r.fields.length; i++) {
      cells++;
      if (r.quoted[i] === true || knownKind(r.fields[i] ?? '')) known++;
    }
  }
  return cells === 0 ? 0 : known / cells;
}

/** Backslash escapes: a backslash before a quote inside quoted fields, and no doubled quotes. */
export function escapeFor(text: string, quote: string): string {
  if (quote === '') return '';
  const backslashed = text.split(`\\${quote}`).length - 1;
  const doubled = text.split(`${quote}${quote}`).length - 1;
  return backslashed > 1 && backslashed > doubled ? '\\' : quote;
}

/** The share of rows as wide as the most common width, and that width. */
function consistency(records: readonly CsvRecord[]): { width: number; share: number } {
  const rows = records.filter((r) => !r.blank);
  const byWidth = new Map<number, number>();
  for (const r of rows) byWidth.set(r.fields.length, (byWidth.get(r.fields.length) ?? 0) + 1);
  let width = 1;
  let count = 0;
  for (const [w, c] of byWidth) if (c > count) [width, count] = [w, c];
  return { width, share: rows.length === 0 ? 0 : count / rows.length };
}

function score(text: string, q: Quoting): ScoredQuoting {
  const records = tokenize(text, q, SCORED_RECORDS);
  // A delimiter that does not make most rows one width is no delimiter: a one-column file stays one column.
  const c = consistency(records);
  if (c.width <= 1 || c.share < (CAUTIOUS.has(q.delimiter) ? 0.8 : 0.5)) return { ...q, score: 0, records };
  const unclosed = records.some((r) => r.unclosed) ? 0.5 : 1;
  const caution = CAUTIOUS.has(q.delimiter) ? 0.8 : 1;
  return { ...q, score: patternScore(records) * Math.max(typeScore(records), 0.01) * unclosed * caution, records };
}

/** The delimiter, quote and escape that make the sample the most consistent table. */
export function chooseQuoting(text: string): ScoredQuoting {
  const present = DELIMITERS.filter((d) => text.includes(d) && !(d === ':' && colonsAreData(text)));
  let best: ScoredQuoting | undefined;
  for (const delimiter of present) {
    for (const quote of QUOTES) {
      if (quote === "'" && !text.includes(`${delimiter}'`) && !text.startsWith("'")) continue;
      const s = score(text, { delimiter, quote, escape: escapeFor(text, quote) });
      if (s.score > 0 && (best === undefined || s.score > best.score + 1e-9)) best = s;
    }
  }
  // "a, b, c": when (almost) every separator is followed by a space, the space is part of it.
  if (best !== undefined && (best.delimiter === ',' || best.delimiter === ';')) {
    const all = text.split(best.delimiter).length - 1;
    const spaced = text.split(`${best.delimiter} `).length - 1;
    if (spaced >= all * 0.95) {
      const wide = score(text, { ...best, delimiter: `${best.delimiter} ` });
      if (wide.score >= best.score * 0.95) best = wide;
    }
  }
  // No delimiter at all: one column.
  return best ?? score(text, { delimiter: ',', quote: '"', escape: '"' });
}
