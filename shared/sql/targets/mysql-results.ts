import { decimalOfType, SUMS_TO_BIGINT, type AggregateArg, type AggregateName } from './target-dialect';

/**
 * What MySQL/MariaDB gives back typed and valued as DuckDB would: the cast
 * that reads back as a DuckDB type (mysql-types.ts maps result columns), and
 * the catalog's aggregates.
 */

const BY_DUCK: Readonly<Record<string, string>> = {
  BIGINT: 'SIGNED',
  DOUBLE: 'DOUBLE',
  VARCHAR: 'CHAR',
  DATE: 'DATE',
  TIMESTAMP: 'DATETIME(6)',
};

/** INTEGER, SMALLINT and BOOLEAN have no cast there (CAST AS SIGNED is a BIGINT): null. */
export function mysqlResultType(duckType: string): string | null {
  const d = decimalOfType(duckType);
  if (d !== null) return `DECIMAL(${String(d.width)}, ${String(d.scale)})`;
  return BY_DUCK[duckType.trim().toUpperCase()] ?? null;
}

/** Kinds whose value MAX hands back unchanged when it is the only one (not JSON, not bytes). */
const FIRST_LAST_KINDS = new Set(['text', 'integer', 'decimal', 'double', 'date', 'timestamp', 'boolean']);

export function mysqlAggregate(fn: AggregateName, arg: AggregateArg | null): string | { refuse: string } {
  if (fn === 'count') return arg === null ? 'COUNT(*)' : `COUNT(${arg.sql})`;
  if (arg === null) return { refuse: fn };
  const x = arg.sql;
  switch (fn) {
    case 'count_distinct':
      // Collations fold case and trailing spaces: text is counted by its bytes.
      if (arg.kind === 'text') return `COUNT(DISTINCT CAST(${x} AS BINARY))`;
      return ['integer', 'decimal', 'date', 'timestamp'].includes(arg.kind)
        ? `COUNT(DISTINCT ${x})`
        : { refuse: `count distinct of ${arg.type}` };
    case 'sum':
      // A sum beyond BIGINT is clamped by CAST AS SIGNED where DuckDB fails: only narrower integers.
      if (arg.kind === 'integer' && SUMS_TO_BIGINT.test(arg.type) && !/^BIGINT$/i.test(arg.type))
        return `CAST(SUM(${x}) AS SIGNED)`;
      if (arg.kind === 'decimal') return `SUM(${x})`;
      return { refuse: `sum of ${arg.type}` };
    case 'avg':
      // AVG(DECIMAL) keeps only 4 more decimals: the exact sum with 30 decimals over the count, then the double.
      if (arg.kind === 'integer' || arg.kind === 'decimal')
        return `CAST(CAST(SUM(${x}) AS DECIMAL(65, 30)) / COUNT(${x}) AS DOUBLE)`;
      return { refuse: `avg of ${arg.type}` };
    case 'min':
    case 'max':
      // Text: collations order case-insensitively and ignore trailing spaces.
      if (['integer', 'decimal', 'double', 'date', 'timestamp'].includes(arg.kind)) return `${fn.toUpperCase()}(${x})`;
      return { refuse: `${fn} of ${arg.type}` };
    case 'first':
    case 'last':
      // The value on the row numbered 1 (NULL kept: the only candidate); MAX over one value is that value.
      if (arg.firstRow !== undefined && FIRST_LAST_KINDS.has(arg.kind))
        return `MAX(CASE WHEN ${arg.firstRow} = 1 THEN ${x} END)`;
      return { refuse: `${fn} of ${arg.type}` };
    default:
      return { refuse: fn };
  }
}
