import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Headers every answer of the browser shell carries: nothing is cached,
 * sniffed or sent on as a Referer. Never a Set-Cookie, never a CORS header.
 */
export const COMMON_HEADERS: Readonly<OutgoingHttpHeaders> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** A short plain-text refusal; a response already under way is cut instead (its status can no longer change). */
export function refuse(res: ServerResponse, status: number, message: string, extra: OutgoingHttpHeaders = {}): void {
  if (res.destroyed || res.writableEnded) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
  res.end(message + '\n');
}
