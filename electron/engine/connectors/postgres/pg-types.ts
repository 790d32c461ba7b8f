import type { Column } from '../../../../shared/catalog/node-type';
import { duckType } from '../../external/duck-types';

/**
 * PostgreSQL ⇄ DuckDB types (docs/type-mapping.md has the whole table).
 * Values cross as PostgreSQL's own text (ISO dates, UTC offsets) and DuckDB
 * casts them, so nothing is rounded through a JavaScript number or Date.
 */

const BY_OID: ReadonlyMap<number, string> = new Map([
  [16, 'BOOLEAN'],
  [17, 'BLOB'],
  [20, 'BIGINT'],
  [21, 'SMALLINT'],
  [23, 'INTEGER'],
  [26, 'BIGINT'], // oid
  [114, 'JSON'],
  [700, 'FLOAT'],
  [701, 'DOUBLE'],
  [1082, 'DATE'],
  [1083, 'TIME'],
  [1114, 'TIMESTAMP'],
  [1184, 'TIMESTAMP WITH TIME ZONE'],
  [1186, 'INTERVAL'],
  [1266, 'TIME WITH TIME ZONE'],
  [2950, 'UUID'],
  [3802, 'JSON'], // jsonb
]);

export const BYTEA_OID = 17;
const NUMERIC_OID = 1700;

/**
 * An unconstrained numeric (typmod -1: any scale per value). Read as DOUBLE
 * so arithmetic works at design time, and the source says what it costs
 * (about 15 significant digits). A declared numeric(p,s) wider than
 * DuckDB's 38 digits stays exact, as text: someone asked for those digits.
 */
export function isUnconstrainedNumeric(oid: number, typmod: number): boolean {
  return oid === NUMERIC_OID && typmod < 4;
}

/** The DuckDB type of a result column, from its type OID and modifier. */
export function duckTypeOfPg(oid: number, typmod: number): string {
  if (oid === NUMERIC_OID) {
    if (isUnconstrainedNumeric(oid, typmod)) return 'DOUBLE';
    // numeric(p,s) carries ((p << 16) | s) + 4; DuckDB's DECIMAL stops at 38 digits: wider kept exact as text.
    const precision = ((typmod - 4) >> 16) & 0xffff;
    const scale = (typmod - 4) & 0xffff;
    return precision <= 38 && scale <= precision ? `DECIMAL(${precision},${scale})` : 'VARCHAR';
  }
  // Everything else (text, varchar, char, arrays, enums, inet, money, xml…) reads as text.
  return BY_OID.get(oid) ?? 'VARCHAR';
}

/** The PostgreSQL column type a sink creates for a DuckDB column. */
export function pgTypeOf(c: Column): string {
  const t = duckType(c.type);
  switch (t.family) {
    case 'boolean':
      return 'boolean';
    case 'tinyint':
    case 'smallint':
    case 'utinyint':
      return 'smallint';
    case 'integer':
    case 'usmallint':
      return 'integer';
    case 'bigint':
    case 'uinteger':
      return 'bigint';
    case 'ubigint':
      return 'numeric(20,0)';
    case 'hugeint':
    case 'uhugeint':
      return 'numeric(39,0)';
    case 'float':
      return 'real';
    case 'double':
      return 'double precision';
    case 'decimal':
      return `numeric(${String(t.precision ?? 18)},${String(t.scale ?? 3)})`;
    case 'blob':
      return 'bytea';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'timetz':
      return 'timetz';
    case 'timestamp':
      return 'timestamp';
    case 'timestamptz':
      return 'timestamptz';
    case 'interval':
      return 'interval';
    case 'uuid':
      return 'uuid';
    case 'json':
    case 'nested':
      return 'jsonb';
    case 'varchar':
    case 'other':
      return 'text';
  }
}
