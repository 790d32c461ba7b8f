import type { ExternalValue } from '../../external/types';
import { EXCEL_COLUMN_TYPES, type ExcelColumnType } from '../../../../shared/external/excel';
import { isCellError, serialToDate, type CellContent, type SheetValue } from './cell-values';

/**
 * Column types of a sheet: inferred from the first rows, overridable per
 * column. A value that does not fit its column is reported, never rounded
 * or dropped.
 */

export type { ExcelColumnType };

export function isExcelColumnType(t: string): t is ExcelColumnType {
  return EXCEL_COLUMN_TYPES.some((x) => x === t);
}

/**
 * Tallies the kinds of values seen in a column, then names the narrowest
 * type holding them all. An empty string (a formula's `""`, Excel's way of
 * leaving a cell blank) and an error value say nothing about the type.
 */
export class TypeTally {
  private integers = false;
  private fractions = false;
  private booleans = false;
  private dates = false;
  private texts = false;

  add(v: CellContent | null): void {
    if (v === null || v === '' || isCellError(v)) return;
    if (typeof v === 'number') {
      if (Number.isSafeInteger(v)) this.integers = true;
      else this.fractions = true;
    } else if (typeof v === 'boolean') this.booleans = true;
    else if (v instanceof Date) this.dates = true;
    else this.texts = true;
  }

  /** Numbers only: BIGINT when all are whole, else DOUBLE; dates only: TIMESTAMP; any mix, text or nothing: VARCHAR. */
  type(): ExcelColumnType {
    const numbers = this.integers || this.fractions;
    const kinds = [numbers, this.booleans, this.dates, this.texts].filter(Boolean).length;
    if (kinds !== 1) return 'VARCHAR';
    if (numbers) return this.fractions ? 'DOUBLE' : 'BIGINT';
    if (this.booleans) return 'BOOLEAN';
    return this.dates ? 'TIMESTAMP' : 'VARCHAR';
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * The value as its column's type, or `undefined` when it does not fit
 * (1.5 in a BIGINT column, "n/a" in a DOUBLE one): the caller says where.
 * Text keeps an empty string; a column of another type reads it as NULL,
 * as Excel's own arithmetic skips it.
 */
export function toColumnType(
  v: SheetValue | null,
  type: ExcelColumnType,
  date1904: boolean,
): ExternalValue | undefined {
  if (v === null) return null;
  if (v === '' && type !== 'VARCHAR') return null;
  switch (type) {
    case 'VARCHAR':
      return typeof v === 'string' ? v : v instanceof Date ? dateText(v) : String(v);
    case 'DOUBLE':
      if (typeof v === 'number') return v;
      return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
    case 'BIGINT':
      if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : undefined;
      return typeof v === 'string' ? bigintText(v) : undefined;
    case 'BOOLEAN':
      if (typeof v === 'boolean') return v;
      if (v === 1 || v === 0) return v === 1;
      if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
      return undefined;
    case 'TIMESTAMP':
      return toDate(v, date1904);
    case 'DATE': {
      const d = toDate(v, date1904);
      return d === undefined ? undefined : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    }
  }
}

/** Dates are held as the wall-clock time Excel shows, in UTC; a number is a serial day. */
function toDate(v: SheetValue, date1904: boolean): Date | undefined {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return serialToDate(v, date1904);
  if (typeof v !== 'string') return undefined;
  const m = ISO_DATE_TIME.exec(v.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m;
  const date = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0'))),
  );
  // Date.UTC rolls 2024-02-30 over to March: such a text is not a date.
  return date.getUTCDate() === Number(d) && date.getUTCMonth() === Number(mo) - 1 ? date : undefined;
}

function bigintText(s: string): bigint | undefined {
  const t = s.trim();
  if (!/^[+-]?\d+$/.test(t)) return undefined;
  const n = BigInt(t);
  return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
}

/** `2024-03-01`, or `2024-03-01 12:30:00` when the time is not midnight (DuckDB's spelling). */
export function dateText(d: Date): string {
  const iso = d.toISOString();
  const day = iso.slice(0, 10);
  if (iso.endsWith('T00:00:00.000Z')) return day;
  const time = iso.slice(11, 23);
  return `${day} ${time.endsWith('.000') ? time.slice(0, 8) : time}`;
}
