import type {
  DuckDBConnection,
  DuckDBMaterializedResult,
  DuckDBPreparedStatement,
  DuckDBResult,
  DuckDBResultReader,
} from '@duckdb/node-api';

/**
 * The second wall (ARCHITECTURE.md, Walls): every statement the engine builds around
 * user text goes through a prepared statement, and DuckDB refuses to prepare
 * more than one statement at once ("Cannot prepare multiple statements at
 * once!"). Whatever got past the expression and query checks (walls/user-sql.ts)
 * still cannot stack a second statement. The linter keeps templated SQL out of
 * `conn.run`/`runAndReadAll` elsewhere in the engine.
 */

async function prepared<T>(
  conn: DuckDBConnection,
  sql: string,
  use: (p: DuckDBPreparedStatement) => Promise<T>,
): Promise<T> {
  const p = await conn.prepare(sql);
  try {
    return await use(p);
  } finally {
    p.destroySync();
  }
}

/** Runs exactly one statement. */
export function runOne(conn: DuckDBConnection, sql: string): Promise<DuckDBMaterializedResult> {
  return prepared(conn, sql, (p) => p.run());
}

/** Runs exactly one statement and reads all of its rows. */
export function readOne(conn: DuckDBConnection, sql: string): Promise<DuckDBResultReader> {
  return prepared(conn, sql, (p) => p.runAndReadAll());
}

/**
 * Streams exactly one statement's result. The prepared statement stays
 * alive while the result is read (its own lifetime ends with the result).
 */
export async function streamOne(conn: DuckDBConnection, sql: string): Promise<DuckDBResult> {
  const p = await conn.prepare(sql);
  return p.stream();
}
