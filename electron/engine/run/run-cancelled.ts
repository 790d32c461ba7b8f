/**
 * A run (or a write) stopped because it was asked to: thrown by the engine
 * itself when a cancel arrives between statements, or after DuckDB finished
 * a COPY that must now be discarded.
 */
export class RunCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'RunCancelled';
  }
}

/** DuckDB's own words when `connection.interrupt()` stops a statement. */
const DUCKDB_INTERRUPT = /^INTERRUPT Error|Interrupted!/;

/** A cancel, ours or DuckDB's: what stopped is not a failure. */
export function isCancellation(e: unknown): boolean {
  return e instanceof RunCancelled || DUCKDB_INTERRUPT.test(e instanceof Error ? e.message : String(e));
}
