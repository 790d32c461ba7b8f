import type { PreviewViewData } from '../../../shared/ipc/results';
import { ident, num, str } from '../../../shared/sql/quote';
import type { Locale } from '../i18n/i18n';

/**
 * How a profile reads to a person, and what clicking it means: statistics
 * formatted in the user's locale (Intl, en and pt-BR), a histogram bin or a
 * top value turned into preview filters (values, never SQL) and into the
 * equivalent Filter node condition (quoted by shared/sql/quote.ts).
 */

export type ProfileFilter = NonNullable<PreviewViewData['filters']>;

const numbers = new Map<string, Intl.NumberFormat>();
const dates = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: Locale, digits: 'whole' | 'fraction' | 'small'): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let f = numbers.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(
      locale,
      digits === 'small' ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: digits === 'whole' ? 0 : 2 },
    );
    numbers.set(key, f);
  }
  return f;
}

function dateFormat(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${String(withTime)}`;
  let f = dates.get(key);
  if (f === undefined) {
    // The engine's text is wall-clock time: shown as is, in UTC, never shifted by the viewer's zone.
    f = new Intl.DateTimeFormat(
      locale,
      withTime
        ? { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }
        : { dateStyle: 'medium', timeZone: 'UTC' },
    );
    dates.set(key, f);
  }
  return f;
}

const DATE_TEXT = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?/;

/** A number for people: whole numbers whole, others with two decimals, tiny ones with three significant digits. */
export function formatNumber(value: number, locale: Locale): string {
  if (Number.isInteger(value)) return numberFormat(locale, 'whole').format(value);
  return numberFormat(locale, Math.abs(value) < 1 ? 'small' : 'fraction').format(value);
}

/** A statistic the engine gave as text, formatted for its column's type (left as is when it is not a number or a date). */
export function formatStat(value: string | null | undefined, type: string, locale: Locale): string {
  if (value === null || value === undefined) return '';
  if (/^(DATE|TIMESTAMP)/.test(type)) {
    const m = DATE_TEXT.exec(value);
    if (m === null) return value;
    const d = new Date(`${m[1] ?? ''}T${m[2] ?? '00:00:00'}Z`);
    return Number.isNaN(d.getTime()) ? value : dateFormat(locale, m[2] !== undefined && type !== 'DATE').format(d);
  }
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? formatNumber(n, locale) : value;
}

/** Preview filters that keep one histogram bin: `>= lo` and `< hi` (`<= hi` for a closed last bin). */
export function binFilters(column: string, bin: { lo: string; hi: string }, closed: boolean): ProfileFilter {
  return [
    { column, text: `>= ${bin.lo}` },
    { column, text: `${closed ? '<=' : '<'} ${bin.hi}` },
  ];
}

/** A preview filter that keeps one value (a cut value: the rows that contain it). */
export function valueFilters(column: string, value: string, cut: boolean): ProfileFilter {
  return [{ column, text: cut ? value : `= ${value}` }];
}

/** Numbers compare with numbers; dates and times with a typed literal. */
function typed(value: string, kind: 'number' | 'time', type: string): string {
  if (kind === 'number') return num(Number(value));
  return `${type === 'DATE' ? 'DATE' : 'TIMESTAMP'} ${str(value)}`;
}

/** The Filter node condition equivalent to {@link binFilters}. */
export function binCondition(
  column: string,
  type: string,
  kind: 'number' | 'time',
  bin: { lo: string; hi: string },
  closed: boolean,
): string {
  const col = ident(column);
  return `${col} >= ${typed(bin.lo, kind, type)} AND ${col} ${closed ? '<=' : '<'} ${typed(bin.hi, kind, type)}`;
}

/** The Filter node condition equivalent to {@link valueFilters}. */
export function valueCondition(column: string, type: string, value: string, cut: boolean): string {
  const col = type === 'VARCHAR' ? ident(column) : `CAST(${ident(column)} AS VARCHAR)`;
  return cut ? `starts_with(${col}, ${str(value)})` : `${col} = ${str(value)}`;
}
