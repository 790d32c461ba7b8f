import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who may talk to the browser shell at all: a request for this server's own
 * `127.0.0.1:<port>` (DNS rebinding would bring another Host), from no page
 * or from this origin. The token, checked for `/api/` only, comes after.
 */
export interface Refusal {
  status: number;
  message: string;
}

/** The methods anything here answers; OPTIONS is not one of them, so no CORS preflight ever succeeds. */
export const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST']);

/** This server as a browser names it: `http://127.0.0.1:<port>` and `127.0.0.1:<port>`. */
export interface Self {
  origin: string;
  host: string;
}

export function checkRequest(method: string | undefined, headers: IncomingHttpHeaders, self: Self): Refusal | null {
  if (method === undefined || !METHODS.has(method)) return { status: 405, message: 'method not allowed' };
  if (headers.host === undefined || headers.host === '') return { status: 400, message: 'the request has no Host' };
  // The port is part of the host: another listener's name for 127.0.0.1 is not this server.
  if (headers.host !== self.host) return { status: 403, message: 'host not allowed' };
  if (headers.origin !== undefined && headers.origin !== self.origin)
    return { status: 403, message: 'origin not allowed' };
  return null;
}

/** The API is called by this origin's page only: a browser saying otherwise (Sec-Fetch-Site) is refused before the token is looked at. */
export function checkApiCaller(headers: IncomingHttpHeaders): Refusal | null {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return { status: 403, message: 'the API answers this page only' };
  return null;
}
