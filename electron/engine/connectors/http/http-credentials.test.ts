import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError, type RowBatch } from '../../external/types';
import { environmentSecrets } from '../../external/secret-lookup';
import { HttpSource, type HttpReadOptions } from './http-source';
import { MAX_REDIRECTS } from './json-client';
import type { ServerResponse } from 'node:http';
import { sendJson, startApi, type ApiHandler, type SeenRequest, type TestApi } from './test-api-server';

/*
 * Credentials never cross origins: two servers on 127.0.0.1 (two ports, so
 * two origins), one redirecting or paging to the other. The second one
 * reports what it received.
 */

const TOKEN = 'tok-1a2b3c4d5e6f';
const KEY = 'key-9z8y7x6w';
const signal = new AbortController().signal;
const apis: TestApi[] = [];
async function api(handler: ApiHandler): Promise<TestApi> {
  const a = await startApi(handler);
  apis.push(a);
  return a;
}
afterEach(async () => {
  await Promise.all(apis.splice(0).map((a) => a.close()));
});

async function readAll(source: HttpSource): Promise<RowBatch> {
  const out: RowBatch = [];
  for await (const batch of source.rows({ signal })) out.push(...batch);
  return out;
}

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConnectorError) return e;
    throw e;
  }
  throw new Error('expected a ConnectorError');
}

/** A source sending the token as a bearer header, the key as an X-Api-Key header and an api_key query value, plus harmless ones. */
function source(url: string, more: Partial<HttpReadOptions> = {}, env: Record<string, string> = {}): HttpSource {
  return new HttpSource(
    {
      url,
      query: [
        { name: 'api_key', value: '${secret:KEY}' },
        { name: 'since', value: '2024' },
      ],
      headers: [
        { name: 'Authorization', value: 'Bearer ${secret:TOKEN}' },
        { name: 'X-Api-Key', value: '${secret:KEY}' },
        { name: 'Cookie', value: 'session=abc123' },
        { name: 'X-Client', value: 'duto' },
      ],
      backoffMs: 10,
      retries: 0,
      ...more,
    },
    environmentSecrets({ DUTO_SECRET_TOKEN: TOKEN, DUTO_SECRET_KEY: KEY, ...env }),
  );
}

const redirect =
  (to: string, status = 302) =>
  (_req: SeenRequest, res: ServerResponse): void => {
    res.writeHead(status, { location: to });
    res.end();
  };

