import { ident, str } from '../quote';
import { pgAggregate, pgResultType } from './postgres-results';
import { same, type FunctionSpelling, type Printed, type TargetDialect } from './target-dialect';

/** Parts date_trunc takes on a DATE and gives back a DATE, in DuckDB and (cast back) in PostgreSQL. */
export const DATE_PARTS = new Set(['year', 'quarter', 'month', 'week', 'day']);

function roundExact(args: readonly Printed[], castBack: (sql: string) => string): Printed | { refuse: string } {
  const [x, n] = args;
  if (x === undefined || args.length > 2) return { refuse: 'round' };
  // A binary fraction like 2.675 rounds differently once widened to numeric: refused rather than approximated.
  if (x.kind !== 'decimal' && x.kind !== 'integer') return { refuse: `round(${x.kind})` };
  const digits = n === undefined ? '' : `, ${n.sql}`;
  return { sql: castBack(`round(${x.sql}${digits})`), kind: x.kind };
}

export function substrSpelling(name: string): FunctionSpelling {
  return (args) => {
    const [s, start, len] = args;
    // Start at or after the first character, constant length: every target cuts the same characters.
    const constant = (p: Printed | undefined): boolean =>
      p === undefined || (p.kind === 'integer' && /^\d+$/.test(p.sql) && Number(p.sql) >= 0);
    if (
      s === undefined ||
      start === undefined ||
      args.length > 3 ||
      !constant(start) ||
      Number(start.sql) < 1 ||
      !constant(len)
    )
      return { refuse: 'substr' };
    return { sql: `${name}(${args.map((a) => a.sql).join(', ')})`, kind: 'text' };
  };
}

const functions = new Map<string, FunctionSpelling>([
  ['lower', same('lower', [1], 'text')],
  ['upper', same('upper', [1], 'text')],
  ['length', same('char_length', [1], 'integer')],
  ['nullif', same('nullif', [2])],
  ['abs', same('abs', [1])],
  ['round', (args) => roundExact(args, (s) => (args[0]?.kind === 'integer' ? `CAST(${s} AS bigint)` : s))],
  ['substr', substrSpelling('substr')],
  ['substring', substrSpelling('substr')],
  ['trim', same('trim', [1], 'text')],
  [
    'date_trunc',
    (args) => {
      const [part, x] = args;
      if (part === undefined || x === undefined || args.length !== 2 || part.text === undefined)
        return { refuse: 'date_trunc' };
      const p = part.text.toLowerCase();
      // PostgreSQL widens a date to timestamptz: truncate as a timestamp, give back a date like DuckDB.
      if (x.kind === 'date' && DATE_PARTS.has(p))
        return { sql: `CAST(date_trunc(${part.sql}, CAST(${x.sql} AS timestamp)) AS date)`, kind: 'date' };
      if (x.kind === 'timestamp' && (DATE_PARTS.has(p) || ['hour', 'minute', 'second'].includes(p)))
        return { sql: `date_trunc(${part.sql}, ${x.sql})`, kind: 'timestamp' };
      return { refuse: `date_trunc('${p}', ${x.kind})` };
    },
  ],
]);

export const POSTGRES_TARGET: TargetDialect = {
  name: 'postgres',
  label: 'PostgreSQL',
  ident,
  str,
  limit: (n) => `LIMIT ${String(Math.max(0, Math.floor(n)))}`,
  typeName: (t) => {
    switch (t.id) {
      case 'DECIMAL':
        return `numeric(${String(t.width)}, ${String(t.scale)})`;
      case 'DOUBLE':
        return 'double precision';
      case 'VARCHAR':
        return 'text';
      default:
        return t.id.toLowerCase();
    }
  },
  concat: (a, b) => `(${a} || ${b})`,
  // PostgreSQL fails on a division by zero where DuckDB gives ±Infinity or NaN (0 × Infinity).
  divide: (a, b) => {
    const x = `CAST(${a.sql} AS double precision)`;
    const y = `CAST(${b.sql} AS double precision)`;
    return `(CASE WHEN ${y} = 0 THEN ${x} * CAST('Infinity' AS double precision) ELSE ${x} / ${y} END)`;
  },
  bytewise: (sql) => `(${sql} COLLATE "C")`,
  // PostgreSQL's LIKE escapes with backslash unless told otherwise; DuckDB's does not.
  like: (value, pattern, negated) => `(${value} ${negated ? 'NOT LIKE' : 'LIKE'} ${pattern.sql} ESCAPE '')`,
  functions,
  resultType: pgResultType,
  aggregate: pgAggregate,
  supports: {
    fullJoin: true,
    nullsOrder: true,
    distinct: true,
    booleanValues: true,
    codePointEquality: true,
    distinctOn: true,
    windows: true,
    coalesceConstant: true,
    unionAll: true,
  },
};
