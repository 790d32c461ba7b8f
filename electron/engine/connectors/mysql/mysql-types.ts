import type { Column } from '../../../../shared/catalog/node-type';
import { duckType } from '../../external/duck-types';

/**
 * MySQL/MariaDB ⇄ DuckDB types (docs/type-mapping.md has the whole table).
 * Values cross as the server's text (or bytes for binary columns) and
 * DuckDB casts them.
 */

/** Result-column metadata, as the protocol's column definition gives it. */
export interface MysqlField {
  name: string;
  columnType: number;
  flags: number;
  columnLength: number;
  decimals: number;
  characterSet: number;
  extendedFormat?: string;
  extendedTypeName?: string;
}

/** How a value of the column crosses to DuckDB. */
export type MysqlValueKind = 'text' | 'bytes' | 'bool' | 'bits' | 'date' | 'utc';

const UNSIGNED = 32;
const BINARY_CHARSET = 63;

export function describeMysqlField(f: MysqlField): { type: string; kind: MysqlValueKind } {
  const unsigned = (f.flags & UNSIGNED) !== 0;
  const extended = (f.extendedTypeName ?? '').toLowerCase();
  switch (f.columnType) {
    case 1: // TINYINT: TINYINT(1) is MySQL's BOOLEAN
      if (f.columnLength === 1) return { type: 'BOOLEAN', kind: 'bool' };
      return { type: unsigned ? 'UTINYINT' : 'TINYINT', kind: 'text' };
    case 2:
      return { type: unsigned ? 'USMALLINT' : 'SMALLINT', kind: 'text' };
    case 3:
    case 9:
      return { type: unsigned ? 'UINTEGER' : 'INTEGER', kind: 'text' };
    case 8:
      return { type: unsigned ? 'UBIGINT' : 'BIGINT', kind: 'text' };
    case 4:
      return { type: 'FLOAT', kind: 'text' };
    case 5:
      return { type: 'DOUBLE', kind: 'text' };
    case 0:
    case 246: {
      // The display length counts the sign and the point.
      const precision = f.columnLength - (f.decimals > 0 ? 1 : 0) - (unsigned ? 0 : 1);
      return precision >= 1 && precision <= 38
        ? { type: `DECIMAL(${precision},${f.decimals})`, kind: 'text' }
        : { type: 'VARCHAR', kind: 'text' };
    }
    case 10:
    case 14:
      return { type: 'DATE', kind: 'date' };
    case 12:
      return { type: 'TIMESTAMP', kind: 'date' };
    case 7: // TIMESTAMP is stored in UTC; the session's time zone is UTC
      return { type: 'TIMESTAMP WITH TIME ZONE', kind: 'utc' };
    case 11:
      return { type: 'TIME', kind: 'text' };
    case 13:
      return { type: 'SMALLINT', kind: 'text' };
    case 16:
      return f.columnLength === 1 ? { type: 'BOOLEAN', kind: 'bits' } : { type: 'UBIGINT', kind: 'bits' };
    case 245:
      return { type: 'JSON', kind: 'text' };
    case 255:
      return { type: 'BLOB', kind: 'bytes' };
    default:
      if (extended === 'uuid') return { type: 'UUID', kind: 'text' };
      if ((f.extendedFormat ?? '').toLowerCase() === 'json') return { type: 'JSON', kind: 'text' };
      // Strings and blobs: binary ones (BINARY, VARBINARY, BLOB) by their character set.
      return f.characterSet === BINARY_CHARSET ? { type: 'BLOB', kind: 'bytes' } : { type: 'VARCHAR', kind: 'text' };
  }
}

/** The MySQL column type a sink creates; key columns get indexable types. */
export function mysqlTypeOf(c: Column, key: boolean): string {
  const t = duckType(c.type);
  switch (t.family) {
    case 'boolean':
      return 'BOOLEAN';
    case 'tinyint':
      return 'TINYINT';
    case 'smallint':
      return 'SMALLINT';
    case 'integer':
      return 'INT';
    case 'bigint':
      return 'BIGINT';
    case 'utinyint':
      return 'TINYINT UNSIGNED';
    case 'usmallint':
      return 'SMALLINT UNSIGNED';
    case 'uinteger':
      return 'INT UNSIGNED';
    case 'ubigint':
      return 'BIGINT UNSIGNED';
    case 'hugeint':
    case 'uhugeint':
      return 'DECIMAL(39,0)';
    case 'float':
      return 'FLOAT';
    case 'double':
      return 'DOUBLE';
    case 'decimal':
      return `DECIMAL(${String(t.precision ?? 18)},${String(t.scale ?? 3)})`;
    case 'blob':
      return key ? 'VARBINARY(255)' : 'LONGBLOB';
    case 'date':
      return 'DATE';
    case 'time':
      return 'TIME(6)';
    case 'timestamp':
      return 'DATETIME(6)';
    case 'timestamptz':
      return 'TIMESTAMP(6) NULL';
    case 'uuid':
      return 'CHAR(36)';
    case 'json':
    case 'nested':
      return 'JSON';
    case 'timetz':
    case 'interval':
      return 'VARCHAR(64)';
    case 'varchar':
    case 'other':
      return key ? 'VARCHAR(255)' : 'LONGTEXT';
  }
}
