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

/**
 * `actual` with every float that is within a relative 1e-9 of the float `expected` holds at the same
 * place replaced by that one: sums computed in another order differ in their last bits, and rounding to
 * fixed digits flips at a boundary (104.6368875 rounds either way). A `toEqual` on the result still
 * shows a real difference in full.
 */
export function closeTo(
  actual: ReadonlyArray<Record<string, Json>>,
  expected: ReadonlyArray<Record<string, Json>>,
): Array<Record<string, Json>> {
  return actual.map((row, i) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => {
        const want = expected[i]?.[k];
        const near =
          typeof v === 'number' &&
          typeof want === 'number' &&
          Math.abs(v - want) <= 1e-9 * Math.max(1, Math.abs(v), Math.abs(want));
        return [k, near ? want : v];
      }),
    ),
  );
}
