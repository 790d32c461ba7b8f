import type { Cell, CellValue } from 'exceljs';

/**
 * What a cell holds, reduced to a plain value: formulas give their cached
 * result, rich text and hyperlinks their text, error values (#N/A, #DIV/0!)
 * and empty strings nothing.
 */
export type SheetValue = null | number | string | boolean | Date;

/** Days from Excel's day 0 (1899-12-30) to the Unix epoch, and the 1904 system's offset. */
const EPOCH_SERIAL = 25_569;
const DATE1904_SHIFT = 1_462;
const MS_PER_DAY = 86_400_000;

/** Excel's serial day number as the wall-clock time it shows, held in UTC. */
export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - EPOCH_SERIAL + (date1904 ? DATE1904_SHIFT : 0)) * MS_PER_DAY));
}

/**
 * Whether a number format shows a date or time (the rule exceljs applies to
 * plain cells, needed again for formula results, which it leaves numeric):
 * once quoted text and [bracketed] parts are removed, it has y, m, d, h, s.
 */
export function isDateFormat(format: string | undefined): boolean {
  if (format === undefined || format === '') return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

export function cellValue(cell: Cell, date1904: boolean): SheetValue {
  return plain(cell.value, cell.numFmt, date1904);
}

function plain(v: CellValue, format: string | undefined, date1904: boolean): SheetValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if ('error' in v) return null;
  if ('richText' in v) return textOf(v.richText.map((r) => r.text).join(''));
  if ('hyperlink' in v) return textOf(v.text);
  if ('result' in v) {
    const r = v.result;
    // A formula's cached result carries no type of its own: its cell's format says whether a number is a date.
    if (typeof r === 'number' && !Number.isNaN(r) && isDateFormat(format)) return serialToDate(r, date1904);
    return r === undefined ? null : plain(r, undefined, date1904);
  }
  // A formula never calculated has no cached result.
  return null;
}

function textOf(s: string): string | null {
  return s === '' ? null : s;
}
