/** Date and timestamp formats as DuckDB's strptime writes them, read off the body's cells. */
export interface DateFormats {
  dateFormat: string | null;
  timestampFormat: string | null;
  /** Day and month could not be told apart (every value ≤ 12). */
  ambiguous: boolean;
}

const DMY = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T](\d{1,2}):(\d{2})(:\d{2})?(\.\d+)?)?$/;
const YMD = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(:\d{2})?(\.\d+)?)?$/;

interface Seen {
  sep: string;
  /** A two-digit year (`31/12/24`): `%y`. */
  short: boolean;
  dayFirst: number;
  monthFirst: number;
  dates: number;
  stamps: number;
  seconds: boolean;
  fraction: boolean;
  tee: boolean;
}

function timeFormat(s: Seen): string {
  return `${s.tee ? 'T' : ' '}%H:%M${s.seconds ? ':%S' : ''}${s.fraction ? '.%f' : ''}`;
}

/**
 * dd/mm/yyyy or mm/dd/yyyy (or a two-digit year) is decided by a value above 12 in one place;
 * when none is, the format is left to DuckDB and said to be ambiguous.
 * ISO dates need no format.
 */
export function dateFormats(cells: readonly string[]): DateFormats {
  const bySep = new Map<string, Seen>();
  let iso: Seen | undefined;
  for (const raw of cells) {
    const v = raw.trim();
    const ymd = YMD.exec(v);
    if (ymd !== null) {
      iso ??= {
        sep: ymd[2] ?? '-',
        short: false,
        dayFirst: 0,
        monthFirst: 0,
        dates: 0,
        stamps: 0,
        seconds: false,
        fraction: false,
        tee: false,
      };
      if (ymd[5] === undefined) iso.dates++;
      else {
        iso.stamps++;
        iso.seconds ||= ymd[7] !== undefined;
        iso.fraction ||= ymd[8] !== undefined;
        iso.tee ||= v.includes('T');
      }
      continue;
    }
    const m = DMY.exec(v);
    if (m === null) continue;
    const sep = m[2] ?? '/';
    // A two-digit year only with / or - (`1.2.10` is more often a version than a date). Left unrecognised, it
    // was DuckDB's to guess, and it guessed year first: 28/02/24 became 2028-02-24.
    const short = (m[4] ?? '').length === 2;
    if (short && sep === '.') continue;
    const key = `${sep}${short ? 'y' : 'Y'}`;
    const s = bySep.get(key) ?? {
      sep,
      short,
      dayFirst: 0,
      monthFirst: 0,
      dates: 0,
      stamps: 0,
      seconds: false,
      fraction: false,
      tee: false,
    };
    bySep.set(key, s);
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 12 && b <= 12) s.dayFirst++;
    if (b > 12 && a <= 12) s.monthFirst++;
    if (m[5] === undefined) s.dates++;
    else {
      s.stamps++;
      s.seconds ||= m[7] !== undefined;
      s.fraction ||= m[8] !== undefined;
      s.tee ||= v.includes('T');
    }
  }
  const local = [...bySep.values()].sort((x, y) => y.dates + y.stamps - (x.dates + x.stamps))[0];
  if (local === undefined) {
    if (iso === undefined) return { dateFormat: null, timestampFormat: null, ambiguous: false };
    const d = `%Y${iso.sep}%m${iso.sep}%d`;
    return {
      dateFormat: iso.sep === '-' ? null : d,
      timestampFormat: iso.stamps > 0 && iso.sep !== '-' ? `${d}${timeFormat(iso)}` : null,
      ambiguous: false,
    };
  }
  if (local.dayFirst === 0 && local.monthFirst === 0)
    return { dateFormat: null, timestampFormat: null, ambiguous: true };
  const dayFirst = local.dayFirst >= local.monthFirst;
  const year = local.short ? '%y' : '%Y';
  const d = dayFirst ? `%d${local.sep}%m${local.sep}${year}` : `%m${local.sep}%d${local.sep}${year}`;
  return {
    dateFormat: local.dates > 0 ? d : null,
    timestampFormat: local.stamps > 0 ? `${d}${timeFormat(local)}` : null,
    ambiguous: false,
  };
}
