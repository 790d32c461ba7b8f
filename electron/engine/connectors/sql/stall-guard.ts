import { ConnectorError } from '../../external/types';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * Every wait on a database server is bounded: a network that
 * freezes mid-load (a dead NAT entry, a hung proxy) otherwise leaves a run
 * waiting forever, since TCP keepalives are answered by whatever still holds
 * the socket. A guard bounds each wait for the server — an answer, the next
 * chunk of a result, a drained write buffer — by the connection's
 * no-progress timeout; when one passes it destroys the socket and the wait
 * fails with a message naming the connection and the setting.
 * Time Duto spends on its own side (DuckDB computing a sink's input) is not
 * a wait on the server and is never counted.
 */

/** The default no-progress timeout, in seconds (`idleTimeoutSeconds` in a connection's options). */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

export class StallGuard {
  /** Whether a wait timed out (the socket is gone: nothing more to say to the server). */
  tripped = false;

  constructor(
    private readonly ms: number,
    private readonly label: string,
    private readonly destroy: () => void,
  ) {}

  /** The error of a wait that saw no progress. */
  stalled(): ConnectorError {
    const s = this.ms / 1000;
    return new ConnectorError(
      said('connection.stalled', { name: this.label, seconds: Number.isInteger(s) ? String(s) : s.toFixed(1) }),
    );
  }

  /** `p`, or a `connection.stalled` error once the timeout passes without it (the socket is then destroyed). */
  async wait<T>(p: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.tripped = true;
        this.destroy();
        reject(this.stalled());
      }, this.ms);
    });
    try {
      return await Promise.race([p, timeout]);
    } finally {
      clearTimeout(timer);
      // The losing promise must not reject unhandled.
      p.catch(() => undefined);
    }
  }

  /** The items of `it`, each bounded like `wait` (the consumer's own pace is not counted). */
  async *iterate<T>(it: AsyncIterable<T>): AsyncIterable<T> {
    const iterator = it[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await this.wait(iterator.next());
        if (next.done === true) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.().catch(() => undefined);
    }
  }
}

/** The no-progress timeout of a connection, in ms. */
export function idleTimeoutMs(options: { idleTimeoutSeconds?: number | undefined }): number {
  return Math.round((options.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS) * 1000);
}
