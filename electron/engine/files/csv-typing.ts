import type { DuckDBConnection } from '@duckdb/node-api';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Column, CsvTyping, PinnedSource } from '../../../shared/catalog/node-type';
import { ident, str } from '../../../shared/sql/quote';
import { splitHeader } from './csv-header';
import { isNumericType } from '../external/duck-types';
import { readOne, runOne } from '../walls/one-statement';

/**
 * A CSV source's column types, worked out by Duto rather than DuckDB's
 * sniffer, for two reasons:
 *
 * - DuckDB's sniffer gives up on a whole file when a few rows are broken
 *   (one stray quote is enough), so a source that sets bad rows aside needs
 *   its columns without it;
 * - typing must keep values (issue #9): text with leading zeros (`00123`, a
 *   CEP, a CPF) or more digits than a number holds exactly stays text, and
 *   so does a `+`-signed phone number. DuckDB would make them numbers.
 *
 * A sample of rows is read as text and each column gets the narrowest type
 * that every non-empty value converts to without changing.
 */

const SAMPLE_ROWS = 20_000;
/**
 * Columns per typing query. DuckDB plans a query of thousands of aggregates in time that grows with the square of
 * their number (measured: 500 columns in one query over 2 minutes, by tens 2.3 s): wide files are typed in batches.
 */
const BATCH_COLUMNS = 10;
let samples = 0;
const MAX_START_BYTES = 1 << 20;

function readStart(path: string, encoding: CsvTyping['encoding']): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(MAX_START_BYTES);
    const n = readSync(fd, buf, 0, MAX_START_BYTES, 0);
    const bytes = buf.subarray(0, n);
    if (encoding === 'latin-1') return bytes.toString('latin1');
    if (encoding === 'utf-16')
      return bytes[0] === 0xfe && bytes[1] === 0xff
        ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le')
        : bytes.toString('utf16le');
    return bytes.toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The first record's fields (the header, or the first row): names, or how many columns there are. */
function firstRecord(t: CsvTyping): string[] | undefined {
  const text = readStart(t.file, t.encoding);
  if (text === undefined) return undefined;
  return splitHeader(text.replace(/^\uFEFF/, ''), {
    delimiter: t.delimiter,
    quote: t.quote,
    escape: t.escape,
    skip: t.skip,
    comment: t.comment,
  });
}

