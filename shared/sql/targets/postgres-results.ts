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
    default:
      return { refuse: fn };
  }
}
