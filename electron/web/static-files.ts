import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { COMMON_HEADERS, refuse } from './responses';

/**
 * The built renderer, public: it holds no secret, so it is served without the
 * token (the page then reads the token from its address fragment). Only
 * regular files under the renderer folder, symlinks resolved, are served.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** `root` must already be a real path (no symlink in it). `segments` come checked from parseRequestTarget. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  segments: readonly string[],
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return refuse(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
  const file = await realFileUnder(root, segments.length === 0 ? ['index.html'] : segments);
  if (file === null) return refuse(res, 404, 'not found');
  res.writeHead(200, {
    ...COMMON_HEADERS,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  // A file that vanishes between stat and read must cut this response, not throw an unhandled 'error'.
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

async function realFileUnder(root: string, segments: readonly string[]): Promise<string | null> {
  try {
    const file = await realpath(join(root, ...segments));
    if (!file.startsWith(root + sep)) return null;
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}
