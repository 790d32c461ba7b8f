import { DuckDBInstance } from '@duckdb/node-api';

/**
 * An empty in-memory DuckDB started ahead of need. Creating one takes ≈ 20 ms
 * on a thread of DuckDB's own, which a command overlaps with reading and
 * checking its pipeline (issue #12, fast starts). The next sandbox takes it
 * and configures it exactly as a fresh one (sandbox.ts): it is one, never
 * used before and reachable from nowhere else.
 */
let spare: Promise<DuckDBInstance> | undefined;

export function prestartInstance(): void {
  if (spare !== undefined) return;
  const started = DuckDBInstance.create(':memory:');
  // A start that failed is retried by the taker, whose error is then the one reported.
  started.catch(() => undefined);
  spare = started;
}

/** The prestarted instance (once), else a new one. */
export async function takeInstance(): Promise<DuckDBInstance> {
  const started = spare;
  spare = undefined;
  if (started !== undefined) {
    const instance = await started.catch(() => undefined);
    if (instance !== undefined) return instance;
  }
  return DuckDBInstance.create(':memory:');
}

/** Closes a prestarted instance nothing took (a command that ended before opening its pipeline). */
export async function discardPrestarted(): Promise<void> {
  const started = spare;
  spare = undefined;
  (await started?.catch(() => undefined))?.closeSync();
}
