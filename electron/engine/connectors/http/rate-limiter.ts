import { sleep } from '../../session/abortable-sleep';
/**
 * At most `perSecond` request starts a second, evenly spaced (no bursts):
 * retries count too, since a server limiting its clients counts them.
 */
export class RateLimiter {
  private next = 0;
  private readonly intervalMs: number;

  constructor(perSecond: number) {
    this.intervalMs = perSecond > 0 ? 1000 / perSecond : 0;
  }

  async wait(signal: AbortSignal): Promise<void> {
    if (this.intervalMs === 0) return;
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await sleep(at - now, signal);
  }
}
