import type { ServerResponse } from 'node:http';

/**
 * Server-Sent Events to every open `GET /api/events`: the engine host's
 * events (run progress, …) as `data: {"event", "payload"}` messages.
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
    for (const res of clients) res.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  timer.unref();
  return {
    attach(res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      clients.add(res);
      res.on('close', () => clients.delete(res));
    },
    send(event, payload) {
      const line = `data: ${JSON.stringify({ event, payload })}\n\n`;
      for (const res of clients) res.write(line);
    },
    close() {
      clearInterval(timer);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
