import type { PipelineSession } from '../engine';

/**
 * The few most recently used pipeline sessions, so the preview that follows
 * an unchanged check reuses its bound views instead of opening DuckDB again.
 * A session still in use when it falls out (a long run, a slow preview) is
 * closed only when its last user is done.
 */

interface Entry {
  session: Promise<PipelineSession>;
  users: number;
  evicted: boolean;
}

export interface SessionCache {
  /** Runs `work` on the session for `key`, opening it with `open` on a miss. */
  use<T>(key: string, open: () => Promise<PipelineSession>, work: (session: PipelineSession) => Promise<T>): Promise<T>;
  /** Keys currently cached, least recently used first (for tests). */
  keys(): string[];
  close(): void;
}

export function createSessionCache(capacity = 3): SessionCache {
  const entries = new Map<string, Entry>();

  const dispose = (entry: Entry): void => {
    entry.session.then(
      (s) => s.close(),
      () => undefined,
    );
  };
  const evict = (key: string, entry: Entry): void => {
    if (entries.get(key) === entry) entries.delete(key);
    entry.evicted = true;
    if (entry.users === 0) dispose(entry);
  };

  return {
    async use(key, open, work) {
      let entry = entries.get(key);
      if (entry === undefined) {
        entry = { session: open(), users: 0, evicted: false };
      }
      // Re-inserting keeps the Map in least-recently-used order.
      entries.delete(key);
      entries.set(key, entry);
      entry.users++;
      for (const [k, e] of entries) {
        if (entries.size <= capacity) break;
        evict(k, e);
      }
      try {
        const session = await entry.session;
        return await work(session);
      } catch (e) {
        // A session that failed to open is not worth keeping: the next request retries.
        const opened = await entry.session.then(
          () => true,
          () => false,
        );
        if (!opened) evict(key, entry);
        throw e;
      } finally {
        entry.users--;
        if (entry.evicted && entry.users === 0) dispose(entry);
      }
    },
    keys: () => [...entries.keys()],
    close() {
      for (const [k, e] of [...entries]) evict(k, e);
    },
  };
}
