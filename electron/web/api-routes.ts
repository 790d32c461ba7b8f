import type { IncomingMessage, ServerResponse } from 'node:http';
import { isOperationName } from '../../shared/ipc/contract';
import type { Dispatch } from '../host';
import type { EventStream } from './event-stream';
import { COMMON_HEADERS, refuse } from './responses';

/**
 * The API over HTTP, for the browser shell: `POST /api/<operation>` with a
 * JSON body answers the operation's Reply as JSON; `GET /api/events` streams
 * events. The caller has already passed the token, origin and host guards;
 * `name` is what follows `/api/`, decoded.
 */

/** Large enough for the biggest text the contract accepts (50 MB, JSON-escaped), no larger. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  dispatch: Dispatch,
  events: EventStream,
): void {
  if (name === 'events') {
    if (req.method !== 'GET') return refuse(res, 405, 'method not allowed', { Allow: 'GET' });
    events.attach(res);
    return;
  }
  if (!isOperationName(name))
    return json(res, 404, {
      ok: false,
      error: { code: 'request.unknown-operation', message: `there is no operation "${name}"` },
    });
  if (req.method !== 'POST') return refuse(res, 405, 'method not allowed', { Allow: 'POST' });
  // Requiring JSON also makes any cross-site form post a CORS-preflighted request the browser refuses.
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return refuse(res, 415, 'expected Content-Type: application/json');
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) return tooLarge(req, res);
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES && !refused) {
      refused = true;
      tooLarge(req, res);
      return;
    }
    if (!refused) chunks.push(chunk);
  });
  req.on('end', () => {
    if (refused) return;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return refuse(res, 400, 'the body is not valid JSON');
    }
    dispatch(name, body).then(
      (reply) => json(res, 200, reply),
      (e: unknown) =>
        json(res, 500, { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } }),
    );
  });
}

/** Answers 413 and drops the connection rather than reading the rest of the body. */
function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.shouldKeepAlive = false;
  if (res.headersSent || res.destroyed) return;
  res.writeHead(413, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  res.end('request too large\n', () => req.destroy());
}

function json(res: ServerResponse, status: number, value: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}
