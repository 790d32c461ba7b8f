import { spawnSync } from 'node:child_process';
import { mkdirSync, realpathSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startApi, type ApiHandler, type TestApi } from '../electron/engine/connectors/http/test-api-server';
import { dutoAwait, hasNoStack, requireBuiltCli, tmp } from './support';

/*
 * Secrets bound to where they belong, through the built CLI, in a
 * temporary home (config, data and cache folders): a server echoing the
 * token never gets it onto stdout, stderr, --json, the run history or the
 * docs; credentials never follow a redirect from https to http; a
 * connections file shipped beside a pipeline cannot point the user's
 * password at its own host.
 */

const TOKEN = 'tk-live-5e6f7a8b9c0d1e2f';
const PASSWORD = 'pg-Pa55-never-sent-4f9a';

const apis: TestApi[] = [];
async function api(handler: ApiHandler): Promise<TestApi> {
  const a = await startApi(handler);
  apis.push(a);
  return a;
}
afterEach(async () => {
  await Promise.all(apis.splice(0).map((a) => a.close()));
});

beforeAll(() => requireBuiltCli());

/** A project folder and a home of its own: XDG config, data (run history) and cache. */
function workspace(name: string) {
  const dir = tmp(name);
  const home = join(dir, 'home');
  const env = {
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    DUTO_SECRET_API_TOKEN: TOKEN,
  };
  // The user trusts this project: what is tested here is where its secrets may go.
  mkdirSync(join(home, 'config', 'duto'), { recursive: true });
  writeFileSync(
    join(home, 'config', 'duto', 'trust.json'),
    JSON.stringify({ format: 'duto.trust', version: 1, folders: [realpathSync(dir)], files: [] }),
  );
  const write = (nodes: unknown[]): string => {
    const file = join(dir, 'p.duto.json');
    writeFileSync(file, `${JSON.stringify({ format: 'duto.pipeline', version: 1, nodes }, null, 2)}\n`);
    return file;
  };
  return { dir, home, env, write };
}

/** Every file under a folder, as text. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) out.push(readFileSync(join(e.parentPath, e.name), 'utf8'));
  return out;
}

/** The token as a server may echo it: as is, URL-encoded, and in base64 inside Basic auth's user:token. */
const echoes = (sent: string): string =>
  `invalid token ${sent}; retry with ?token=${encodeURIComponent(`${sent} `)} or Basic ${Buffer.from(`me:${sent}`).toString('base64')}`;
const leaks = (text: string): boolean =>
  text.includes(TOKEN) ||
  text.includes(encodeURIComponent(TOKEN)) ||
  text.includes(Buffer.from(TOKEN).toString('base64').slice(4, 16));

const httpNode = (url: string) => ({
  id: 'api',
  type: 'source.http',
  params: { url, headers: [{ name: 'Authorization', value: 'Bearer ${secret:API_TOKEN}' }], retries: 0 },
});

describe('a server that echoes the token', () => {
  it('never gets it into CLI output, --json, the run history or the docs', async () => {
    // Records (one of them holding the token), or 401 with the echoes; `firstGood`: the first request after it is set answers, the next ones fail.
    let mode: 'good' | 'bad' | 'firstGood' = 'good';
    const server = await api((req, res) => {
      const sent = (req.headers['authorization'] ?? '').replace('Bearer ', '');
      const good = mode === 'good' || mode === 'firstGood';
      if (mode === 'firstGood') mode = 'bad';
      // A next page on the same origin: a run asks for it after the first page its session already read.
      if (good) sendJson(res, [{ id: 1, whoami: `you are ${sent}` }], { link: '</me?page=2>; rel="next"' });
      else sendJson(res, { error: echoes(sent) }, {}, 401);
    });
    const w = workspace('secrets-echo');
    const node = httpNode(`${server.base}/me`);
    const file = w.write([
      { ...node, params: { ...node.params, pagination: 'link', maxPages: 2 } },
      { id: 'out', type: 'sink.csv', inputs: { in: 'api' }, params: { path: 'out.csv' } },
    ]);

    const preview = await dutoAwait(['preview', file, 'api'], w.dir, w.env);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('you are ***');
    expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);

    mode = 'bad';
    const outputs: string[] = [preview.stdout, preview.stderr];
    for (const args of [
      ['validate', file],
      ['validate', file, '--json'],
      ['docs', file],
      ['docs', file, '-o', join(w.dir, 'p.md')],
      ['preview', file, 'api', '--json'],
    ]) {
      const r = await dutoAwait(args, w.dir, w.env);
      outputs.push(r.stdout, r.stderr);
      expect(hasNoStack(r.stderr)).toBe(true);
    }
    const validate = outputs[3] ?? '';
    expect(validate).toContain('error [api url] page 1 of GET');
    expect(validate).toContain('HTTP 401 Unauthorized: {"error":"invalid token ***; retry with ?token=***');

    // A run: the session's first request (its columns, the run's first page) answers, the second page gets the echo.
    const runs = [];
    for (const args of [
      ['run', file],
      ['run', file, '--json'],
    ]) {
      mode = 'firstGood';
      runs.push(await dutoAwait(args, w.dir, w.env));
    }
    for (const r of runs) {
      expect(r.code).not.toBe(0);
      outputs.push(r.stdout, r.stderr);
    }
    const history = await dutoAwait(['history', file, '--json'], w.dir, w.env);
    outputs.push(history.stdout, history.stderr);
    expect(history.stdout).toContain('invalid token ***');

    const written = [...filesUnder(w.home), readFileSync(join(w.dir, 'p.md'), 'utf8')];
    expect(written.some((t) => t.includes('invalid token ***'))).toBe(true);
    // Markdown escapes the stars.
    expect(readFileSync(join(w.dir, 'p.md'), 'utf8')).toContain('invalid token \\*\\*\\*');
    for (const text of [...outputs, ...written]) expect(leaks(text)).toBe(false);
  });
});

