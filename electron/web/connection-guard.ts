import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { refuse } from './responses';

/**
 * What keeps a hostile client from taking the browser shell down: every
 * request handler runs inside a guard (a throw or a rejection answers 400,
 * never reaches the process), a request the HTTP parser rejects is answered
 * with a status and its connection closed, and CONNECT is refused.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Node's own limits, set here so that they are stated: beyond them the parser refuses the request (431). */
export const SERVER_LIMITS = {
  maxHeaderSize: 16 * 1024,
  headersTimeout: 20_000,
  requireHostHeader: true,
} as const;

export function guardServer(server: Server, handler: Handler): void {
  // The responses not yet finished on each connection: an error status may be written raw only before any of them has begun.
  const pending = new WeakMap<Duplex, Set<ServerResponse>>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const set = pending.get(socket) ?? new Set<ServerResponse>();
    pending.set(socket, set);
    set.add(res);
    res.on('close', () => set.delete(res));
    res.on('finish', () => set.delete(res));
    // An aborted upload emits 'error' on the request; it is the client's problem, not the server's.
    req.on('error', () => undefined);
    try {
      const done = handler(req, res);
      if (done !== undefined) done.catch((e: unknown) => failed(res, e));
    } catch (e) {
      failed(res, e);
    }
  });
  server.on('clientError', (error: Error, socket: Duplex) => {
    const started = [...(pending.get(socket) ?? [])].some((res) => res.headersSent);
    if (socket.writable && !started) socket.write(rawStatus(statusOf(error)));
    socket.destroy();
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => undefined);
    socket.end(rawStatus(405));
  });
}

function failed(res: ServerResponse, e: unknown): void {
  console.error(`duto web: a request failed: ${e instanceof Error ? e.message : String(e)}`);
  refuse(res, 400, 'bad request', { Connection: 'close' });
}

function statusOf(error: Error): number {
  const code = 'code' in error ? error.code : undefined;
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

function rawStatus(status: number): string {
  return `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;
}
