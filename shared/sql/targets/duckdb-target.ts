import { ident, str } from '../quote';
import { same, type FunctionSpelling, type TargetDialect } from './target-dialect';

/** DuckDB itself: the reference every other target is compared with. */
const functions = new Map<string, FunctionSpelling>([
  ['lower', same('lower', [1], 'text')],
  ['upper', same('upper', [1], 'text')],
  ['length', same('length', [1], 'integer')],
  ['nullif', same('nullif', [2])],
  ['abs', same('abs', [1])],
  ['round', same('round', [1, 2])],
  ['substr', same('substr', [2, 3], 'text')],
  ['substring', same('substring', [2, 3], 'text')],
  ['date_trunc', (args) => ({ sql: `date_trunc(${args.map((a) => a.sql).join(', ')})`, kind: 'unknown' })],
  ['trim', same('trim', [1], 'text')],
]);

export const DUCKDB_TARGET: TargetDialect = {
  name: 'duckdb',
  label: 'DuckDB',
  ident,
  str,
  limit: (n) => `LIMIT ${String(Math.max(0, Math.floor(n)))}`,
  typeName: (t) => (t.id === 'DECIMAL' ? `DECIMAL(${String(t.width)}, ${String(t.scale)})` : t.id),
  concat: (a, b) => `(${a} || ${b})`,
  divide: (a, b) => `(${a.sql} / ${b.sql})`,
  bytewise: (sql) => sql,
  like: (value, pattern, negated) => `(${value} ${negated ? 'NOT LIKE' : 'LIKE'} ${pattern.sql})`,
  functions,
  supports: { fullJoin: true, nullsOrder: true, distinct: true, booleanValues: true },
};
