import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';

/**
 * A JSON API on 127.0.0.1 for the HTTP source's tests: each test gives the
 * handler, and reads back what the server saw (request URLs, headers and
 * arrival times, requests the client abandoned).
 */

export interface SeenRequest {
  url: URL;
  headers: IncomingHttpHeaders;
  /** performance.now() at arrival. */
  at: number;
}

export type ApiHandler = (req: SeenRequest, res: ServerResponse, n: number) => void | Promise<void>;

export interface TestApi {
  /** `http://127.0.0.1:PORT`. */
  base: string;
  requests: SeenRequest[];
  /** Requests whose connection the client closed before the response was sent. */
  abandoned: number;
  close(): Promise<void>;
}

export async function startApi(handler: ApiHandler): Promise<TestApi> {
  const api: TestApi = { base: '', requests: [], abandoned: 0, close: async () => undefined };
  const server = createServer((req, res) => {
    const seen: SeenRequest = {
      url: new URL(req.url ?? '/', 'http://127.0.0.1'),
      headers: req.headers,
      at: performance.now(),
    };
    api.requests.push(seen);
    res.on('close', () => {
      if (!res.writableFinished) api.abandoned++;
    });
    void Promise.resolve(handler(seen, res, api.requests.length)).catch((e: unknown) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  api.base = `http://127.0.0.1:${port}`;
  api.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return api;
}

export function sendJson(res: ServerResponse, body: unknown, headers: Record<string, string> = {}, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
