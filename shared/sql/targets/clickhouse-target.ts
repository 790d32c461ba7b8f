import { clickhouseAggregate, clickhouseResultType } from './clickhouse-results';
import { substrSpelling } from './postgres-target';
import {
  kindOfCast,
  same,
  type CastType,
  type FunctionSpelling,
  type Printed,
  type TargetDialect,
  type TargetSpelling,
  type ValueKind,
} from './target-dialect';

/**
 * ClickHouse (checked against 18.16, Debian's; later servers read the same
 * SQL). Its plain SQL differs from DuckDB's in ways that change results, so
 * the printer's hooks (`spell`) say things its way:
 * - AND/OR are not three-valued (`NULL AND 0` and `NULL OR 0` are NULL and 0):
 *   spelled with multiIf; `x IN (…)` is 0 for a NULL x: NULL first.
 * - a bare `1.5` is a Float64 and a decimal meets no float: typed literals,
 *   and a decimal beside a double becomes a double, as in DuckDB.
 * - integers add and multiply in Int64 and wrap, `%` by zero throws, casts to
 *   a narrower integer or decimal truncate: refused.
 * - `lower`/`upper` leave letters whose UTF-8 length changes (ı, ſ, ß):
 *   not offered; `length` counts code points (lengthUTF8), as DuckDB does.
 * - -0 and 0 are two groups there, NaN sorts among NULLs: doubles are not
 *   grouped, made distinct or sorted there.
 * Text compares by its bytes, which for UTF-8 is code-point order, as in DuckDB.
 */