/** Column names as DuckDB gives them: blanks and repeats get numbered. */
function columnNames(fields: readonly string[], header: boolean): string[] {
  const seen = new Set<string>();
  return fields.map((f, i) => {
    let name = header && f.trim() !== '' ? f : `column${String(i)}`;
    for (let k = 1; seen.has(name.toLowerCase()); k++) name = `${header ? f : 'column'}_${String(k)}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** The SQL for one column's value: trimmed, empty as NULL; and as a number (thousands and decimal marks taken out). */
function valueOf(name: string, t: CsvTyping): { v: string; num: string } {
  const v = `nullif(trim(${ident(name)}), '')`;
  const thousandsless = t.thousands === '' ? v : `replace(${v}, ${str(t.thousands)}, '')`;
  return { v, num: t.decimal === ',' ? `replace(${thousandsless}, ',', '.')` : thousandsless };
}

/**
 * SQL that is true for a value holding the thousands separator out of its groups of three (`7.5` where `.` groups
 * thousands): DuckDB drops the separator wherever it is and would read 75, so such a column stays text.
 */
function misgrouped(v: string, t: CsvTyping): string {
  if (t.thousands === '') return '';
  const mark = (c: string): string => (c === '.' ? '\\.' : c);
  const grouped = `^-?[0-9]{1,3}(${mark(t.thousands)}[0-9]{3})+(${mark(t.decimal)}[0-9]+)?$`;
  return ` OR (contains(${v}, ${str(t.thousands)}) AND NOT regexp_matches(${v}, ${str(grouped)}))`;
}

interface Asked {
  name: string;
  /** The column's position in the file. */
  column: number;
}

/**
 * First pass, per column asked: how many values there are, how many a number
 * would change, how many each of BIGINT, DOUBLE and BOOLEAN takes, and how
 * many are long enough to be a date (6) or a timestamp (10) at all.
 */
function firstPassSql(asked: readonly Asked[], t: CsvTyping, from: string): string {
  const parts = asked.flatMap((c, i) => {
    const { v, num } = valueOf(c.name, t);
    // A value a number would change: leading zeros, a sign, text around the digits, more than 15 digits anywhere in it
    // (more than a DOUBLE keeps) — one regex, which DuckDB runs several times faster than counting digits with regexp_replace.
    const changes = `(regexp_matches(${v}, '^[+]|^-?0[0-9]|^-?[0-9]*[.,]?[0-9]*[eE]|(?:[0-9][^0-9]*){16}')${misgrouped(v, t)})`;
    const k = String(i);
    return [
      `count(${v}) AS n${k}`,
      `count(*) FILTER (WHERE ${v} IS NOT NULL AND (${changes})) AS z${k}`,
      `count(TRY_CAST(${num} AS BIGINT)) FILTER (WHERE NOT contains(${v}, '.') AND NOT contains(${v}, ',')) AS i${k}`,
      `count(TRY_CAST(${num} AS DOUBLE)) FILTER (WHERE regexp_matches(${v}, '^[+-]?[0-9.,]+([eE][+-]?[0-9]+)?$')) AS f${k}`,
      `count(*) FILTER (WHERE lower(${v}) IN ('true', 'false')) AS b${k}`,
      `count(*) FILTER (WHERE length(${v}) >= 6) AS l${k}`,
      `count(*) FILTER (WHERE length(${v}) >= 10) AS m${k}`,
    ];
  });
  return `SELECT ${parts.join(', ')} FROM (${from})`;
}

/** Second pass, only for the columns that may still be dates or timestamps: how many values each takes. */
function secondPassSql(
  asked: ReadonlyArray<Asked & { date: boolean; ts: boolean }>,
  t: CsvTyping,
  from: string,
): string {
  const parts = asked.flatMap((c, i) => {
    const { v } = valueOf(c.name, t);
    const date = t.dateFormat === null ? `TRY_CAST(${v} AS DATE)` : `try_strptime(${v}, ${str(t.dateFormat)})`;
    // DuckDB casts '2024-01-31 10:00:00' to a DATE, dropping the time: a value with a time of day is no date.
    const dateLike =
      t.dateFormat === null ? `length(${v}) >= 6 AND NOT regexp_matches(${v}, '[0-9]:[0-9]')` : `length(${v}) >= 6`;
    const ts =
      t.timestampFormat === null ? `TRY_CAST(${v} AS TIMESTAMP)` : `try_strptime(${v}, ${str(t.timestampFormat)})`;
    const k = String(i);
    return [
      c.date ? `count(${date}) FILTER (WHERE ${dateLike}) AS d${k}` : `0 AS d${k}`,
      c.ts ? `count(${ts}) FILTER (WHERE length(${v}) >= 10) AS t${k}` : `0 AS t${k}`,
    ];
  });
  return `SELECT ${parts.join(', ')} FROM (${from})`;
}

interface FirstPass {
  n: number;
  z: number;
  i: number;
  f: number;
  b: number;
  /** Values of at least 6 and 10 characters: a date's and a timestamp's shortest. */
  l6: number;
  l10: number;
}

/** The type the first pass settles, or what the second must ask (a date needs every value ≥ 6 characters, a timestamp ≥ 10). */
function settle(s: FirstPass): string | { date: boolean; ts: boolean } {
  if (s.n === 0) return 'VARCHAR';
  if (s.b === s.n) return 'BOOLEAN';
  if (s.z === 0 && s.i === s.n) return 'BIGINT';
  if (s.z === 0 && s.f === s.n) return 'DOUBLE';
  const date = s.l6 === s.n;
  const ts = s.l10 === s.n;
  return date || ts ? { date, ts } : 'VARCHAR';
}

/** The sample every pass reads: the first rows, every field as text; bad rows neither stop nor skew it (padded or skipped). */
function sampleOf(t: CsvTyping, names: readonly string[]): string {
  const text = names.map((n) => `${str(n)}: 'VARCHAR'`).join(', ');
  return `SELECT * FROM read_csv(${str(t.file)}, ${t.dialectArgs}, auto_detect=false, columns={${text}}, strict_mode=false, null_padding=true, ignore_errors=true) LIMIT ${String(SAMPLE_ROWS)}`;
}

/** Duto's type for each asked column (a type the user gave wins), by the column's position. */
async function ownTypes(
  conn: DuckDBConnection,
  t: CsvTyping,
  names: readonly string[],
  asked: readonly Asked[],
): Promise<Map<number, string>> {
  const given = (name: string): string | undefined =>
    t.overrides['*'] ?? Object.entries(t.overrides).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const out = new Map<number, string>();
  const unknown = asked.filter((a) => {
    const g = given(a.name);
    if (g !== undefined) out.set(a.column, g);
    return g === undefined;
  });
  if (unknown.length === 0) return out;
  // The sample read once into a temporary table, which every batch reads.
  samples += 1;
  const table = ident(`duto_typing_sample_${String(samples)}`);
  await runOne(conn, `CREATE TEMP TABLE ${table} AS ${sampleOf(t, names)}`);
  try {
    for (let b = 0; b < unknown.length; b += BATCH_COLUMNS)
      await typeBatch(conn, t, unknown.slice(b, b + BATCH_COLUMNS), `SELECT * FROM ${table}`, out);
  } finally {
    await runOne(conn, `DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
  return out;
}

/** The types of one batch of columns, into `out`. */
async function typeBatch(
  conn: DuckDBConnection,
  t: CsvTyping,
  unknown: readonly Asked[],
  from: string,
  out: Map<number, string>,
): Promise<void> {
  const row = (await readOne(conn, firstPassSql(unknown, t, from))).getRowsJson()[0] ?? [];
  const at = (r: readonly unknown[], j: number): number => Number(r[j] ?? 0);
  const open: Array<Asked & { date: boolean; ts: boolean; n: number }> = [];
  unknown.forEach((a, i) => {
    const b = i * 7;
    const n = at(row, b);
    const s = settle({
      n,
      z: at(row, b + 1),
      i: at(row, b + 2),
      f: at(row, b + 3),
      b: at(row, b + 4),
      l6: at(row, b + 5),
      l10: at(row, b + 6),
    });
    if (typeof s === 'string') out.set(a.column, s);
    else open.push({ ...a, ...s, n });
  });
  // Casting text to dates and timestamps is the costly part: only for the columns still open (often none or one).
  if (open.length > 0) {
    const second = (await readOne(conn, secondPassSql(open, t, from))).getRowsJson()[0] ?? [];
    open.forEach((o, i) => {
      const type = at(second, i * 2) === o.n ? 'DATE' : at(second, i * 2 + 1) === o.n ? 'TIMESTAMP' : 'VARCHAR';
      out.set(o.column, type);
    });
  }
}

/** The columns of a CSV source with types that keep values; undefined when its first record cannot be read here. */
export async function typeCsvColumns(conn: DuckDBConnection, t: CsvTyping): Promise<PinnedSource | undefined> {
  const fields = firstRecord(t);
  if (fields === undefined || fields.length === 0) return undefined;
  const names = columnNames(fields, t.header);
  const types = await ownTypes(
    conn,
    t,
    names,
    names.map((name, column) => ({ name, column })),
  );
  const columns: Column[] = names.map((name, c) => ({ name, type: types.get(c) ?? 'VARCHAR' }));
  return { columns, dateFormat: t.dateFormat, timestampFormat: t.timestampFormat };
}

/**
 * Where DuckDB's sniffed types would change values that Duto's keep, those
 * columns become text (a column DuckDB reads as BIGINT holding `00123`).
 * Only the columns DuckDB made numbers are typed — the same answer as typing
 * them all and keeping the sniffed type wherever Duto's is not text, for a
 * fraction of the scan. Unchanged when the first record cannot be read here,
 * or its fields are not as many as DuckDB's columns.
 */
export async function protectSniffed(
  conn: DuckDBConnection,
  t: CsvTyping,
  sniffed: readonly Column[],
): Promise<Column[]> {
  const fields = firstRecord(t);
  if (fields === undefined || fields.length !== sniffed.length) return [...sniffed];
  const names = columnNames(fields, t.header);
  const asked = names.flatMap((name, column) => (isNumericType(sniffed[column]?.type ?? '') ? [{ name, column }] : []));
  if (asked.length === 0) return [...sniffed];
  const own = await ownTypes(conn, t, names, asked);
  return sniffed.map((c, i) => (own.get(i) === 'VARCHAR' ? { ...c, type: 'VARCHAR' } : c));
}
