import { DuckDBTypeId, type DuckDBConnection } from '@duckdb/node-api';
import type { Column } from '../../../shared/catalog/node-type';
import { guarded, unguard } from '../preview/preview-values';
import { readOne } from '../walls/one-statement';

/* Its own module: bind-views and the external nodes both use it. */

/** Types whose names DuckDB's result metadata spells unlike DESCRIBE (quoted field names): these are described. */
const NESTED = new Set<DuckDBTypeId>([
  DuckDBTypeId.LIST,
  DuckDBTypeId.STRUCT,
  DuckDBTypeId.MAP,
  DuckDBTypeId.ARRAY,
  DuckDBTypeId.UNION,
]);

/**
 * A query's columns without running it. Given the names its columns may
 * have (`known`: its inputs' and its params'), the prepared statement's
 * metadata is read instead of a DESCRIBE, at a fraction of the cost (which
 * matters at 10,000 nodes). That metadata cuts a name at a NUL character, so it is believed
 * only when every name is a known one, once; nested types are described too
 * (their spelling differs).
 */
export async function describe(
  conn: DuckDBConnection,
  selectSql: string,
  known?: ReadonlySet<string>,
): Promise<Column[]> {
  if (known === undefined) return describeFully(conn, selectSql);
  // Preparing binds without executing: one round trip, and DuckDB plans nothing.
  const prepared = await conn.prepare(selectSql);
  try {
    const columns: Column[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < prepared.columnCount; i++) {
      const type = prepared.columnType(i);
      const name = prepared.columnName(i);
      if (NESTED.has(type.typeId) || !known.has(name) || seen.has(name)) return await describeFully(conn, selectSql);
      seen.add(name);
      // JSON is VARCHAR with an alias, which the logical type keeps.
      columns.push({ name, type: type.alias ?? type.toString() });
    }
    return columns;
  } finally {
    prepared.destroySync();
  }
}

/** The names a node's columns may have without reading data: its inputs' columns and every text in its params. */
export function knownNames(inputs: ReadonlyArray<readonly Column[] | undefined>, params: unknown): Set<string> {
  const names = new Set<string>();
  for (const cols of inputs) for (const c of cols ?? []) names.add(c.name);
  const stack: unknown[] = [params];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') names.add(v);
    else if (Array.isArray(v)) stack.push(...v);
    else if (typeof v === 'object' && v !== null) stack.push(...Object.values(v));
  }
  return names;
}

async function describeFully(conn: DuckDBConnection, selectSql: string): Promise<Column[]> {
  // Names cross guarded too: a column named with a leading U+FEFF keeps it (see preview-values.ts).
  const reader = await readOne(conn, `SELECT ${guarded('column_name')}, column_type FROM (DESCRIBE ${selectSql})`);
  return reader.getRowsJson().map((row) => ({ name: unguard(String(row[0])), type: String(row[1]) }));
}
