import { DuckDBIntervalValue } from '@duckdb/node-api';

/**
 * Interval text as databases print it (`1 year 2 mons 3 days 04:05:06.5`,
 * `-1 days -02:00:00`, DuckDB's `2 months 1 day`) as a DuckDB interval: the
 * Appender cannot cast text to INTERVAL itself.
 */

const UNIT_MONTHS: Readonly<Record<string, number>> = { year: 12, years: 12, mon: 1, mons: 1, month: 1, months: 1 };
const UNIT_DAYS: Readonly<Record<string, number>> = { day: 1, days: 1, week: 7, weeks: 7 };
const UNIT_MICROS: Readonly<Record<string, bigint>> = {
  hour: 3_600_000_000n,
  hours: 3_600_000_000n,
  minute: 60_000_000n,
  minutes: 60_000_000n,
  min: 60_000_000n,
  mins: 60_000_000n,
  second: 1_000_000n,
  seconds: 1_000_000n,
  sec: 1_000_000n,
  secs: 1_000_000n,
};

function microsOf(sign: string, h: string, m: string, s: string): bigint {
  const [whole = '0', frac = ''] = s.split('.');
  const micros =
    BigInt(h) * 3_600_000_000n +
    BigInt(m) * 60_000_000n +
    BigInt(whole) * 1_000_000n +
    BigInt((frac + '000000').slice(0, 6));
  return sign === '-' ? -micros : micros;
}

export function parseIntervalText(text: string): DuckDBIntervalValue | undefined {
  let months = 0;
  let days = 0;
  let micros = 0n;
  let rest = text.trim().toLowerCase();
  if (rest === '') return undefined;
  const part = /^([+-]?\d+)\s*([a-z]+)\s*/;
  for (let m = part.exec(rest); m !== null; m = part.exec(rest)) {
    const n = Number(m[1]);
    const unit = m[2] ?? '';
    if (UNIT_MONTHS[unit] !== undefined) months += n * UNIT_MONTHS[unit];
    else if (UNIT_DAYS[unit] !== undefined) days += n * UNIT_DAYS[unit];
    else if (UNIT_MICROS[unit] !== undefined) micros += BigInt(n) * UNIT_MICROS[unit];
    else return undefined;
    rest = rest.slice(m[0].length);
  }
  const time = /^([+-]?)(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(rest);
  if (time !== null) {
    micros += microsOf(time[1] ?? '', time[2] ?? '0', time[3] ?? '0', time[4] ?? '0');
    rest = '';
  }
  return rest === '' ? new DuckDBIntervalValue(months, days, micros) : undefined;
}
