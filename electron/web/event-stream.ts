import type { ServerResponse } from 'node:http';
import { COMMON_HEADERS } from './responses';

/**
 * Server-Sent Events to every open `GET /api/events`: the engine host's
 * events (run progress, …) as `data: {"event", "payload"}` messages. The
 * page reads it through fetch, so that the token travels in a header like
 * every other API call (EventSource cannot set one).
 */
export interface EventStream {
  attach(res: ServerResponse): void;
  send(event: string, payload: unknown): void;
  close(): void;
}

const KEEPALIVE_MS = 20_000;

export function createEventStream(): EventStream {
  const clients = new Set<ServerResponse>();
  // A comment line now and then keeps proxies and idle timeouts from closing a quiet stream.
  const timer = setInterval(() => {
    for (const res of clients) write(res, ': keepalive\n\n');
  }, KEEPALIVE_MS);
  timer.unref();
  return {
    attach(res) {
      res.writeHead(200, {
        ...COMMON_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      clients.add(res);
      res.on('close', () => clients.delete(res));
    },
    send(event, payload) {
      const line = `data: ${JSON.stringify({ event, payload })}\n\n`;
      for (const res of clients) write(res, line);
    },
    close() {
      clearInterval(timer);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}

/** A client that went away is dropped on its 'close'; until then nothing is written to a stream already ended. */
function write(res: ServerResponse, text: string): void {
  if (!res.writableEnded && !res.destroyed) res.write(text);
}
