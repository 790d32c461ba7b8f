import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFilterParquet } from '../engine/test-support';
import { startWebShell, type WebShell } from './server';

type Answer = { status: number; body: string; headers: Record<string, string | string[] | undefined> };

function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return send('GET', url, headers);
}

function send(method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser shell server', () => {
  let shell: WebShell;
  let base: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-web-'));
    writeFileSync(join(dir, 'index.html'), '<h1>duto</h1>');
    shell = await startWebShell(dir, 0, { userDataDir: mkdtempSync(join(tmpdir(), 'duto-web-user-')), version: '1.2.3' });
    base = new URL(shell.url).origin;
  });
  afterAll(() => shell.close());

  it('binds 127.0.0.1 and prints a URL carrying the token', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses requests without the token', async () => {
    expect((await get(`${base}/`)).status).toBe(401);
    expect((await get(`${base}/?token=wrong`)).status).toBe(401);
  });

  it('trades the token for a cookie, then serves files with a CSP', async () => {
    const first = await get(shell.url);
    expect(first.status).toBe(302);
    const cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
    const page = await get(`${base}/`, { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toBe('<h1>duto</h1>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses other origins and hosts, and paths outside the renderer', async () => {
    const cookie = `duto_token=${shell.token}`;
    expect((await get(`${base}/`, { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(`${base}/`, { cookie, host: 'evil.example' })).status).toBe(403);
    expect((await get(`${base}/..%2f..%2fetc%2fpasswd`, { cookie })).status).toBe(404);
  });
});

describe('browser shell API', () => {
  let shell: WebShell;
  let base: string;
  let cookie: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-web-'));
    writeFileSync(join(dir, 'index.html'), '<h1>duto</h1>');
    shell = await startWebShell(dir, 0, { userDataDir: mkdtempSync(join(tmpdir(), 'duto-web-user-')), version: '1.2.3', workDir: dir });
    base = new URL(shell.url).origin;
    cookie = `duto_token=${shell.token}`;
  });
  afterAll(() => shell.close());

  const post = (op: string, body: unknown, headers: Record<string, string> = {}) =>
    send('POST', `${base}/api/${op}`, { cookie, origin: base, 'content-type': 'application/json', ...headers }, JSON.stringify(body));

  it('requires the token on /api', async () => {
    expect((await post('app.info', {}, { cookie: '' })).status).toBe(401);
    expect((await post('app.info', {}, { cookie: 'duto_token=wrong' })).status).toBe(401);
    expect((await get(`${base}/api/events`)).status).toBe(401);
  });

  it('refuses other origins and hosts on /api', async () => {
    expect((await post('app.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('app.info', {}, { host: 'evil.example' })).status).toBe(403);
  });

  it('checks method, content type, size and operation name', async () => {
    expect((await send('GET', `${base}/api/app.info`, { cookie })).status).toBe(405);
    expect((await post('app.info', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('app.info', {}, { 'content-length': String(200 * 1024 * 1024) }).catch(() => ({ status: 413 }))).status).toBe(413);
    expect((await send('POST', `${base}/api/app.info`, { cookie, 'content-type': 'application/json' }, '{oops')).status).toBe(400);
    const unknown = await post('nope.nothing', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'request.unknown-operation' } });
  });

  it('answers app.info and dialogs as a browser shell', async () => {
    expect(JSON.parse((await post('app.info', {})).body)).toMatchObject({ ok: true, value: { shell: 'web', version: '1.2.3' } });
    expect(JSON.parse((await post('file.openDialog', {})).body)).toEqual({ ok: true, value: { path: null } });
  });

  it('checks a real pipeline over HTTP, and rejects a bad payload naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-web-p-'));
    writeFileSync(join(dir, 'in.csv'), 'id,v\n1,10\n2,20\n');
    const r = await post('pipeline.check', { document: csvFilterParquet('in.csv', 'v > 10', 'out.parquet'), baseDir: dir });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { ok: true, schemas: { kept: [{ name: 'id', type: 'BIGINT' }, { name: 'v', type: 'BIGINT' }] } } });
    const bad = JSON.parse((await post('pipeline.check', { document: {}, baseDir: 7 })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    expect(bad.error.message).toContain('baseDir');
  });

  it('streams the progress of a run as server-sent events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-web-p-'));
    writeFileSync(join(dir, 'in.csv'), 'id,v\n1,10\n2,20\n');
    const received: Array<{ event: string; payload: { runId: string; event: { nodeId: string; status: string } } }> = [];
    let buffer = '';
    const stream = request(`${base}/api/events`, { headers: { cookie } }, (res) => {
      expect(res.headers['content-type']).toContain('text/event-stream');
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
    const run = JSON.parse((await post('pipeline.run', { document: csvFilterParquet('in.csv', 'v > 10', 'out.parquet'), baseDir: dir, runId: 'web-run' })).body);
    expect(run).toMatchObject({ ok: true, value: { ok: true } });
    await new Promise((r) => setTimeout(r, 100));
    stream.destroy();
    const progress = received.filter((m) => m.event === 'pipeline.progress' && m.payload.runId === 'web-run');
    expect(progress.some((m) => m.payload.event.nodeId === 'out' && m.payload.event.status === 'done')).toBe(true);
  });
});
