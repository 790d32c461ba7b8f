import { existsSync, realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createHost, defaultUserDataDir, type Host } from '../host';
import { handleApi } from './api-routes';
import { guardServer, SERVER_LIMITS } from './connection-guard';
import { createEventStream, type EventStream } from './event-stream';
import { bearerToken, newLaunchToken, type LaunchToken } from './launch-token';
import { checkApiCaller, checkRequest, type Self } from './request-guards';
import { parseRequestTarget } from './request-target';
import { refuse } from './responses';
import { serveStatic } from './static-files';
import { webShellHandlers } from './web-shell-handlers';

/**
 * The browser shell: serves the built renderer on 127.0.0.1 only, and the
 * engine API under `/api/` to the page holding this launch's random token.
 * The printed address gives the token in its fragment (`/#token=…`), which
 * no browser sends to a server; the page keeps it in sessionStorage and
 * presents it as `Authorization: Bearer …` on every API call. No cookie is
 * ever set: cookies ignore ports, so any other listener on 127.0.0.1 would
 * receive one. The engine host runs in this server process: the browser's
 * UI thread only ever waits on fetch.
 */

export interface WebShell {
  server: Server;
  /** The address to open: the token rides in the fragment. */
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
  /** The user's trust store; defaults to the one the CLI reads. */
  trustStoreFile?: string;
  version?: string;
}

export async function startWebShell(rendererDir: string, port = 0, options: WebShellOptions = {}): Promise<WebShell> {
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error(`the renderer is not built (${rendererDir}): run npm run build first`);
  const root = realpathSync(rendererDir);
  const token = newLaunchToken();
  const events = createEventStream();
  const host = createHost({
    userDataDir: options.userDataDir ?? defaultUserDataDir(),
    ...(options.connectionsFile === undefined ? {} : { connectionsFile: options.connectionsFile }),
    emit: (event, payload) => events.send(event, payload),
    shell: webShellHandlers({
      workDir: options.workDir ?? process.cwd(),
      examplesDir: options.examplesDir ?? null,
      version: options.version ?? '0.0.0',
    }),
    ...(options.examplesDir == null ? {} : { builtInTrusted: [options.examplesDir] }),
    ...(options.trustStoreFile === undefined ? {} : { trustStoreFile: options.trustStoreFile }),
  });
  const server = createServer(SERVER_LIMITS);
  // The port is known once listening; until then no request can arrive.
  let self: Self = { origin: '', host: '' };
  guardServer(server, (req, res) => route(req, res, { root, token, self, dispatch: host.dispatch, events }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  self = { origin: `http://127.0.0.1:${actual}`, host: `127.0.0.1:${actual}` };
  return {
    server,
    token: token.value,
    url: `${self.origin}/#token=${token.value}`,
    host,
    close: () => {
      events.close();
      host.close();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

interface Context {
  root: string;
  token: LaunchToken;
  self: Self;
  dispatch: Host['dispatch'];
  events: EventStream;
}

function route(req: IncomingMessage, res: ServerResponse, ctx: Context): void | Promise<void> {
  const target = parseRequestTarget(req.url);
  if (!target.ok) return refuse(res, target.status, target.reason, { Connection: 'close' });
  const refusal = checkRequest(req.method, req.headers, ctx.self);
  if (refusal !== null)
    return refuse(res, refusal.status, refusal.message, refusal.status === 405 ? { Allow: 'GET, HEAD, POST' } : {});
  if (target.segments[0] !== 'api') return serveStatic(req, res, ctx.root, target.segments);
  const caller = checkApiCaller(req.headers);
  if (caller !== null) return refuse(res, caller.status, caller.message);
  // Only the header counts: a token in the query string or a cookie is ignored.
  const presented = bearerToken(req.headers.authorization);
  if (presented === null || !ctx.token.matches(presented)) {
    return refuse(
      res,
      401,
      "this launch's token is missing or wrong: open the address the browser shell printed when it started",
      { 'WWW-Authenticate': 'Bearer realm="duto"' },
    );
  }
  handleApi(req, res, target.segments.slice(1).join('/'), ctx.dispatch, ctx.events);
}
