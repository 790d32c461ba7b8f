import { usageError } from '../exit';

/**
 * `--schedule "<cron>"` (five fields: minute hour day-of-month month
 * day-of-week, numbers, `*`, lists, ranges and `/` steps) and `--timezone`
 * (an IANA name), checked once; systemd timers get the same schedule as an
 * OnCalendar= expression.
 */

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

const PART = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/;

export function checkSchedule(cron: string): string[] {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5)
    throw usageError(
      `--schedule ${JSON.stringify(cron)}: expected five cron fields (minute hour day-of-month month day-of-week), e.g. "0 6 * * 1-5"`,
    );
  fields.forEach((f, i) => {
    const spec = FIELDS[i];
    if (spec === undefined) return;
    for (const part of f.split(',')) {
      const m = PART.exec(part);
      const numbers = (m?.[1] ?? '')
        .split('-')
        .filter((x) => x !== '*')
        .map(Number);
      const step = m?.[2] === undefined ? 1 : Number(m[2]);
      const bad =
        m === null ||
        step < 1 ||
        numbers.some((n) => n < spec.min || n > spec.max) ||
        (numbers.length === 2 && (numbers[0] ?? 0) > (numbers[1] ?? 0));
      if (bad)
        throw usageError(
          `--schedule: ${spec.name} field ${JSON.stringify(f)} is not valid (${String(spec.min)}–${String(spec.max)}, *, lists, ranges, /steps)`,
        );
    }
  });
  return fields;
}

export function checkTimezone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw usageError(
      `--timezone ${JSON.stringify(tz)}: not a time zone name (e.g. UTC, Europe/Lisbon, America/Sao_Paulo)`,
    );
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The cron schedule as systemd's OnCalendar= (`Mon..Fri *-*-* 06:00:00 Europe/Lisbon`). */
export function onCalendar(cron: string, timezone: string | undefined): string {
  const [minute = '*', hour = '*', dom = '*', month = '*', dow = '*'] = checkSchedule(cron);
  const unit = (f: string, first: string): string =>
    f
      .split(',')
      .map((part) => {
        const [range = '*', step] = part.split('/');
        const pad = (n: string): string => n.padStart(2, '0');
        const [from = '*', to] = range.split('-');
        // systemd: `a..b` ranges, `x/n` repeats from x; `*/n` starts at the field's first value.
        const base =
          from === '*' ? (step === undefined ? '*' : first) : to === undefined ? pad(from) : `${pad(from)}..${pad(to)}`;
        return step === undefined ? base : `${base}/${step}`;
      })
      .join(',');
  if (dow !== '*' && /[*/]/.test(dow))
    throw usageError(
      `--schedule: a systemd timer cannot step through days of the week (${dow}): list them, e.g. 1,3,5`,
    );
  const days =
    dow === '*'
      ? ''
      : `${dow
          .split(',')
          .map((part) => {
            const [a = '0', b] = part.split('-');
            return b === undefined ? (DAYS[Number(a)] ?? '') : `${DAYS[Number(a)] ?? ''}..${DAYS[Number(b)] ?? ''}`;
          })
          .join(',')} `;
  return `${days}*-${unit(month, '01')}-${unit(dom, '01')} ${unit(hour, '00')}:${unit(minute, '00')}:00${timezone === undefined ? '' : ` ${timezone}`}`;
}
