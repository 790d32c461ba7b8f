/**
 * DuckDB column types as connectors need them: what family a type is in
 * (to pick a database column type, or how a value crosses), parsed from the
 * type name DuckDB's DESCRIBE prints.
 */

export type DuckFamily =
  | 'boolean'
  | 'tinyint'
  | 'smallint'
  | 'integer'
  | 'bigint'
  | 'hugeint'
  | 'utinyint'
  | 'usmallint'
  | 'uinteger'
  | 'ubigint'
  | 'uhugeint'
  | 'float'
  | 'double'
  | 'decimal'
  | 'varchar'
  | 'blob'
  | 'date'
  | 'time'
  | 'timetz'
  | 'timestamp'
  | 'timestamptz'
  | 'interval'
  | 'uuid'
  | 'json'
  /** LIST, STRUCT, MAP, ARRAY, UNION: crosses as JSON text. */
  | 'nested'
  /** ENUM, BIT, BIGNUM and anything newer: crosses as text. */
  | 'other';

export interface DuckType {
  family: DuckFamily;
  precision?: number;
  scale?: number;
}

const SIMPLE: Readonly<Record<string, DuckFamily>> = {
  BOOLEAN: 'boolean',
  TINYINT: 'tinyint',
  SMALLINT: 'smallint',
  INTEGER: 'integer',
  BIGINT: 'bigint',
  HUGEINT: 'hugeint',
  UTINYINT: 'utinyint',
  USMALLINT: 'usmallint',
  UINTEGER: 'uinteger',
  UBIGINT: 'ubigint',
  UHUGEINT: 'uhugeint',
  FLOAT: 'float',
  DOUBLE: 'double',
  VARCHAR: 'varchar',
  BLOB: 'blob',
  DATE: 'date',
  TIME: 'time',
  'TIME WITH TIME ZONE': 'timetz',
  TIMETZ: 'timetz',
  TIMESTAMP: 'timestamp',
  TIMESTAMP_S: 'timestamp',
  TIMESTAMP_MS: 'timestamp',
  TIMESTAMP_NS: 'timestamp',
  'TIMESTAMP WITH TIME ZONE': 'timestamptz',
  TIMESTAMPTZ: 'timestamptz',
  INTERVAL: 'interval',
  UUID: 'uuid',
  JSON: 'json',
};

export function duckType(type: string): DuckType {
  const t = type.trim().toUpperCase();
  const simple = SIMPLE[t];
  if (simple !== undefined) return { family: simple };
  const dec = /^(?:DECIMAL|NUMERIC)(?:\((\d+)\s*,\s*(\d+)\))?$/.exec(t);
  if (dec !== null) return { family: 'decimal', precision: Number(dec[1] ?? 18), scale: Number(dec[2] ?? 3) };
  if (/\[\d*\]$/.test(t) || /^(STRUCT|MAP|UNION)\(/.test(t)) return { family: 'nested' };
  return { family: 'other' };
}

/** Integer families, for appending and watermarks. */
export const INTEGER_FAMILIES: ReadonlySet<DuckFamily> = new Set([
  'tinyint',
  'smallint',
  'integer',
  'bigint',
  'hugeint',
  'utinyint',
  'usmallint',
  'uinteger',
  'ubigint',
  'uhugeint',
]);

/**
 * A type name a connector reported, checked before it is written into a
 * CREATE TABLE: letters, digits, spaces and an optional (p, s) — no quotes,
 * no statement separators.
 */
export function isPlainTypeName(type: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\d*\])*$/.test(type.trim());
}

const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/i;

/** Whether a DuckDB type name is a number (integers of every width, floats, decimals). */
export function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type.trim());
}
