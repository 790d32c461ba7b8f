import type { Column } from '../../../../shared/catalog/node-type';
import { duckType } from '../../external/duck-types';
import type { ExternalValue } from '../../external/types';

/**
 * SQLite ⇄ DuckDB types (docs/type-mapping.md has the whole table). SQLite
 * types are declarations with affinities; the declared name decides the
 * DuckDB type, and columns declared without a type are typed from their
 * first values.
 */

export function duckTypeOfSqlite(declared: string): string | undefined {
  const t = declared.trim().toUpperCase();
  if (t === '') return undefined;
  if (t === 'BOOLEAN' || t === 'BOOL') return 'BOOLEAN';
  if (t === 'DATE') return 'DATE';
  if (t === 'TIME') return 'TIME';
  if (t === 'TIMESTAMPTZ' || t === 'TIMESTAMP WITH TIME ZONE') return 'TIMESTAMP WITH TIME ZONE';
  if (/^(DATETIME|TIMESTAMP)(\(\d+\))?$/.test(t)) return 'TIMESTAMP';
  if (t === 'INTERVAL') return 'INTERVAL';
  if (t === 'UUID') return 'UUID';
  if (t === 'JSON') return 'JSON';
  if (t === 'TINYINT') return 'TINYINT';
  if (t === 'SMALLINT') return 'SMALLINT';
  const dec = /^(?:DECIMAL|NUMERIC)\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(t);
  if (dec !== null) {
    const p = Number(dec[1]);
    const s = Number(dec[2]);
    return p >= 1 && p <= 38 && s <= p ? `DECIMAL(${p},${s})` : 'VARCHAR';
  }
  // SQLite's own affinity rules, in its order.
  if (t.includes('INT')) return 'BIGINT';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'VARCHAR';
  if (t.includes('BLOB')) return 'BLOB';
  if (t === 'FLOAT') return 'FLOAT';
  // REAL affinity (REAL, FLOA, DOUB) and NUMERIC affinity alike.
  return 'DOUBLE';
}

/** The type of an undeclared column, from some of its values. */
export function inferType(values: readonly ExternalValue[]): string {
  const kinds = new Set<string>();
  for (const v of values) {
    if (v === null) continue;
    if (typeof v === 'bigint') kinds.add('int');
    else if (typeof v === 'number') kinds.add(Number.isInteger(v) ? 'int' : 'real');
    else if (v instanceof Uint8Array) kinds.add('blob');
    else kinds.add('text');
  }
  if (kinds.size === 1 && kinds.has('int')) return 'BIGINT';
  if (kinds.size > 0 && [...kinds].every((k) => k === 'int' || k === 'real')) return 'DOUBLE';
  if (kinds.size === 1 && kinds.has('blob')) return 'BLOB';
  return 'VARCHAR';
}

/** The declared type a sink creates. Values SQLite would round (wide decimals, 128-bit integers) are kept as text. */
export function sqliteTypeOf(c: Column): string {
  const t = duckType(c.type);
  switch (t.family) {
    case 'boolean':
      return 'BOOLEAN';
    case 'tinyint':
      return 'TINYINT';
    case 'smallint':
      return 'SMALLINT';
    case 'integer':
    case 'bigint':
    case 'utinyint':
    case 'usmallint':
    case 'uinteger':
      return 'INTEGER';
    case 'ubigint':
    case 'hugeint':
    case 'uhugeint':
      return 'TEXT';
    case 'float':
      return 'FLOAT';
    case 'double':
      return 'REAL';
    case 'decimal':
      return (t.precision ?? 18) <= 15 ? `DECIMAL(${String(t.precision ?? 18)},${String(t.scale ?? 3)})` : 'TEXT';
    case 'blob':
      return 'BLOB';
    case 'date':
      return 'DATE';
    case 'time':
      return 'TIME';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'timestamptz':
      return 'TIMESTAMPTZ';
    case 'interval':
      return 'INTERVAL';
    case 'uuid':
      return 'UUID';
    case 'json':
    case 'nested':
      return 'JSON';
    case 'timetz':
    case 'varchar':
    case 'other':
      return 'TEXT';
  }
}
