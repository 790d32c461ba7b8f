import { DuckDBInstance, type Json } from '@duckdb/node-api';

/** Runs a query in a throwaway in-memory DuckDB and returns its rows as JSON objects. */
export async function queryRows(sql: string): Promise<Array<Record<string, Json>>> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** SQL text for a file path. */
export function sqlPath(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}

/** Rows with every float rounded, so that sums computed in another order compare equal. */
export function rounded(rows: ReadonlyArray<Record<string, Json>>, digits = 6): Array<Record<string, Json>> {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(digits)) : v])));
}