export function chIdent(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

/** A string literal: ClickHouse reads backslash escapes in it. */
export function chStr(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const TYPE: Readonly<Record<CastType['id'], string | null>> = {
  INTEGER: 'Int32',
  BIGINT: 'Int64',
  DOUBLE: 'Float64',
  VARCHAR: 'String',
  DATE: 'Date',
  // No naive timestamp (a DateTime is an instant, read as TIMESTAMPTZ); no boolean type in 18.x.
  TIMESTAMP: null,
  BOOLEAN: null,
  DECIMAL: null,
};

function typeName(t: CastType): string | null {
  const name = t.id === 'DECIMAL' ? `Decimal(${String(t.width)}, ${String(t.scale)})` : TYPE[t.id];
  // Every value may be NULL, and CAST of a NULL to a plain type fails.
  return name === null ? null : `Nullable(${name})`;
}

function castKeeps(from: ValueKind, to: CastType): boolean {
  switch (kindOfCast(to)) {
    case 'integer':
      // A cast to Int32 wraps a value too large where DuckDB fails; a decimal is truncated, not rounded.
      return to.id === 'BIGINT' && from === 'integer';
    case 'decimal':
      // A decimal or a double cast to fewer decimals is truncated there, rounded in DuckDB.
      return from === 'integer';
    case 'double':
      return from === 'integer' || from === 'decimal' || from === 'double';
    case 'text':
      return from === 'text' || from === 'integer' || from === 'date';
    case 'date':
      return from === 'date';
    default:
      return false;
  }
}

function decimal(text: string, scale: number): string {
  const digits = text.replace(/[-.]/g, '').replace(/^0+(?=\d)/, '').length;
  const width = digits <= 9 ? 32 : digits <= 18 ? 64 : 128;
  return `toDecimal${String(width)}(${chStr(text)}, ${String(scale)})`;
}

/** Three-valued AND/OR: FALSE (TRUE) wins over NULL, as in DuckDB. */
function logic(op: 'AND' | 'OR', parts: readonly string[]): string {
  const decisive = op === 'AND' ? (p: string) => `ifNull(${p}, 1) = 0` : (p: string) => `ifNull(${p}, 0) != 0`;
  const anyNull = parts.map((p) => `isNull(${p})`).join(' OR ');
  return `multiIf(${parts.map(decisive).join(' OR ')}, ${op === 'AND' ? '0' : '1'}, ${anyNull}, NULL, ${op === 'AND' ? '1' : '0'})`;
}

/** A constant: it names no column (every identifier is quoted with backticks). */
const constant = (p: Printed): boolean => p.text !== undefined || !p.sql.includes('`');

const spell: TargetSpelling = {
  decimal,
  logic,
  inList: (x, items, negated) => {
    if (items.some((i) => i.sql === 'NULL')) return { refuse: 'NULL in an IN list' };
    // ClickHouse's IN takes a set of constants only.
    if (!items.every(constant)) return { refuse: 'IN of columns' };
    const kinds = new Set([x.kind, ...items.map((i) => i.kind)]);
    if (kinds.has('double') && kinds.size > 1) return { refuse: `IN of ${[...kinds].join(' and ')}` };
    // A set of decimal literals must have the column's very type there: compared one by one.
    const test =
      x.kind === 'decimal'
        ? `${negated ? 'NOT ' : ''}(${items.map((i) => `${x.sql} = ${i.sql}`).join(' OR ')})`
        : `${x.sql} ${negated ? 'NOT IN' : 'IN'} (${items.map((i) => i.sql).join(', ')})`;
    return `multiIf(isNull(${x.sql}), NULL, ${test})`;
  },
  distinctFrom: (x, y, not) => {
    const same = `multiIf(isNull(${x}) OR isNull(${y}), isNull(${x}) AND isNull(${y}), ${x} = ${y})`;
    return not ? same : `(NOT ${same})`;
  },
  operands: (op, a, b) => {
    if (op === '%') return { refuse: '% (ClickHouse fails on a zero divisor where DuckDB gives NULL)' };
    if (['+', '-', '*'].includes(op) && a.kind === 'integer' && b.kind === 'integer')
      return { refuse: `integer ${op} integer (ClickHouse wraps on overflow where DuckDB fails)` };
    // A decimal never meets a double there; DuckDB makes the decimal a double.
    const float = (p: Printed, other: Printed): string =>
      p.kind === 'decimal' && other.kind === 'double' ? `toFloat64(${p.sql})` : p.sql;
    return [float(a, b), float(b, a)];
  },
  castKeeps,
  truth: (value) => (value ? '1' : '0'),
  // -x of an Int32 is an Int32 there, and the smallest one stays negative where DuckDB fails.
  negate: (x) =>
    x.kind === 'integer' && !/^\(?-?\d+\)?$/.test(x.sql)
      ? { refuse: '-integer (ClickHouse wraps on overflow where DuckDB fails)' }
      : `(-${x.sql})`,
};

/** substringUTF8 of 18.x takes a constant length always: to the end is the largest one. */
const substr: FunctionSpelling = (args) => {
  const out = substrSpelling('substringUTF8')(args);
  const [s, start] = args;
  if ('refuse' in out || s === undefined || start === undefined || args.length !== 2) return out;
  return { sql: `substringUTF8(${s.sql}, ${start.sql}, 4294967295)`, kind: 'text' };
};

/** Zones in which DuckDB truncates an instant as in UTC. */
const UTC_ZONES = /^(Etc\/)?(UTC|UCT|GMT|GMT0|GMT[+-]0|Universal|Zulu|Greenwich)$/i;

/** DuckDB's date_trunc of a TIMESTAMPTZ, in UTC: the start of the part as a DateTime (an instant again). */
const TRUNCATE: Readonly<Record<string, (x: string) => string>> = {
  year: (x) => `toDateTime(toStartOfYear(${x}, 'UTC'), 'UTC')`,
  quarter: (x) => `toDateTime(toStartOfQuarter(${x}, 'UTC'), 'UTC')`,
  month: (x) => `toDateTime(toStartOfMonth(${x}, 'UTC'), 'UTC')`,
  // DuckDB's weeks start on Monday (ISO).
  week: (x) => `toDateTime(toMonday(${x}, 'UTC'), 'UTC')`,
  day: (x) => `toStartOfDay(${x}, 'UTC')`,
  hour: (x) => `toStartOfHour(${x}, 'UTC')`,
  minute: (x) => `toStartOfMinute(${x}, 'UTC')`,
};

/**
 * An instant: a column DuckDB reads as TIMESTAMPTZ (a DateTime; the kinds
 * name no such type, so it is `unknown`, and of the types a ClickHouse column
 * is read as, only that one can be truncated — DuckDB bound the call), or
 * what a date_trunc here gave (`timestamp`: ClickHouse has no naive one).
 */
function instant(x: Printed): boolean {
  return x.kind === 'timestamp' || (x.kind === 'unknown' && /^`(?:[^`\\]|\\.)*`$/.test(x.sql));
}

/**
 * date_trunc of a DateTime (read as TIMESTAMPTZ), where DuckDB truncates in
 * UTC (`zone`: its TimeZone setting; elsewhere a part starts at local
 * midnight, and daylight saving is where two time zone databases may differ).
 * A Date in between holds 1970–2149: a value whose part starts outside (a
 * DateTime64 of a later server, the week of 1970-01-01, which began on a
 * Monday in 1969) fails there (throwIf) rather than wrapping. A DATE truncates to a
 * naive TIMESTAMP in DuckDB, which ClickHouse has not.
 */
function dateTrunc(zone: string | undefined): FunctionSpelling {
  return (args) => {
    const [part, x] = args;
    if (part?.text === undefined || x === undefined || args.length !== 2) return { refuse: 'date_trunc' };
    const p = part.text.toLowerCase();
    const truncate = TRUNCATE[p];
    if (!instant(x) || truncate === undefined) return { refuse: `date_trunc('${p}', ${x.kind})` };
    if (zone === undefined || !UTC_ZONES.test(zone))
      return { refuse: `date_trunc of a timestamp with time zone in ${zone ?? 'an unknown time zone'}` };
    // The week of 1970's first days began in 1969, which no Date holds: from the first Monday on (day 4).
    const first = p === 'week' ? 4 * 86400 : 0;
    const outside = `ifNull(${x.sql} < toDateTime(${String(first)}, 'UTC') OR ${x.sql} > toDateTime(4294967295, 'UTC'), 0)`;
    return { sql: `(${truncate(x.sql)} + throwIf(${outside}))`, kind: 'timestamp' };
  };
}

const functions = new Map<string, FunctionSpelling>([
  ['length', same('lengthUTF8', [1], 'integer')],
  ['nullif', same('nullIf', [2])],
  [
    'abs',
    (args) => {
      const [x] = args;
      // abs of an Int32 is a UInt32 there (abs of its minimum does not fail).
      if (x === undefined || args.length !== 1 || (x.kind !== 'decimal' && x.kind !== 'double'))
        return { refuse: `abs(${x?.kind ?? ''})` };
      return { sql: `abs(${x.sql})`, kind: x.kind };
    },
  ],
  [
    'round',
    (args) => {
      const [x, n] = args;
      // Decimals round half away from zero there, as in DuckDB; doubles are not pushed (binary fractions).
      if (x === undefined || args.length > 2 || (x.kind !== 'decimal' && x.kind !== 'integer'))
        return { refuse: `round(${x?.kind ?? ''})` };
      if (n !== undefined && !/^\d+$/.test(n.sql)) return { refuse: 'round to a non-constant or negative place' };
      return { sql: `round(${args.map((a) => a.sql).join(', ')})`, kind: x.kind };
    },
  ],
  ['substr', substr],
  ['substring', substr],
  ['date_trunc', dateTrunc(undefined)],
  // DuckDB's trim removes spaces only (not tabs); 18.x has no trimBoth.
  [
    'trim',
    (args) => {
      const [x] = args;
      if (x === undefined || args.length !== 1) return { refuse: 'trim' };
      return { sql: `replaceRegexpAll(${x.sql}, '^ +| +$', '')`, kind: 'text' };
    },
  ],
]);

/** The target for a DuckDB in `zone`: date_trunc of an instant is pushed in UTC. */
function inZone(zone: string): TargetDialect {
  return { ...CLICKHOUSE_TARGET, functions: new Map([...functions, ['date_trunc', dateTrunc(zone)]]) };
}

export const CLICKHOUSE_TARGET: TargetDialect = {
  name: 'clickhouse',
  label: 'ClickHouse',
  ident: chIdent,
  str: chStr,
  limit: (n) => `LIMIT ${String(Math.max(0, Math.floor(n)))}`,
  typeName,
  concat: (a, b) => `concat(toString(${a}), toString(${b}))`,
  // `/` is floating-point there, and x / 0 is inf, -inf or nan, as in DuckDB.
  divide: (a, b) => `(toFloat64(${a.sql}) / toFloat64(${b.sql}))`,
  bytewise: (sql) => sql,
  like: (value, pattern, negated) => {
    // A constant pattern without backslash (ClickHouse's escape, which DuckDB does not have); `_` is one code point.
    if (pattern.text === undefined || pattern.text.includes('\\')) return { refuse: 'LIKE' };
    return `(${value} ${negated ? 'NOT LIKE' : 'LIKE'} ${pattern.sql})`;
  },
  functions,
  inZone,
  resultType: clickhouseResultType,
  aggregate: clickhouseAggregate,
  spell,
  supports: {
    fullJoin: false,
    nullsOrder: true,
    distinct: true,
    booleanValues: false,
    codePointEquality: true,
    nanOrder: false,
    doubleGrouping: false,
  },
};
