import { z } from 'zod';
import { isEventName, type EventName } from '../../../shared/ipc/contract';
import { sseParser } from './sse-parser';
import type { Call, Subscribe } from './transport';

/**
 * The browser shell's transport: `POST /api/<operation>` and the event
 * stream `GET /api/events`, both with this launch's token in the
 * Authorization header. The stream is read through fetch rather than
 * EventSource, which cannot set a header (the token would have to go in the
 * URL or a cookie). No cookie is sent or needed.
 */

export interface HttpTransport {
  call: Call;
  subscribe: Subscribe;
  /** Stops the event stream for good (tests; a page just goes away). */
  close(): void;
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Waits between reconnections of the event stream: doubling from the first, up to the last. */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

const BACKOFF: Backoff = { firstMs: 500, maxMs: 10_000 };

export const UNAUTHORIZED_MESSAGE =
  "this page does not hold this launch's key: open the address the browser shell printed when it started";

export function httpTransport(token: string | null, fetchImpl: Fetch, backoff: Backoff = BACKOFF): HttpTransport {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const stop = new AbortController();
  let streaming = false;
  const headers = (extra: Record<string, string>): Record<string, string> => ({
    ...extra,
    Authorization: `Bearer ${token ?? ''}`,
  });

  const call: Call = async (name, request) => {
    if (token === null) return unauthorized();
    const response = await fetchImpl(`/api/${name}`, {
      method: 'POST',
      credentials: 'omit',
      cache: 'no-store',
      headers: headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify(request),
    });
    if (response.status === 401) return unauthorized();
    if (!response.headers.get('content-type')?.startsWith('application/json')) {
      const text = await response.text();
      return { ok: false, error: { code: 'transport', message: `${response.status}: ${text.trim()}` } };
    }
    return response.json();
  };

  const deliver = (data: string): void => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    const message = messageSchema.safeParse(parsed);
    if (!message.success || !isEventName(message.data.event)) return;
    for (const l of listeners.get(message.data.event) ?? []) l(message.data.payload);
  };

  // One stream for the page, opened on the first subscription, reopened when it drops (the server restarting, a sleep) until refused.
  const stream = async (): Promise<void> => {
    let wait = backoff.firstMs;
    while (!stop.signal.aborted) {
      try {
        const response = await fetchImpl('/api/events', {
          credentials: 'omit',
          cache: 'no-store',
          headers: headers({ Accept: 'text/event-stream' }),
          signal: stop.signal,
        });
        // Refused: this launch is over (or this page never had its key); only a new address helps.
        if (response.status === 401 || response.status === 403) return;
        if (response.ok && response.body !== null) {
          wait = backoff.firstMs;
          await readText(response.body, sseParser(deliver));
        }
      } catch {
        // The connection dropped: wait, then try again.
      }
      await sleep(wait, stop.signal);
      wait = Math.min(wait * 2, backoff.maxMs);
    }
  };

  const subscribe: Subscribe = (event, listener) => {
    let set = listeners.get(event);
    if (set === undefined) {
      set = new Set();
      listeners.set(event, set);
    }
    set.add(listener);
    if (!streaming && token !== null) {
      streaming = true;
      void stream();
    }
    return () => {
      set.delete(listener);
    };
  };

  return { call, subscribe, close: () => stop.abort() };
}

const messageSchema = z.object({ event: z.string(), payload: z.unknown() });

function unauthorized(): unknown {
  return { ok: false, error: { code: 'web.unauthorized', message: UNAUTHORIZED_MESSAGE } };
}

async function readText(body: ReadableStream<Uint8Array>, feed: (text: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    feed(decoder.decode(value, { stream: true }));
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
