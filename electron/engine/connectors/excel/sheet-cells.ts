import type { CellValue } from 'exceljs';
import type { DuckFamily } from '../../external/duck-types';
import type { ExternalValue } from '../../external/types';

/**
 * How a value crossing from DuckDB becomes a cell. Dates, times,
 * timestamps, decimals and huge integers arrive as DuckDB's text (exact);
 * they become real dates and numbers, so Excel sorts and sums them. What a
 * cell cannot hold exactly stays text: Excel numbers are doubles with 15
 * significant digits, its dates start in 1900, and a cell holds at most
 * 32,767 characters.
 */

export const MAX_CELL_CHARS = 32_767;

/** The number format a date or time column is shown with. */
export function formatFor(family: DuckFamily): string | undefined {
  if (family === 'date') return 'yyyy-mm-dd';
  if (family === 'time' || family === 'timetz') return 'hh:mm:ss';
  if (family === 'timestamp' || family === 'timestamptz') return 'yyyy-mm-dd hh:mm:ss';
  return undefined;
}

export type CellProblem = { tooLong: number };

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MS_PER_DAY = 86_400_000;
/** `2024-01-02`, `2024-01-02 09:30:00.123456`, `… +00` or `+05:30` (DuckDB's spelling). */
const DUCK_TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?)?(?:([+-])(\d\d)(?::?(\d\d))?)?$/;
const DUCK_TIME = /^(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:[+-]\d\d(?::?\d\d)?)?$/;

export function toCell(v: ExternalValue, family: DuckFamily): CellValue | CellProblem {
  if (v === null) return null;
  if (typeof v === 'string') {
    const typed = fromText(v, family);
    if (typed !== undefined) return typed;
    return v.length > MAX_CELL_CHARS ? { tooLong: v.length } : v;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return v >= -MAX_SAFE && v <= MAX_SAFE ? Number(v) : v.toString();
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  // Bytes: Excel has no binary cells.
  return Buffer.from(v).toString('hex');
}

export function isCellProblem(c: CellValue | CellProblem): c is CellProblem {
  return typeof c === 'object' && c !== null && 'tooLong' in c;
}

function fromText(text: string, family: DuckFamily): Date | number | undefined {
  switch (family) {
    case 'date':
    case 'timestamp':
    case 'timestamptz':
      return timestamp(text);
    case 'time':
    case 'timetz':
      return timeOfDay(text);
    case 'decimal':
    case 'hugeint':
    case 'uhugeint':
      return exactNumber(text);
    default:
      return undefined;
  }
}

/** A date or timestamp as the UTC wall-clock time Excel shows; before 1900 (or infinite) it stays text. */
function timestamp(text: string): Date | undefined {
  const m = DUCK_TIMESTAMP.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', sign, oh = '0', om = '0'] = m;
  if (Number(y) < 1900) return undefined;
  const offsetMs = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  return new Date(
    Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h),
      Number(mi),
      Number(s),
      Number(frac.slice(0, 3).padEnd(3, '0')),
    ) - offsetMs,
  );
}

/** A time of day as Excel holds it: the fraction of a day. */
function timeOfDay(text: string): number | undefined {
  const m = DUCK_TIME.exec(text);
  if (m === null) return undefined;
  const [, h, mi, s, frac = '0'] = m;
  return (
    ((Number(h) * 60 + Number(mi)) * 60_000 + Number(s) * 1000 + Number(frac.slice(0, 3).padEnd(3, '0'))) / MS_PER_DAY
  );
}

/** A decimal or huge integer as a number when a double holds it exactly enough (15 significant digits), else undefined (text). */
function exactNumber(text: string): number | undefined {
  const digits = text.replace(/^[+-]/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  if (!/^\d*$/.test(digits) || digits.length > 15) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
