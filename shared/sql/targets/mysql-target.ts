import { backtickIdent, mysqlStr } from '../quote';
import { mysqlAggregate, mysqlResultType } from './mysql-results';
import { substrSpelling } from './postgres-target';
import { isNonZeroConstant, same, type FunctionSpelling, type TargetDialect } from './target-dialect';

/** MySQL and MariaDB (tested on MariaDB 10.11). */
const functions = new Map<string, FunctionSpelling>([
  ['lower', same('LOWER', [1], 'text')],
  ['upper', same('UPPER', [1], 'text')],
  // LENGTH counts bytes there.
  ['length', same('CHAR_LENGTH', [1], 'integer')],
  ['nullif', same('NULLIF', [2])],
  ['abs', same('ABS', [1])],
  [
    'round',
    (args) => {
      const [x] = args;
      if (x === undefined || args.length > 2 || (x.kind !== 'decimal' && x.kind !== 'integer'))
        return { refuse: `round(${x?.kind ?? ''})` };
      return { sql: `ROUND(${args.map((a) => a.sql).join(', ')})`, kind: x.kind };
    },
  ],
  ['substr', substrSpelling('SUBSTRING')],
  ['substring', substrSpelling('SUBSTRING')],
  ['trim', same('TRIM', [1], 'text')],
]);

export const MYSQL_TARGET: TargetDialect = {
  name: 'mysql',
  label: 'MySQL',
  ident: backtickIdent,
  str: mysqlStr,
  limit: (n) => `LIMIT ${String(Math.max(0, Math.floor(n)))}`,
  typeName: (t) => {
    switch (t.id) {
      case 'DECIMAL':
        return `DECIMAL(${String(t.width)}, ${String(t.scale)})`;
      case 'INTEGER':
      case 'BIGINT':
        return 'SIGNED';
      case 'DOUBLE':
        return 'DOUBLE';
      case 'VARCHAR':
        return 'CHAR';
      case 'DATE':
        return 'DATE';
      case 'TIMESTAMP':
        return 'DATETIME(6)';
      case 'BOOLEAN':
        return null;
    }
  },
  concat: (a, b) => `CONCAT(${a}, ${b})`,
  // No Infinity there (x / 0 is NULL): only a constant, non-zero divisor keeps DuckDB's meaning.
  divide: (a, b) => (isNonZeroConstant(b) ? `(CAST(${a.sql} AS DOUBLE) / ${b.sql})` : { refuse: '/ by a column' }),
  // Default collations ignore case and trailing spaces; bytes of UTF-8 sort by code point, as DuckDB does.
  bytewise: (sql) => `CAST(${sql} AS BINARY)`,
  like: (value, pattern, negated) => {
    // A constant pattern only, without backslash (MySQL's default escape, which DuckDB does not have).
    if (pattern.text === undefined || pattern.text.includes('\\')) return { refuse: 'LIKE' };
    return `(CONVERT(${value} USING utf8mb4) COLLATE utf8mb4_bin ${negated ? 'NOT LIKE' : 'LIKE'} ${pattern.sql})`;
  },
  functions,
  resultType: mysqlResultType,
  aggregate: mysqlAggregate,
  supports: {
    fullJoin: false,
    nullsOrder: false,
    distinct: true,
    booleanValues: false,
    rowNumber: true,
    windows: true,
    coalesceConstant: true,
    unionNullKeepsType: true,
    unionAll: true,
  },
};