describe('HTTP source redirects', () => {
  it('follows a redirect on the same origin with every header and query value', async () => {
    const server = await api((req, res) =>
      req.url.pathname === '/old'
        ? redirect('/new?since=2024&api_key=' + encodeURIComponent(KEY), 301)(req, res)
        : sendJson(res, [{ id: 1 }]),
    );
    expect(await readAll(source(`${server.base}/old`))).toEqual([[1n]]);
    const last = server.requests.at(-1);
    expect(last?.url.pathname).toBe('/new');
    expect(last?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(last?.headers['x-api-key']).toBe(KEY);
  });

  it("drops every credential on a redirect to another origin (curl's rule), keeping the rest", async () => {
    const other = await api((_req, res) => sendJson(res, [{ id: 2 }]));
    const first = await api(
      redirect(`${other.base}/landing?since=2024&api_key=${encodeURIComponent(KEY)}&token=${TOKEN}&page=1`, 307),
    );
    expect(await readAll(source(`${first.base}/v1`))).toEqual([[2n]]);
    expect(first.requests[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    const seen = other.requests[0];
    expect(seen?.headers['authorization']).toBeUndefined();
    expect(seen?.headers['x-api-key']).toBeUndefined();
    expect(seen?.headers['cookie']).toBeUndefined();
    expect(seen?.headers['x-client']).toBe('duto');
    expect(Object.fromEntries(seen?.url.searchParams ?? [])).toEqual({ since: '2024', page: '1' });
    expect(JSON.stringify(other.requests.map((r) => [r.url.href, r.headers]))).not.toMatch(
      new RegExp(`${TOKEN}|${KEY}`),
    );
  });

  it('once the credentials are dropped, a redirect back does not restore them', async () => {
    const home = await api((req, res) =>
      req.url.pathname === '/start' ? redirect(`${bounce.base}/b`)(req, res) : sendJson(res, [{ id: 3 }]),
    );
    const bounce = await api(redirect(`${home.base}/end`));
    expect(await readAll(source(`${home.base}/start`))).toEqual([[3n]]);
    expect(home.requests.at(-1)?.url.pathname).toBe('/end');
    expect(home.requests.at(-1)?.headers['authorization']).toBeUndefined();
  });

  it(`gives up after ${MAX_REDIRECTS} redirects`, async () => {
    const server = await api((req, res) =>
      redirect(`/r${String(Number(req.url.pathname.slice(2) || '0') + 1)}`)(req, res),
    );
    const e = await failure(source(`${server.base}/r0`).columns(signal));
    expect(e.code).toBe('http.redirect');
    expect(e.message).toMatch(/more than 10 redirects/);
    expect(server.requests).toHaveLength(MAX_REDIRECTS + 1);
  });
});

describe('HTTP source paging', () => {
  it('refuses a Link rel="next" on another origin rather than send the credentials there', async () => {
    const other = await api((_req, res) => sendJson(res, [{ id: 99 }]));
    const first = await api((_req, res) => sendJson(res, [{ id: 1 }], { link: `<${other.base}/page2>; rel="next"` }));
    const e = await failure(readAll(source(`${first.base}/items`, { pagination: { style: 'link' } })));
    expect(e.code).toBe('http.pagination');
    expect(e.param).toBe('pagination');
    expect(e.message).toContain(
      `the next page is on ${other.base}, not ${first.base} where this source's credentials go`,
    );
    expect(e.message).not.toContain(KEY);
    expect(other.requests).toHaveLength(0);
  });

  it('follows paging to another origin when the request carries no credentials', async () => {
    const other = await api((_req, res) => sendJson(res, [{ id: 2 }]));
    const first = await api((_req, res) => sendJson(res, [{ id: 1 }], { link: `<${other.base}/page2>; rel="next"` }));
    const plain = new HttpSource(
      { url: `${first.base}/items`, pagination: { style: 'link' }, headers: [{ name: 'X-Client', value: 'duto' }] },
      environmentSecrets({}),
    );
    expect((await readAll(plain)).map((r) => r[0])).toEqual([1n, 2n]);
  });
});

describe('secrets bound to origins', () => {
  it('refuses a secret for a URL outside its DUTO_SECRET_<NAME>_ORIGINS before any request, naming the param, the secret and both origins', async () => {
    const server = await api((_req, res) => sendJson(res, [{ id: 1 }]));
    const e = await failure(
      source(server.base, {}, { DUTO_SECRET_KEY_ORIGINS: 'https://api.example.com' }).columns(signal),
    );
    expect(e.code).toBe('http.secret-origin');
    expect(e.param).toBe('query');
    expect(e.message).toBe(
      `query parameter api_key uses the secret KEY, which may be sent only to https://api.example.com, not to ${server.base}: if that server is meant to get it, add ${server.base} to its origins in DUTO_SECRET_KEY_ORIGINS`,
    );
    const header = await failure(
      source(server.base, { query: [] }, { DUTO_SECRET_TOKEN_ORIGINS: 'https://api.example.com' }).columns(signal),
    );
    expect(header.param).toBe('headers');
    expect(header.message).toContain(
      'header Authorization uses the secret TOKEN, which may be sent only to https://api.example.com, not to',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('sends it where its origins allow, normalised; a bad origins list is its own error', async () => {
    const server = await api((_req, res) => sendJson(res, [{ id: 1 }]));
    const origins = `https://api.example.com, ${server.base.replace('http://', 'HTTP://')}/`;
    expect(
      await readAll(source(server.base, {}, { DUTO_SECRET_KEY_ORIGINS: origins, DUTO_SECRET_TOKEN_ORIGINS: origins })),
    ).toEqual([[1n]]);
    const bad = await failure(
      source(server.base, {}, { DUTO_SECRET_KEY_ORIGINS: 'api.example.com/v1' }).columns(signal),
    );
    expect(bad.message).toBe(
      'query parameter api_key uses the secret KEY, which is set, but DUTO_SECRET_KEY_ORIGINS has "api.example.com/v1", which is not a URL such as https://api.example.com',
    );
  });

  it('a secret inside the URL itself is checked against that URL', async () => {
    const server = await api((_req, res) => sendJson(res, [{ id: 1 }]));
    const e = await failure(
      new HttpSource(
        { url: `${server.base}/hooks/\${secret:KEY}` },
        environmentSecrets({ DUTO_SECRET_KEY: KEY, DUTO_SECRET_KEY_ORIGINS: 'https://hooks.example.com' }),
      ).columns(signal),
    );
    expect([e.code, e.param]).toEqual(['http.secret-origin', 'url']);
    expect(e.message).toContain(
      `the URL uses the secret KEY, which may be sent only to https://hooks.example.com, not to ${server.base}`,
    );
  });
});
