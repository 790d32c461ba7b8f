import { sleep } from '../session/abortable-sleep';
import { ConnectorError } from '../external/types';
import { said as saying } from '../../../shared/messages/diagnostic-messages';

/**
 * One writer per target: how long a run waits for another run's lock, and
 * what it says meanwhile. The same loop serves lock files and database
 * locks: each try is immediate, so a wait can time out and be cancelled.
 */

export interface LockSettings {
  runId: string;
  /** How long to wait for a target another run holds; 0: fail at once. */
  waitMs: number;
  /** Told while waiting (and again whenever the holder changes). */
  onWaiting?: (message: string) => void;
}

/** `--lock-wait` default: ten minutes. */
export const DEFAULT_LOCK_WAIT_MS = 10 * 60_000;

export type LockAttempt<T> = { held: T } | { holder: string };

/** Tries `attempt` until it holds the lock, the wait limit passes (error `sink.locked`) or `signal` aborts. */
export async function waitForLock<T>(
  target: string,
  settings: LockSettings,
  signal: AbortSignal,
  attempt: () => Promise<LockAttempt<T>>,
): Promise<T> {
  const start = Date.now();
  let said = '';
  for (let i = 0; ; i++) {
    signal.throwIfAborted();
    const got = await attempt();
    if ('held' in got) return got.held;
    const waited = Date.now() - start;
    if (waited >= settings.waitMs) {
      throw new ConnectorError(
        settings.waitMs === 0
          ? saying('sink.locked', { target, holder: got.holder })
          : saying('sink.locked/waited', { target, holder: got.holder, seconds: Math.round(waited / 1000) }),
      );
    }
    if (got.holder !== said) {
      said = got.holder;
      settings.onWaiting?.(`waiting for ${target}: locked by ${got.holder}`);
    }
    await sleep(Math.min(1000, 50 * 2 ** Math.min(i, 5), Math.max(1, settings.waitMs - waited)), signal);
  }
}