describe('redirects', () => {
  it('refuses one from https to http, before the plain-http server hears anything', async () => {
    const w = workspace('secrets-https');
    const plain = await api((_req, res) => sendJson(res, [{ id: 1 }]));
    const cert = selfSignedCert(w.dir);
    const tls = createHttpsServer({ key: cert.key, cert: cert.cert }, (_req, res) => {
      res.writeHead(302, { location: `${plain.base}/landing` });
      res.end();
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `https://127.0.0.1:${String((tls.address() as AddressInfo).port)}`;
      const file = w.write([httpNode(`${origin}/v1`)]);
      const r = await dutoAwait(['validate', file], w.dir, { ...w.env, NODE_EXTRA_CA_CERTS: cert.file });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `HTTP 302 redirects from https to plain http (${plain.base}); a redirect that drops encryption is not followed`,
      );
      expect(plain.requests).toHaveLength(0);
      expect(leaks(r.stdout + r.stderr)).toBe(false);
    } finally {
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });
});

describe('secrets bound to origins, headless', () => {
  it('DUTO_SECRET_<NAME>_ORIGINS keeps a secret from a pipeline pointing elsewhere, and --notify from another webhook', async () => {
    const server = await api((_req, res) => sendJson(res, [{ id: 1 }]));
    const w = workspace('secrets-origins');
    const file = w.write([
      httpNode(`${server.base}/me`),
      { id: 'out', type: 'sink.csv', inputs: { in: 'api' }, params: { path: 'out.csv' } },
    ]);
    const bound = { ...w.env, DUTO_SECRET_API_TOKEN_ORIGINS: 'https://api.example.com' };
    const r = await dutoAwait(['validate', file], w.dir, bound);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `error [api headers] header Authorization uses the secret API_TOKEN, which may be sent only to https://api.example.com, not to ${server.base}`,
    );
    expect(server.requests).toHaveLength(0);

    const hook = await api((_req, res) => sendJson(res, {}));
    const notify = await dutoAwait(['run', file, '--notify', '${secret:HOOK}', '--notify-on', 'always'], w.dir, {
      ...w.env,
      DUTO_SECRET_HOOK: `${hook.base}/hooks/T0K3N-abcdef`,
      DUTO_SECRET_HOOK_ORIGINS: 'https://hooks.example.com',
    });
    expect(notify.code).toBe(2);
    expect(notify.stderr).toContain(
      `duto: --notify uses the secret HOOK, which may be sent only to https://hooks.example.com, not to ${hook.base}`,
    );
    expect(notify.stderr).not.toContain('T0K3N');
    expect(hook.requests).toHaveLength(0);
  });
});

describe('connections files', () => {
  it("a file shipped beside the pipeline cannot redefine the user's connection: the password goes nowhere", async () => {
    const w = workspace('secrets-conns');
    let arrivals = 0;
    const collector = createTcpServer((socket) => {
      arrivals++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      const port = (collector.address() as AddressInfo).port;
      const mine = { kind: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' };
      const userFile = join(w.env.XDG_CONFIG_HOME, 'duto', 'connections.json');
      mkdirSync(join(w.env.XDG_CONFIG_HOME, 'duto'), { recursive: true });
      writeFileSync(
        userFile,
        JSON.stringify({ format: 'duto.connections', version: 1, connections: { warehouse: mine } }),
      );
      const shipped = join(w.dir, 'duto.connections.json');
      writeFileSync(
        shipped,
        JSON.stringify({
          format: 'duto.connections',
          version: 1,
          connections: { warehouse: { ...mine, port }, extra: { ...mine, port } },
        }),
      );
      const read = (id: string, connection: string) => ({
        id,
        type: 'source.postgres',
        params: { connection, mode: 'query', query: 'SELECT 1 AS one' },
      });
      const env = { ...w.env, DUTO_CONN_WAREHOUSE_PASSWORD: PASSWORD, DUTO_CONN_EXTRA_PASSWORD: PASSWORD };
      const r = await dutoAwait(
        ['validate', w.write([read('mine', 'warehouse'), read('theirs', 'extra')]), '--json'],
        w.dir,
        env,
      );
      expect(r.code).toBe(2);
      const diagnostics = (
        JSON.parse(r.stdout) as { diagnostics: Array<{ nodeId?: string; code: string; message: string }> }
      ).diagnostics.filter((d) => d.code.startsWith('connection.'));
      expect(diagnostics.map((d) => [d.nodeId, d.code])).toEqual([
        ['mine', 'connection.redefined'],
        ['theirs', 'connection.not-yours'],
      ]);
      expect(diagnostics[0]?.message).toContain(
        `defined in your connections file ${userFile}, and ${shipped}, which came with the pipeline, defines it differently`,
      );
      expect(diagnostics[1]?.message).toContain(
        `connection "extra" is defined only in ${shipped}, which came with the pipeline, so DUTO_CONN_EXTRA_PASSWORD is not sent to it`,
      );
      expect(arrivals).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    } finally {
      await new Promise<void>((resolve) => collector.close(() => resolve()));
    }
  });
});

/** A certificate for 127.0.0.1 that the CLI trusts through NODE_EXTRA_CA_CERTS (made with openssl). */
function selfSignedCert(dir: string): { key: string; cert: string; file: string } {
  const keyFile = join(dir, 'key.pem');
  const file = join(dir, 'cert.pem');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      file,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`openssl could not make a test certificate: ${r.stderr || String(r.error)}`);
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(file, 'utf8'), file };
}
