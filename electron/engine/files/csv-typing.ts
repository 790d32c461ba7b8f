import type { DuckDBConnection } from '@duckdb/node-api';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Column, CsvTyping, PinnedSource } from '../../../shared/catalog/node-type';
import { ident, str } from '../../../shared/sql/quote';
import { splitHeader } from './csv-header';
import { readOne } from '../walls/one-statement';

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

/** Per column: how many values there are, and how many of them each type takes without changing them. */
function statsSql(names: readonly string[], t: CsvTyping, from: string): string {
  const parts = names.flatMap((n, i) => {
    const c = `trim(${ident(n)})`;
    const v = `nullif(${c}, '')`;
    const thousandsless = t.thousands === '' ? v : `replace(${v}, ${str(t.thousands)}, '')`;
    const num = t.decimal === ',' ? `replace(${thousandsless}, ',', '.')` : thousandsless;
    const date = t.dateFormat === null ? `TRY_CAST(${v} AS DATE)` : `try_strptime(${v}, ${str(t.dateFormat)})`;
    const ts =
      t.timestampFormat === null ? `TRY_CAST(${v} AS TIMESTAMP)` : `try_strptime(${v}, ${str(t.timestampFormat)})`;
    // A value a number would change: leading zeros, a sign, more digits than a DOUBLE keeps, text around the digits.
    const changes = `regexp_matches(${v}, '^[+]|^-?0[0-9]|^[0-9]{16,}|^-?[0-9]*[.,]?[0-9]*[eE]') OR length(regexp_replace(${v}, '[^0-9]', '', 'g')) > 15`;
    const k = String(i);
    return [
      `count(${v}) AS n${k}`,
      `count(*) FILTER (WHERE ${v} IS NOT NULL AND (${changes})) AS z${k}`,
      `count(TRY_CAST(${num} AS BIGINT)) FILTER (WHERE NOT regexp_matches(${v}, '[.,]')) AS i${k}`,
      `count(TRY_CAST(${num} AS DOUBLE)) FILTER (WHERE regexp_matches(${v}, '^[+-]?[0-9.,]+([eE][+-]?[0-9]+)?$')) AS f${k}`,
      `count(${date}) FILTER (WHERE length(${v}) >= 6) AS d${k}`,
      `count(${ts}) FILTER (WHERE length(${v}) >= 10) AS t${k}`,
      `count(*) FILTER (WHERE lower(${v}) IN ('true', 'false')) AS b${k}`,
    ];
  });
  return `SELECT ${parts.join(', ')} FROM (${from})`;
}

function pick(n: number, s: { z: number; i: number; f: number; d: number; t: number; b: number }): string {
  if (n === 0) return 'VARCHAR';
  if (s.b === n) return 'BOOLEAN';
  if (s.z === 0 && s.i === n) return 'BIGINT';
  if (s.z === 0 && s.f === n) return 'DOUBLE';
  if (s.d === n) return 'DATE';
  if (s.t === n) return 'TIMESTAMP';
  return 'VARCHAR';
}

/** The columns of a CSV source with types that keep values; undefined when its first record cannot be read here. */
export async function typeCsvColumns(conn: DuckDBConnection, t: CsvTyping): Promise<PinnedSource | undefined> {
  const fields = firstRecord(t);
  if (fields === undefined || fields.length === 0) return undefined;
  const names = columnNames(fields, t.header);
  const text = names.map((n) => `${str(n)}: 'VARCHAR'`).join(', ');
  // Bad rows neither stop nor skew the sample: they are padded or skipped here.
  const from = `SELECT * FROM read_csv(${str(t.file)}, ${t.dialectArgs}, auto_detect=false, columns={${text}}, strict_mode=false, null_padding=true, ignore_errors=true) LIMIT ${String(SAMPLE_ROWS)}`;
  const row = (await readOne(conn, statsSql(names, t, from))).getRowsJson()[0] ?? [];
  const at = (j: number): number => Number(row[j] ?? 0);
  const given = (name: string): string | undefined =>
    t.overrides['*'] ?? Object.entries(t.overrides).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const columns: Column[] = names.map((name, i) => {
    const b = i * 7;
    return {
      name,
      type:
        given(name) ??
        pick(at(b), { z: at(b + 1), i: at(b + 2), f: at(b + 3), d: at(b + 4), t: at(b + 5), b: at(b + 6) }),
    };
  });
  return { columns, dateFormat: t.dateFormat, timestampFormat: t.timestampFormat };
}

/**
 * Where DuckDB's sniffed types would change values that Duto's keep: those
 * columns become text (a column DuckDB reads as BIGINT holding `00123`).
 */
export function protectValues(sniffed: readonly Column[], own: PinnedSource | undefined): Column[] {
  if (own === undefined || own.columns.length !== sniffed.length) return [...sniffed];
  return sniffed.map((c, i) =>
    own.columns[i]?.type === 'VARCHAR' && /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|DOUBLE|FLOAT|DECIMAL.*)$/i.test(c.type)
      ? { ...c, type: 'VARCHAR' }
      : c,
  );
}
