import type { Column } from '../../../../shared/catalog/node-type';
import { duckType } from '../../external/duck-types';

/**
 * ClickHouse ⇄ DuckDB types (docs/type-mapping.md). Values cross as
 * ClickHouse's TSV text and DuckDB casts them, so integers of every width
 * (UInt64 → UBIGINT included) and decimals arrive exact.
 */

/** How a value of the column is read from its TSV text. */
export type ClickhouseValueKind =
  | 'text'
  /** Date: `0000-00-00` is ClickHouse's day 0, 1970-01-01. */
  | 'date'
  /** DateTime, selected as UTC text (see utcSelect): an instant, read as TIMESTAMPTZ. */
  | 'utc'
  /** Float: `inf`, `-inf`, `nan`. */
  | 'float'
  | 'bool';

export interface ClickhouseColumnType {
  type: string;
  kind: ClickhouseValueKind;
}

const INTEGERS: Readonly<Record<string, string>> = {
  Int8: 'TINYINT',
  Int16: 'SMALLINT',
  Int32: 'INTEGER',
  Int64: 'BIGINT',
  Int128: 'HUGEINT',
  UInt8: 'UTINYINT',
  UInt16: 'USMALLINT',
  UInt32: 'UINTEGER',
  UInt64: 'UBIGINT',
  UInt128: 'UHUGEINT',
};

/** Nullable(…) and LowCardinality(…) only wrap a type: DuckDB columns are all nullable and dictionary-free. */
export function unwrapType(type: string): string {
  let t = type.trim();
  for (;;) {
    const m = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(t);
    if (m === null) return t;
    t = (m[1] ?? '').trim();
  }
}

/** The DuckDB type a ClickHouse column is read as (the type name as TSVWithNamesAndTypes gives it). */
export function describeClickhouseType(type: string): ClickhouseColumnType {
  const t = unwrapType(type);
  const integer = INTEGERS[t];
  if (integer !== undefined) return { type: integer, kind: 'text' };
  if (t === 'Float32') return { type: 'FLOAT', kind: 'float' };
  if (t === 'Float64') return { type: 'DOUBLE', kind: 'float' };
  if (t === 'Bool') return { type: 'BOOLEAN', kind: 'bool' };
  const decimal = /^Decimal(?:(32|64|128|256)\((\d+)\)|\((\d+),\s*(\d+)\))$/.exec(t);
  if (decimal !== null) {
    const width: Readonly<Record<string, number>> = { '32': 9, '64': 18, '128': 38, '256': 76 };
    const precision = decimal[1] === undefined ? Number(decimal[3]) : (width[decimal[1]] ?? 76);
    const scale = Number(decimal[2] ?? decimal[4]);
    // DuckDB's DECIMAL stops at 38 digits: wider ones keep every digit as text.
    return precision <= 38 ? { type: `DECIMAL(${String(precision)},${String(scale)})`, kind: 'text' } : VARCHAR;
  }
  if (t === 'Date' || t === 'Date32') return { type: 'DATE', kind: 'date' };
  if (t === 'DateTime' || t.startsWith('DateTime(')) return { type: 'TIMESTAMP WITH TIME ZONE', kind: 'utc' };
  if (t.startsWith('DateTime64(')) return { type: 'TIMESTAMP WITH TIME ZONE', kind: 'utc' };
  if (t === 'UUID') return { type: 'UUID', kind: 'text' };
  // String, FixedString, Enum, IPv4/IPv6, and nested types (Array, Tuple, Map: their ClickHouse text).
  return VARCHAR;
}

const VARCHAR: ClickhouseColumnType = { type: 'VARCHAR', kind: 'text' };

/** Whether a column is selected through toString(…, 'UTC') so its text is a UTC instant. */
export function isDateTime(type: string): boolean {
  const t = unwrapType(type);
  return t === 'DateTime' || t.startsWith('DateTime(') || t.startsWith('DateTime64(');
}

/**
 * The ClickHouse column type a sink creates, always Nullable (DuckDB columns
 * may hold NULL). Timestamps become DateTime('UTC'): whole seconds, which is
 * all ClickHouse 18.x stores (a value with a fraction is refused, not cut).
 */
export function clickhouseTypeOf(c: Column): string {
  return `Nullable(${baseType(c)})`;
}

function baseType(c: Column): string {
  const t = duckType(c.type);
  switch (t.family) {
    case 'boolean':
      return 'UInt8';
    case 'tinyint':
      return 'Int8';
    case 'smallint':
      return 'Int16';
    case 'integer':
      return 'Int32';
    case 'bigint':
      return 'Int64';
    case 'utinyint':
      return 'UInt8';
    case 'usmallint':
      return 'UInt16';
    case 'uinteger':
      return 'UInt32';
    case 'ubigint':
      return 'UInt64';
    case 'hugeint':
    case 'uhugeint':
      return 'Decimal(38,0)';
    case 'float':
      return 'Float32';
    case 'double':
      return 'Float64';
    case 'decimal':
      return `Decimal(${String(t.precision ?? 18)},${String(t.scale ?? 3)})`;
    case 'date':
      return 'Date';
    case 'timestamp':
    case 'timestamptz':
      return "DateTime('UTC')";
    case 'uuid':
      return 'UUID';
    case 'blob':
    case 'varchar':
    case 'time':
    case 'timetz':
    case 'interval':
    case 'json':
    case 'nested':
    case 'other':
      return 'String';
  }
}
