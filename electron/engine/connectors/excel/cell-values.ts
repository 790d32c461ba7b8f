import { decodeEscapes } from './xml-scanner';

/**
 * What a cell holds, read exactly from its XML: a cached formula result of
 * 0, FALSE or "" is a value like any other; `t="b"` is a boolean, formulas
 * included; a number in a date-formatted cell is a date; an error value
 * (#N/A, #DIV/0!…) is kept as an error, for the reader to report.
 */
export type SheetValue = number | string | boolean | Date;

/** An error value Excel computed, as it writes it: `#N/A`, `#DIV/0!`, `#VALUE!`, `#REF!`, `#NAME?`, `#NUM!`, `#NULL!`… */
export interface CellError {
  readonly error: string;
}

export type CellContent = SheetValue | CellError;

export function isCellError(c: CellContent | null): c is CellError {
  return typeof c === 'object' && c !== null && !(c instanceof Date);
}

/** Days from Excel's day 0 (1899-12-30) to the Unix epoch, and the 1904 system's offset. */
const EPOCH_SERIAL = 25_569;
const DATE1904_SHIFT = 1_462;
const MS_PER_DAY = 86_400_000;

/** Excel's serial day number as the wall-clock time it shows, held in UTC. */
export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - EPOCH_SERIAL + (date1904 ? DATE1904_SHIFT : 0)) * MS_PER_DAY));
}

/**
 * Whether a number format shows a date or time: once quoted text,
 * [bracketed] parts (colours, locales, elapsed-time units) and escaped or
 * padding characters are removed, it has y, m, d, h, s (or b, Buddhist years).
 */
export function isDateFormat(format: string | undefined): boolean {
  if (format === undefined || format === '') return false;
  const bare = format
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/[\\_*]./g, '');
  return /[ymdhsb]/i.test(bare.replace(/general/gi, ''));
}

/** A cell as its XML has it: the type (`t`), whether its style shows dates, the `<v>` text and the inline `<is>` text. */
export interface RawCell {
  type: string;
  dateStyle: boolean;
  value: string | undefined;
  inline: string | undefined;
}

/** `1`, `-2.5`, `1E-7`, `.5`: how writers spell numbers (Number() alone would also take `0x1F` and `Infinity`). */
const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const ISO_DATE = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3})\d*)?)?)?(?:Z|[+-]\d\d:?\d\d)?$/;

/**
 * The content of a cell; null when it has none (no cached value: a formula
 * never calculated). Shared strings are looked up by the caller (`t="s"`).
 */
export function cellContent(c: RawCell, date1904: boolean): CellContent | null {
  const v = c.value;
  switch (c.type) {
    case 'inlineStr':
      if (c.inline !== undefined) return decodeEscapes(c.inline);
      return v === undefined ? null : decodeEscapes(v);
    case 'str':
      return v === undefined ? null : decodeEscapes(v);
    case 'b':
      return v === undefined || v.trim() === '' ? null : booleanOf(v);
    case 'e':
      return v === undefined ? null : { error: v.trim() === '' ? '#ERROR' : v.trim() };
    case 'd':
      return v === undefined || v.trim() === '' ? null : (isoDate(v.trim()) ?? v);
    default: {
      if (v === undefined || v.trim() === '') return null;
      if (!NUMBER.test(v)) return v;
      const n = Number(v);
      if (!c.dateStyle) return n;
      const d = serialToDate(n, date1904);
      return Number.isNaN(d.getTime()) ? n : d;
    }
  }
}

function booleanOf(v: string): boolean | string {
  const t = v.trim().toLowerCase();
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  return v;
}

/** `t="d"` cells hold ISO 8601 text; the wall-clock time is kept, as for serial dates. */
function isoDate(text: string): Date | undefined {
  const m = ISO_DATE.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m;
  const date = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0'))),
  );
  return Number.isNaN(date.getTime()) ? undefined : date;
}
