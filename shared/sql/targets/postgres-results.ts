import { decimalOfType, SUMS_TO_BIGINT, type AggregateArg, type AggregateName, type ValueKind } from './target-dialect';

/**
 * What PostgreSQL gives back typed and valued as DuckDB would: the cast that
 * reads back as a DuckDB type (pg-types.ts maps result types), and the
 * catalog's aggregates.
 */

const BY_DUCK: Readonly<Record<string, string>> = {
  BOOLEAN: 'boolean',
  SMALLINT: 'smallint',
  INTEGER: 'integer',
  BIGINT: 'bigint',
  FLOAT: 'real',
  DOUBLE: 'double precision',
  VARCHAR: 'text',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  'TIMESTAMP WITH TIME ZONE': 'timestamptz',
};

export function pgResultType(duckType: string): string | null {
  const d = decimalOfType(duckType);
  if (d !== null) return `numeric(${String(d.width)}, ${String(d.scale)})`;
  return BY_DUCK[duckType.trim().toUpperCase()] ?? null;
}

/** Kinds whose equality is the same in PostgreSQL and DuckDB (a double's -0 and NaN are not). */
const EXACT_KINDS: ReadonlySet<ValueKind> = new Set(['text', 'integer', 'decimal', 'date', 'timestamp', 'boolean']);

export function pgAggregate(fn: AggregateName, arg: AggregateArg | null): string | { refuse: string } {
  if (fn === 'count') return arg === null ? 'count(*)' : `count(${arg.sql})`;
  if (arg === null) return { refuse: fn };
  const x = arg.sql;
  switch (fn) {
    case 'count_distinct':
      return EXACT_KINDS.has(arg.kind) ? `count(DISTINCT ${x})` : { refuse: `count distinct of ${arg.type}` };
    case 'sum':
      // sum(bigint) is numeric there: the cast fails on overflow, as DuckDB's cast to BIGINT does.
      if (arg.kind === 'integer' && SUMS_TO_BIGINT.test(arg.type)) return `CAST(sum(${x}) AS bigint)`;
      if (arg.kind === 'decimal') return `sum(${x})`;
      // A sum of doubles depends on the order of the additions.
      return { refuse: `sum of ${arg.type}` };
    case 'avg':
      // The exact sum over the count with 30 decimals, then the nearest double (avg(numeric) keeps only 16 digits).
      if (arg.kind === 'integer' || arg.kind === 'decimal')
        return `CAST(CAST(sum(${x}) AS numeric(1000, 30)) / count(${x}) AS double precision)`;
      return { refuse: `avg of ${arg.type}` };
    case 'min':
    case 'max':
      if (arg.kind === 'text') return `${fn}(${x} COLLATE "C")`;
      if (['integer', 'decimal', 'double', 'date', 'timestamp'].includes(arg.kind)) return `${fn}(${x})`;
      return { refuse: `${fn} of ${arg.type}` };
    case 'median':
      return pgMedian(arg);
    case 'first':
    case 'last':
      // DuckDB's first/last keep a NULL value, as array_agg does; the order has no tie that matters (push-steps.ts).
      return arg.order === undefined ? { refuse: fn } : `(array_agg(${x} ORDER BY ${arg.order}))[1]`;
    default:
      return { refuse: fn };
  }
}

/** Decimals whose DuckDB median is exact (a wider one is interpolated through a double there). */
const MEDIAN_MAX_WIDTH = 18;

/**
 * DuckDB's median: the middle value, or for an even count the two middle ones
 * interpolated — integers and doubles as doubles, `lo * 0.5 + hi * 0.5` (not
 * PostgreSQL's percentile_cont, `lo + 0.5 * (hi - lo)`, which differs in the
 * last bit); decimals in their own type, the exact midpoint rounded down to
 * the type's scale. percentile_disc ascending gives the lower middle value,
 * descending the upper one; an odd count takes the middle value as is (as
 * DuckDB does: halving a subnormal would lose its last bit).
 */
function pgMedian(arg: AggregateArg): string | { refuse: string } {
  const x = arg.sql;
  const middle = (v: string): [string, string] => [
    `percentile_disc(0.5) WITHIN GROUP (ORDER BY ${v})`,
    `percentile_disc(0.5) WITHIN GROUP (ORDER BY ${v} DESC)`,
  ];
  if (arg.kind === 'integer' || arg.kind === 'double') {
    const [lo, hi] = middle(arg.kind === 'integer' ? `CAST(${x} AS double precision)` : x);
    return `(CASE WHEN count(${x}) % 2 = 1 THEN ${lo} ELSE ${lo} * 0.5 + ${hi} * 0.5 END)`;
  }
  const d = decimalOfType(arg.type);
  if (arg.kind === 'decimal' && d !== null && d.width <= MEDIAN_MAX_WIDTH) {
    const [lo, hi] = middle(x);
    const scaled = `floor((${lo} + ${hi}) * 0.5${d.scale > 0 ? ` * 1${'0'.repeat(d.scale)}` : ''})`;
    return d.scale > 0 ? `(${scaled} * 0.${'0'.repeat(d.scale - 1)}1)` : scaled;
  }
  return { refuse: `median of ${arg.type}` };
}
