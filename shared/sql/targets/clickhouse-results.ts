import { decimalOfType, SUMS_TO_BIGINT, type AggregateArg, type AggregateName } from './target-dialect';

/**
 * What ClickHouse gives back typed and valued as DuckDB would: the cast that
 * the ClickHouse source reads back as a DuckDB type (ch-types.ts), and the
 * catalog's aggregates. ClickHouse aggregates over no value give 0 (nan for
 * avg) where DuckDB gives NULL: each is NULL when its count is 0.
 */

const BY_DUCK: Readonly<Record<string, string>> = {
  TINYINT: 'Int8',
  SMALLINT: 'Int16',
  INTEGER: 'Int32',
  BIGINT: 'Int64',
  UTINYINT: 'UInt8',
  USMALLINT: 'UInt16',
  UINTEGER: 'UInt32',
  UBIGINT: 'UInt64',
  FLOAT: 'Float32',
  DOUBLE: 'Float64',
  VARCHAR: 'String',
  DATE: 'Date',
  // A DateTime is read as the UTC instant (TIMESTAMPTZ); there is no naive timestamp.
  'TIMESTAMP WITH TIME ZONE': "DateTime('UTC')",
};

export function clickhouseResultType(duckType: string): string | null {
  const d = decimalOfType(duckType);
  const name = d !== null ? `Decimal(${String(d.width)}, ${String(d.scale)})` : BY_DUCK[duckType.trim().toUpperCase()];
  return name === undefined ? null : `Nullable(${name})`;
}

/** NULL over no value, as DuckDB's aggregates give. */
const orNull = (x: string, value: string): string => `if(count(${x}) = 0, NULL, ${value})`;

export function clickhouseAggregate(fn: AggregateName, arg: AggregateArg | null): string | { refuse: string } {
  if (fn === 'count') return arg === null ? 'count()' : `count(${arg.sql})`;
  if (arg === null) return { refuse: fn };
  const x = arg.sql;
  // Int64 sums wrap on overflow there: only narrower integers, whose sum of fewer than 2^32 rows cannot.
  const narrow = arg.kind === 'integer' && SUMS_TO_BIGINT.test(arg.type) && !/^BIGINT$/i.test(arg.type);
  switch (fn) {
    case 'count_distinct':
      // uniqExact is exact (uniq, the default of other spellings in newer servers, estimates); doubles: -0 and NaN.
      return ['text', 'integer', 'decimal', 'date'].includes(arg.kind)
        ? `uniqExact(${x})`
        : { refuse: `count distinct of ${arg.type}` };
    case 'sum':
      // A decimal sum is Decimal(38, s) there, as DuckDB's DECIMAL(38, s).
      if (narrow || arg.kind === 'decimal') return orNull(x, `sum(${x})`);
      return { refuse: `sum of ${arg.type}` };
    case 'avg': {
      if (narrow) return orNull(x, `toFloat64(sum(${x})) / toFloat64(count(${x}))`);
      const d = decimalOfType(arg.type);
      if (d === null) return { refuse: `avg of ${arg.type}` };
      // The exact sum as an integer of units over count × 10^scale: one division, the double nearest the quotient.
      const scale = `1${'0'.repeat(d.scale)}`;
      return orNull(x, `toFloat64(toInt64(sum(${x}) * ${scale})) / (toFloat64(count(${x})) * ${scale})`);
    }
    case 'min':
    case 'max':
      // Text by its bytes (code points); doubles: min/max skip NaN there, DuckDB orders it last.
      return ['text', 'integer', 'decimal', 'date'].includes(arg.kind)
        ? orNull(x, `${fn}(${x})`)
        : { refuse: `${fn} of ${arg.type}` };
    default:
      return { refuse: fn };
  }
}
