import type { DuckDBConnection } from '@duckdb/node-api';
import type { Column } from '../../shared/catalog/node-type';
import { guarded, unguard } from './preview-values';
import { readOne } from './walls/one-statement';

/** A query's columns: DESCRIBE binds it without executing. Its own module: bind-views and the external nodes both use it. */
export async function describe(conn: DuckDBConnection, selectSql: string): Promise<Column[]> {
  // Names cross guarded too: a column named with a leading U+FEFF keeps it (see preview-values.ts).
  const reader = await readOne(conn, `SELECT ${guarded('column_name')}, column_type FROM (DESCRIBE ${selectSql})`);
  return reader.getRowsJson().map((row) => ({ name: unguard(String(row[0])), type: String(row[1]) }));
}
