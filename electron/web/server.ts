import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { createHost, defaultUserDataDir, type Host } from '../host';
import { handleApi } from './api-routes';
import { webShellHandlers } from './web-shell-handlers';
import { createEventStream, type EventStream } from './event-stream';

/**
 * The browser shell: serves the built renderer on 127.0.0.1 only, to a
 * browser holding this launch's random token (given once in the URL, then
 * kept in an HttpOnly cookie). Requests from other origins are refused.
 * The same guards cover the API (`/api/…`), whose engine host runs in this
 * server process: the browser's UI thread only ever waits on fetch.
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

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface WebShell {
  server: Server;
  url: string;
  token: string;
  host: Host;
  close(): Promise<void>;
}

export interface WebShellOptions {
  /** Recent files and backups; defaults to the desktop app's userData folder. */
  userDataDir?: string;
  /** The user's connections file; defaults to the one the CLI reads. Passwords stay in memory for this launch. */
  connectionsFile?: string;
  /** Where unsaved pipelines resolve relative paths; defaults to the working folder. */
  workDir?: string;
  examplesDir?: string | null;
  version?: string;
}

export async function startWebShell(rendererDir: string, port = 0, options: WebShellOptions = {}): Promise<WebShell> {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`the renderer is not built (${rendererDir}): run npm run build first`);
  const token = randomBytes(24).toString('base64url');
  const events = createEventStream();
  const host = createHost({
    userDataDir: options.userDataDir ?? defaultUserDataDir(),
    ...(options.connectionsFile === undefined ? {} : { connectionsFile: options.connectionsFile }),
    emit: (event, payload) => events.send(event, payload),
    shell: webShellHandlers({ workDir: options.workDir ?? process.cwd(), examplesDir: options.examplesDir ?? null, version: options.version ?? '0.0.0' }),
  });
  const api: Api = { dispatch: host.dispatch, events };
  const server = createServer((req, res) => handle(req, res, rendererDir, token, origin(), api));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  const origin = (): string => `http://127.0.0.1:${actual}`;
  return {
    server,
    token,
    url: `${origin()}/?token=${token}`,
    host,
    close: () => {
      events.close();
      host.close();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

interface Api {
  dispatch: Host['dispatch'];
  events: EventStream;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function handle(req: IncomingMessage, res: ServerResponse, root: string, token: string, origin: string, api: Api): void {
  const url = new URL(req.url ?? '/', origin);
  const fromOrigin = req.headers.origin;
  if (fromOrigin !== undefined && fromOrigin !== origin) return deny(res, 403, 'origin not allowed');
  if (req.headers.host !== new URL(origin).host) return deny(res, 403, 'host not allowed');
  const given = url.searchParams.get('token');
  const cookie = /(?:^|;\s*)duto_token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (given !== null && same(given, token)) {
    res.writeHead(302, { Location: '/', 'Set-Cookie': `duto_token=${token}; HttpOnly; SameSite=Strict; Path=/` });
    res.end();
    return;
  }
  if (cookie === undefined || !same(cookie, token)) return deny(res, 401, 'open the address printed by `npm run web` (it carries this launch\'s token)');
  if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname, api.dispatch, api.events);
  if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'method not allowed');
  const path = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
  const file = normalize(join(root, path));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return deny(res, 404, 'not found');
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(res);
}

function deny(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message + '\n');
}
