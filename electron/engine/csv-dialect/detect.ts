import { statSync } from 'node:fs';
import type { CsvDialectGuess } from '../../../shared/catalog/node-type';
import { statIdentity } from '../files/file-identity';
import { dateFormats } from './date-format';
import { decodeSample } from './decode';
import { chooseQuoting } from './delimiter';
import { describeDialect } from './describe';
import { GuessCache } from './guess-cache';
import { numberFormat } from './number-format';
import { plausibilityWarnings } from './plausibility';
import { readSample } from './sample';
import { tableShape } from './table-start';
import { fromNextLine, toLastLine, tokenize, type CsvRecord } from './tokenize';

/** Values looked at for number and date formats. */
const VALUE_RECORDS = 2_000;

/** The values under the header, from the head and from the chunks further in. */
function bodyCells(rows: readonly CsvRecord[], chunkRows: readonly CsvRecord[], width: number): string[] {
  const cells: string[] = [];
  for (const r of [...rows, ...chunkRows]) {
    if (r.blank || r.fields.length !== width) continue;
    r.fields.forEach((f, i) => {
      if (r.quoted[i] !== true || /^[\d.,\s/:-]+$/.test(f)) cells.push(f);
    });
  }
  return cells;
}

/** Detects the dialect of a CSV text sample. */
export function guessFromBytes(head: Buffer, chunks: readonly Buffer[], whole: boolean): CsvDialectGuess {
  const decoded = decodeSample(head, chunks);
  const text = toLastLine(decoded.head.text, whole);
  const warnings: string[] = [];
  if (decoded.head.bigEndian)
    warnings.push('the file is big-endian UTF-16, which is read as little-endian: save it as UTF-8');
  if (text.includes('\u0000')) warnings.push('the file holds NUL characters: it may not be text');
  if (decoded.head.strayBytes > 0)
    warnings.push(
      `the file is UTF-8 but ${String(decoded.head.strayBytes)} of its first bytes are not (a line in another encoding, such as Latin-1): the lines holding them are bad rows`,
    );
  if (text.trim() === '') {
    const dialect = {
      encoding: decoded.head.encoding,
      delimiter: ',',
      quote: '"',
      escape: '"',
      header: true,
      skipRows: 0,
      decimal: '.' as const,
      thousands: '' as const,
      dateFormat: null,
      timestampFormat: null,
      comment: '',
    };
    return { ...dialect, warnings: [...warnings, 'the file is empty'], description: 'empty file' };
  }
  const q = chooseQuoting(text);
  const records = tokenize(text, q, VALUE_RECORDS);
  // A record cut by the end of the sample says nothing.
  const complete = whole ? records : records.slice(0, -1);
  const shape = tableShape(complete);
  const first = complete[shape.start];
  const line = first?.line ?? 0;
  const textLines = text.split(/\r?\n/);
  // DuckDB's skip counts the lines that are not comments (it drops those first): `# note` above the header is not one.
  const skipRows =
    shape.comment === '' ? line : textLines.slice(0, line).filter((l) => !l.startsWith(shape.comment)).length;
  const rows = complete
    .slice(shape.start + (shape.header ? 1 : 0))
    .filter((r) => !(r.fields[0] ?? '').startsWith('#') || shape.comment === '');
  const chunkRows = decoded.chunks.flatMap((c) =>
    tokenize(toLastLine(fromNextLine(c), false), q, VALUE_RECORDS).slice(0, -1),
  );
  const cells = bodyCells(rows, chunkRows, shape.width);
  const numbers = numberFormat(cells, q.delimiter);
  const dates = dateFormats(cells);
  const quote = complete.some((r) => r.quoted.some(Boolean)) || text.includes(q.quote) ? q.quote : '';
  const dialect = {
    encoding: decoded.head.encoding,
    delimiter: q.delimiter,
    quote,
    escape: quote === '' ? '' : q.escape,
    header: shape.header,
    skipRows,
    decimal: numbers.decimal,
    thousands: numbers.thousands,
    dateFormat: dates.dateFormat,
    timestampFormat: dates.timestampFormat,
    comment: shape.comment,
  };
  const lines = textLines.slice(line, line + 200);
  warnings.push(
    ...plausibilityWarnings(
      lines,
      complete.slice(shape.start, shape.start + 500),
      shape.width,
      q.delimiter,
      shape.columns,
    ),
  );
  if (dates.ambiguous) warnings.push('dates could be day/month or month/day (no value above 12): set the date format');
  return { ...dialect, warnings, description: describeDialect(dialect, shape.columns, line + 1) };
}

const cache = new GuessCache(64);

/**
 * The dialect of a CSV file, from a bounded sample (its first MiB, and a
 * chunk from the middle and the end of a bigger file). Synchronous: the
 * compiler asks for it while compiling a node. Cached per file version.
 */
export function detectCsvDialect(path: string): CsvDialectGuess | { problem: string } {
  let key: string;
  try {
    const st = statSync(path, { bigint: true });
    if (!st.isFile()) return { problem: `${path} is not a regular file` };
    key = `${path}\u0000${statIdentity(st)}`;
  } catch {
    return { problem: `file not found: ${path}` };
  }
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  try {
    const sample = readSample(path);
    const guess = guessFromBytes(sample.head, sample.chunks, sample.whole);
    cache.set(key, guess);
    return guess;
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    return { problem: `cannot read ${path} to detect its dialect${code === '' ? '' : ` (${code})`}` };
  }
}
