import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DutoError, error } from '../../../shared/diagnostics';

/**
 * One request's own connection (a preview, a profile): interrupted when
 * `signal` aborts, closed whatever happens. A request cancelled before it
 * starts is refused as `run.cancelled` on its node, as an interrupted one is.
 */
export async function withConnection<T>(
  instance: DuckDBInstance,
  nodeId: string,
  signal: AbortSignal | undefined,
  work: (conn: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const conn = await instance.connect();
  const onAbort = (): void => conn.interrupt();
  signal?.addEventListener('abort', onAbort);
  try {
    if (signal?.aborted === true) throw new DutoError([error('run.cancelled', {}, { nodeId })]);
    return await work(conn);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    conn.closeSync();
  }
}
