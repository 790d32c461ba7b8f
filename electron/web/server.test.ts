import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFilterParquet } from '../engine/test-support';
import type { WebShell } from './server';
import { rawExchange, send, startTestShell, statuses, type Answer } from './test-support';

// Every answer any test here gets is kept: none may ever set a cookie or open CORS.
const answers: Answer[] = [];
async function kept(p: Promise<Answer>): Promise<Answer> {
  const a = await p;
  answers.push(a);
  return a;
}
afterAll(() => {
  expect(answers.length).toBeGreaterThan(20);
  for (const a of answers) {
    expect(a.headers['set-cookie']).toBeUndefined();
    expect(Object.keys(a.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  }
});

describe('browser shell server', () => {
  let shell: WebShell;
  let base: string;
  let port: number;
  beforeAll(async () => {
    ({ shell, origin: base, port } = await startTestShell());
  });
  afterAll(() => shell.close());
  const get = (path: string, headers: Record<string, string> = {}) => kept(send('GET', `${base}${path}`, headers));

  it('binds 127.0.0.1 and prints a URL carrying the token in its fragment only', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{40,}$/);
    expect(shell.url.endsWith(`#token=${shell.token}`)).toBe(true);
  });

  it('serves the renderer without the token, with a CSP and no cookie', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toBe('<h1>duto</h1>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await get('/app.js')).status).toBe(200);
    const head = await kept(send('HEAD', `${base}/app.js`));
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    // An address with the token in its query (as older versions printed it) is just the page: nothing is traded for it.
    const old = await get(`/?token=${shell.token}`);
    expect(old.status).toBe(200);
    expect(old.body).not.toContain(shell.token);
  });

  it('refuses other origins and hosts (the port included), and a request without Host', async () => {
    expect((await get('/', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/', { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await get('/', { origin: 'null' })).status).toBe(403);
    expect((await get('/', { host: 'evil.example' })).status).toBe(403);
    expect((await get('/', { host: '127.0.0.1:1' })).status).toBe(403);
    expect((await get('/', { host: `localhost:${port}` })).status).toBe(403);
    expect(statuses(await rawExchange(port, 'GET / HTTP/1.0\r\n\r\n'))).toEqual([400]);
    expect(statuses(await rawExchange(port, 'GET / HTTP/1.1\r\n\r\n'))).toEqual([400]);
  });

  it('refuses paths outside the renderer, bad escapes and hostile targets with 4xx', async () => {
    expect((await get('/..%2f..%2fetc%2fpasswd')).status).toBe(400);
    expect((await get('/%C0')).status).toBe(400);
    expect((await get('/a%00b')).status).toBe(400);
    expect((await get('/missing.js')).status).toBe(404);
    expect(statuses(await rawExchange(port, `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`))).toEqual([
      400,
    ]);
    expect(
      statuses(await rawExchange(port, `GET /../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)),
    ).toEqual([400]);
    expect(
      statuses(await rawExchange(port, `CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)),
    ).toEqual([405]);
    expect(statuses(await rawExchange(port, `BREW / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`))).toEqual([400]);
    expect(
      statuses(await rawExchange(port, `GET /${'a'.repeat(5000)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)),
    ).toEqual([414]);
    expect(
      statuses(
        await rawExchange(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
      ),
    ).toEqual([431]);
    expect((await kept(send('DELETE', `${base}/`))).status).toBe(405);
    expect((await kept(send('POST', `${base}/index.html`))).status).toBe(405);
    expect((await get('/')).status).toBe(200);
  });

  it('answers no CORS preflight', async () => {
    const preflight = await kept(
      send('OPTIONS', `${base}/api/file.read`, {
        origin: 'http://127.0.0.1:1',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      }),
    );
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect((await kept(send('OPTIONS', `${base}/api/file.read`))).status).toBe(405);
  });

  it('revokes the token with a new launch: the old one does not open the new shell', async () => {
    const next = await startTestShell();
    try {
      expect(next.shell.token).not.toBe(shell.token);
      const post = (token: string) =>
        kept(
          send(
            'POST',
            `${next.origin}/api/app.info`,
            { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            '{}',
          ),
        );
      expect((await post(shell.token)).status).toBe(401);
      expect((await post(next.shell.token)).status).toBe(200);
    } finally {
      await next.shell.close();
    }
  });
});

describe('browser shell API', () => {
  let shell: WebShell;
  let base: string;
  let auth: Record<string, string>;
  beforeAll(async () => {
    ({ shell, origin: base } = await startTestShell());
    auth = { authorization: `Bearer ${shell.token}` };
  });
  afterAll(() => shell.close());

  const post = (op: string, body: unknown, headers: Record<string, string> = {}) =>
    kept(
      send(
        'POST',
        `${base}/api/${op}`,
        { ...auth, origin: base, 'content-type': 'application/json', ...headers },
        JSON.stringify(body),
      ),
    );

  it('requires the token in the Authorization header, and only there', async () => {
    const without = await post('app.info', {}, { authorization: '' });
    expect(without.status).toBe(401);
    expect(without.headers['www-authenticate']).toBe('Bearer realm="duto"');
    expect((await post('app.info', {}, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    expect((await post('app.info', {}, { authorization: `Bearer ${shell.token}x` })).status).toBe(401);
    expect(
      (await post('app.info', {}, { authorization: `Basic ${Buffer.from(`duto:${shell.token}`).toString('base64')}` }))
        .status,
    ).toBe(401);
    expect((await post('app.info', {}, { authorization: `bearer ${shell.token}` })).status).toBe(401);
    // Neither the query string nor a cookie (what older versions used) is a way in.
    expect(
      (
        await kept(
          send('POST', `${base}/api/app.info?token=${shell.token}`, { 'content-type': 'application/json' }, '{}'),
        )
      ).status,
    ).toBe(401);
    expect((await post('app.info', {}, { authorization: '', cookie: `duto_token=${shell.token}` })).status).toBe(401);
    expect((await kept(send('GET', `${base}/api/events?token=${shell.token}`))).status).toBe(401);
    expect((await kept(send('GET', `${base}/api/events`, { cookie: `duto_token=${shell.token}` }))).status).toBe(401);
    expect((await post('app.info', {})).status).toBe(200);
  });

  it('refuses other origins, hosts and cross-site fetches on /api, even with the token', async () => {
    expect((await post('app.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('app.info', {}, { host: 'evil.example' })).status).toBe(403);
    expect((await post('app.info', {}, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await post('app.info', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post('app.info', {}, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('never echoes the token', async () => {
    for (const a of [
      await post('app.info', {}),
      await post('nope.nothing', {}),
      await post('app.info', {}, { authorization: 'Bearer nope' }),
    ]) {
      expect(a.body).not.toContain(shell.token);
      expect(JSON.stringify(a.headers)).not.toContain(shell.token);
    }
  });

  it('checks method, content type, size and operation name', async () => {
    expect((await kept(send('GET', `${base}/api/app.info`, auth))).status).toBe(405);
    expect((await post('app.info', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    expect(
      (await post('app.info', {}, { 'content-length': String(200 * 1024 * 1024) }).catch(() => ({ status: 413 })))
        .status,
    ).toBe(413);
    expect(
      (await kept(send('POST', `${base}/api/app.info`, { ...auth, 'content-type': 'application/json' }, '{oops')))
        .status,
    ).toBe(400);
    const unknown = await post('nope.nothing', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'request.unknown-operation' } });
  });

  it('answers app.info and dialogs as a browser shell', async () => {
    expect(JSON.parse((await post('app.info', {})).body)).toMatchObject({
      ok: true,
      value: { shell: 'web', version: '1.2.3' },
    });
    expect(JSON.parse((await post('file.openDialog', {})).body)).toEqual({ ok: true, value: { path: null } });
  });

  it('checks a real pipeline over HTTP, and rejects a bad payload naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-web-p-'));
    writeFileSync(join(dir, 'in.csv'), 'id,v\n1,10\n2,20\n');
    const r = await post('pipeline.check', {
      document: csvFilterParquet('in.csv', 'v > 10', 'out.parquet'),
      baseDir: dir,
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({
      ok: true,
      value: {
        ok: true,
        schemas: {
          kept: [
            { name: 'id', type: 'BIGINT' },
            { name: 'v', type: 'BIGINT' },
          ],
        },
      },
    });
    const bad = JSON.parse((await post('pipeline.check', { document: {}, baseDir: 7 })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    expect(bad.error.message).toContain('baseDir');
  });

  it('streams the progress of a run as server-sent events, to a holder of the token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-web-p-'));
    writeFileSync(join(dir, 'in.csv'), 'id,v\n1,10\n2,20\n');
    const received: Array<{ event: string; payload: { runId: string; event: { nodeId: string; status: string } } }> =
      [];
    let buffer = '';
    const stream = request(`${base}/api/events`, { headers: auth }, (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/event-stream');
      expect(res.headers['set-cookie']).toBeUndefined();
      res.on('data', (c: Buffer) => {
        buffer += c.toString();
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (message.startsWith('data: ')) received.push(JSON.parse(message.slice(6)));
        }
      });
    });
    stream.end();
    await new Promise((r) => setTimeout(r, 100));
    const run = JSON.parse(
      (
        await post('pipeline.run', {
          document: csvFilterParquet('in.csv', 'v > 10', 'out.parquet'),
          baseDir: dir,
          runId: 'web-run',
        })
      ).body,
    );
    expect(run).toMatchObject({ ok: true, value: { ok: true } });
    await new Promise((r) => setTimeout(r, 100));
    stream.destroy();
    const progress = received.filter((m) => m.event === 'pipeline.progress' && m.payload.runId === 'web-run');
    expect(progress.some((m) => m.payload.event.nodeId === 'out' && m.payload.event.status === 'done')).toBe(true);
  });
});
