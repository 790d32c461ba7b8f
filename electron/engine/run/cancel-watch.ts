import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * A run's answer to its cancel signal: connectors stop on `signal`, DuckDB
 * on interrupt. `asked` says a cancel came; the run counts as cancelled only
 * if that stopped a unit (a late cancel finds the work done).
 */
export class CancelWatch {
  asked = false;
  private readonly stop = new AbortController();
  private reinterrupt: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly cancel: AbortSignal | undefined,
  ) {
    cancel?.addEventListener('abort', this.onAbort);
    // A signal aborted before the run began fires no event.
    if (cancel?.aborted === true) this.onAbort();
  }

  /** What connectors stop on. */
  get signal(): AbortSignal {
    return this.stop.signal;
  }

  dispose(): void {
    this.cancel?.removeEventListener('abort', this.onAbort);
    clearInterval(this.reinterrupt);
  }

  private readonly onAbort = (): void => {
    this.asked = true;
    this.stop.abort();
    this.conn.interrupt();
    // An interrupt that lands just before DuckDB starts a statement is lost: repeat it until the run ends.
    this.reinterrupt = setInterval(() => this.conn.interrupt(), 50);
  };
}
