import { afterEach, describe, expect, it } from 'vitest';
import type { RowBatch } from '../../external/types';
import { ConnectorError } from '../../external/types';
import { HttpSource, type HttpReadOptions } from './http-source';
import { environmentSecrets } from '../../external/secret-lookup';
import { sendJson, startApi, type ApiHandler, type TestApi } from './test-api-server';

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

async function readAll(source: HttpSource, limit?: number, s = signal): Promise<RowBatch> {
  const out: RowBatch = [];
  for await (const batch of source.rows({ signal: s, ...(limit === undefined ? {} : { limit }) })) out.push(...batch);
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

/** Items 1..total, as `{id, name}`. */
const items = (from: number, to: number): Array<{ id: number; name: string }> =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => ({ id: from + i, name: `item ${from + i}` }));

const fast: Partial<HttpReadOptions> = { backoffMs: 10, timeoutMs: 5_000 };

describe('HttpSource', () => {
  it('reads records at a JSON path, sending query parameters and headers; nested objects flattened one level', async () => {
    const server = await api((_req, res) =>
      sendJson(res, {
        data: {
          items: [
            {
              id: 1,
              price: 9.5,
              ok: true,
              user: { name: 'Ana', address: { city: 'Porto' } },
              tags: ['a', 'b'],
              note: null,
            },
            { id: 2, price: 10, ok: false, user: { name: 'Bo', address: null }, tags: [], note: 'late' },
          ],
        },
      }),
    );
    const source = new HttpSource({
      url: `${server.base}/v1/orders?status=open`,
      query: [{ name: 'since', value: '2024-01-01' }],
      headers: [{ name: 'X-Client', value: 'duto' }],
      recordsPath: 'data.items',
    });
    expect(await source.columns(signal)).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'price', type: 'DOUBLE' },
      { name: 'ok', type: 'BOOLEAN' },
      { name: 'user.name', type: 'VARCHAR' },
      { name: 'user.address', type: 'VARCHAR' },
      { name: 'tags', type: 'VARCHAR' },
      { name: 'note', type: 'VARCHAR' },
    ]);
    expect(await readAll(source)).toEqual([
      [1n, 9.5, true, 'Ana', '{"city":"Porto"}', '["a","b"]', null],
      [2n, 10, false, 'Bo', null, '[]', 'late'],
    ]);
    // The first page is fetched once, for the columns and the first read; a second read asks again.
    expect(server.requests).toHaveLength(1);
    expect(await readAll(source, 1)).toEqual([[1n, 9.5, true, 'Ana', '{"city":"Porto"}', '["a","b"]', null]]);
    expect(server.requests).toHaveLength(2);
    const seen = server.requests[0];
    expect(seen?.url.pathname).toBe('/v1/orders');
    expect(Object.fromEntries(seen?.url.searchParams ?? [])).toEqual({ status: 'open', since: '2024-01-01' });
    expect(seen?.headers['x-client']).toBe('duto');
    expect(seen?.headers['accept']).toBe('application/json');
  });

  it('resolves ${secret:NAME} in headers from DUTO_SECRET_NAME at run time', async () => {
    const server = await api((_req, res) => sendJson(res, [{ a: 1 }]));
    const env = { DUTO_SECRET_API_TOKEN: 's3cr3t-value' };
    const source = new HttpSource(
      { url: server.base, headers: [{ name: 'Authorization', value: 'Bearer ${secret:API_TOKEN}' }] },
      environmentSecrets(env),
    );
    expect(await readAll(source)).toEqual([[1n]]);
    expect(server.requests[0]?.headers['authorization']).toBe('Bearer s3cr3t-value');
  });

  it('a secret that is not set fails before any request, naming the variable to set', async () => {
    const server = await api((_req, res) => sendJson(res, []));
    const source = new HttpSource(
      { url: server.base, headers: [{ name: 'Authorization', value: 'Bearer ${secret:api_token}' }] },
      environmentSecrets({}),
    );
    const e = await failure(source.columns(signal));
    expect(e.message).toBe(
      'header Authorization uses the secret api_token, which is not set: set the environment variable DUTO_SECRET_API_TOKEN',
    );
    expect(e.param).toBe('headers');
    expect(server.requests).toHaveLength(0);
  });

  it('never shows a secret in a message: it is replaced by ***', async () => {
    const server = await api((_req, res) => sendJson(res, { error: 'nope' }, {}, 404));
    const source = new HttpSource(
      { url: `${server.base}/x`, query: [{ name: 'key', value: '${secret:KEY}' }] },
      environmentSecrets({ DUTO_SECRET_KEY: 'hunter2' }),
    );
    const e = await failure(source.columns(signal));
    expect(e.message).toBe(`page 1 of GET ${server.base}/x?key=***: HTTP 404 Not Found: {"error":"nope"}`);
    expect(e.message).not.toContain('hunter2');
    expect(server.requests).toHaveLength(1);
  });

  it('pages by page number until a page is empty', async () => {
    const server = await api((req, res) => {
      const page = Number(req.url.searchParams.get('p'));
      const size = Number(req.url.searchParams.get('per_page'));
      sendJson(res, { results: items((page - 1) * size + 1, Math.min(page * size, 5)) });
    });
    const source = new HttpSource({
      url: server.base,
      recordsPath: 'results',
      pagination: { style: 'page', pageParam: 'p', firstPage: 1, sizeParam: 'per_page', size: 2 },
    });
    expect((await readAll(source)).map((r) => r[0])).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(server.requests.map((r) => r.url.search)).toEqual([
      '?p=1&per_page=2',
      '?p=2&per_page=2',
      '?p=3&per_page=2',
      '?p=4&per_page=2',
    ]);
  });

  it('pages by offset, advancing by the records received even when the server caps the page size', async () => {
    const server = await api((req, res) => {
      const offset = Number(req.url.searchParams.get('offset'));
      const limit = Math.min(2, Number(req.url.searchParams.get('limit')));
      sendJson(res, items(offset + 1, Math.min(offset + limit, 5)));
    });
    const source = new HttpSource({
      url: server.base,
      pagination: { style: 'offset', offsetParam: 'offset', limitParam: 'limit', limit: 100 },
    });
    expect((await readAll(source)).map((r) => r[0])).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(server.requests.map((r) => r.url.searchParams.get('offset'))).toEqual(['0', '2', '4', '5']);
  });

  it('pages by a cursor read at a JSON path, until it is null', async () => {
    const pages: Record<string, { items: unknown[]; next: string | null }> = {
      '': { items: items(1, 2), next: 'c2' },
      c2: { items: items(3, 4), next: 'c3' },
      c3: { items: items(5, 5), next: null },
    };
    const server = await api((req, res) => {
      const page = pages[req.url.searchParams.get('cursor') ?? ''];
      sendJson(res, { data: page?.items ?? [], meta: { next_cursor: page?.next ?? null } });
    });
    const source = new HttpSource({
      url: server.base,
      recordsPath: 'data',
      pagination: { style: 'cursor', cursorParam: 'cursor', cursorPath: 'meta.next_cursor' },
    });
    expect((await readAll(source)).map((r) => r[0])).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(server.requests.map((r) => r.url.searchParams.get('cursor'))).toEqual([null, 'c2', 'c3']);
  });

  it('a cursor path that does not exist at all is an error, not a single page read quietly', async () => {
    const server = await api((_req, res) => sendJson(res, { data: items(1, 2), meta: { next: 'x' } }));
    const source = new HttpSource({
      url: server.base,
      recordsPath: 'data',
      pagination: { style: 'cursor', cursorParam: 'c', cursorPath: 'paging.next' },
    });
    const e = await failure(readAll(source));
    expect(e.message).toBe(
      `page 1 of GET ${server.base}/: the response has no "paging", where the next cursor should be ("paging.next") (there: "data", "meta")`,
    );
    expect(e.param).toBe('cursorPath');
  });

  it('follows the Link header rel="next", relative links included', async () => {
    const server = await api((req, res) => {
      const page = Number(req.url.searchParams.get('page') ?? '1');
      const links = [`<${server.base}/items?page=1>; rel="first"`];
      if (page < 3) links.push(`</items?page=${page + 1}>; rel="next"`);
      sendJson(res, items(page * 10, page * 10), { link: links.join(', ') });
    });
    const source = new HttpSource({ url: `${server.base}/items`, pagination: { style: 'link' } });
    expect((await readAll(source)).map((r) => r[0])).toEqual([10n, 20n, 30n]);
    expect(server.requests.map((r) => r.url.pathname + r.url.search)).toEqual([
      '/items',
      '/items?page=2',
      '/items?page=3',
    ]);
  });

  it('a server that ignores the page parameter is an error, not endless requests', async () => {
    const server = await api((_req, res) => sendJson(res, items(1, 3)));
    const source = new HttpSource({ url: server.base, pagination: { style: 'page', pageParam: 'pg', firstPage: 1 } });
    const e = await failure(readAll(source));
    expect(e.message).toBe(
      `page 2 of GET ${server.base}/?pg=2: the same records as page 1: does the API take the "pg" parameter?`,
    );
    expect(server.requests).toHaveLength(2);
  });

  it('stops at the maximum page count', async () => {
    const server = await api((req, res) => {
      const page = Number(req.url.searchParams.get('page'));
      sendJson(res, items(page, page));
    });
    const source = new HttpSource({
      url: server.base,
      pagination: { style: 'page', pageParam: 'page', firstPage: 1 },
      maxPages: 3,
    });
    expect((await readAll(source)).map((r) => r[0])).toEqual([1n, 2n, 3n]);
    expect(server.requests).toHaveLength(3);
  });

  it('a limit stops paging as soon as it is reached', async () => {
    const server = await api((req, res) => {
      const page = Number(req.url.searchParams.get('page'));
      sendJson(res, items(page * 2 - 1, page * 2));
    });
    const source = new HttpSource({ url: server.base, pagination: { style: 'page', pageParam: 'page', firstPage: 1 } });
    expect((await readAll(source, 3)).map((r) => r[0])).toEqual([1n, 2n, 3n]);
    expect(server.requests).toHaveLength(2);
  });

  it('retries 429 and 503, waiting as long as Retry-After says', async () => {
    const server = await api((_req, res, n) => {
      if (n === 1) return sendJson(res, { error: 'slow down' }, { 'retry-after': '1' }, 429);
      if (n === 2) return sendJson(res, { error: 'busy' }, {}, 503);
      sendJson(res, items(1, 1));
    });
    const source = new HttpSource({ url: server.base, ...fast });
    expect(await readAll(source)).toEqual([[1n, 'item 1']]);
    const [a, b, c] = server.requests.map((r) => r.at);
    expect(server.requests).toHaveLength(3);
    expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(995);
    // No Retry-After: the backoff (10 ms for the second retry: 10 × 2¹).
    expect((c ?? 0) - (b ?? 0)).toBeGreaterThanOrEqual(19);
    expect((c ?? 0) - (b ?? 0)).toBeLessThan(900);
  });

  it('gives up after the retries, saying what the server answered', async () => {
    const server = await api((_req, res) => sendJson(res, {}, {}, 503));
    const source = new HttpSource({ url: `${server.base}/busy`, ...fast, retries: 2 });
    const e = await failure(readAll(source));
    expect(e.message).toBe(`page 1 of GET ${server.base}/busy: HTTP 503 Service Unavailable; gave up after 3 attempts`);
    expect(server.requests).toHaveLength(3);
  });

  it('does not wait longer than allowed for a Retry-After', async () => {
    const server = await api((_req, res) => sendJson(res, {}, { 'retry-after': '3600' }, 429));
    const source = new HttpSource({ url: server.base, ...fast, maxRetryWaitMs: 60_000 });
    const e = await failure(readAll(source));
    expect(e.message).toBe(
      `page 1 of GET ${server.base}/: HTTP 429 Too Many Requests, and the server asks to wait 3600 s before retrying, more than the 60 s allowed`,
    );
  });

  it('does not retry a client error', async () => {
    const server = await api((_req, res) => sendJson(res, { message: 'Bad credentials' }, {}, 401));
    const e = await failure(readAll(new HttpSource({ url: server.base, ...fast })));
    expect(e.message).toBe(`page 1 of GET ${server.base}/: HTTP 401 Unauthorized: {"message":"Bad credentials"}`);
    expect(e.code).toBe('http.status');
    expect(server.requests).toHaveLength(1);
  });

  it('respects the rate limit across pages (counting request arrivals)', async () => {
    const server = await api((req, res) => {
      const page = Number(req.url.searchParams.get('page'));
      sendJson(res, page <= 10 ? items(page, page) : []);
    });
    const source = new HttpSource({
      url: server.base,
      pagination: { style: 'page', pageParam: 'page', firstPage: 1 },
      requestsPerSecond: 10,
    });
    expect(await readAll(source)).toHaveLength(10);
    const at = server.requests.map((r) => r.at);
    expect(at).toHaveLength(11);
    // The client starts a request every 100 ms; arrivals add network jitter (under 100 ms), so
    // 11 requests span about a second and no half second sees more than 5 (+1 for jitter).
    expect((at[10] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(900);
    const inHalfSecond = at.map((t) => at.filter((u) => u >= t && u < t + 500).length);
    expect(Math.max(...inHalfSecond)).toBeLessThanOrEqual(6);
  });

  it('times out a request that gets no answer, and retries it', async () => {
    const server = await api(() => undefined);
    const source = new HttpSource({ url: server.base, timeoutMs: 150, retries: 1, backoffMs: 10 });
    const e = await failure(readAll(source));
    expect(e.message).toBe(`page 1 of GET ${server.base}/: no response within 150 ms; gave up after 2 attempts`);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a refused connection, then says why it gave up', async () => {
    const server = await api((_req, res) => sendJson(res, []));
    await server.close();
    const e = await failure(readAll(new HttpSource({ url: `${server.base}/gone`, retries: 1, backoffMs: 10 })));
    expect(e.message).toBe(
      `page 1 of GET ${server.base}/gone: no response: connect ECONNREFUSED ${server.base.slice('http://'.length)}; gave up after 2 attempts`,
    );
  });

  it('malformed JSON is an error naming the page and the URL', async () => {
    const server = await api((req, res) => {
      const page = Number(req.url.searchParams.get('page'));
      if (page === 1) return sendJson(res, items(1, 2));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[{"id": 3, "name": "item 3"},');
    });
    const source = new HttpSource({
      url: `${server.base}/items`,
      pagination: { style: 'page', pageParam: 'page', firstPage: 1 },
    });
    const rows: RowBatch = [];
    const e = await failure(
      (async () => {
        for await (const b of source.rows({ signal })) rows.push(...b);
      })(),
    );
    expect(rows).toHaveLength(2);
    expect(e.message).toMatch(
      new RegExp(`^page 2 of GET ${server.base}/items\\?page=2: the response is not valid JSON \\(.+\\)$`),
    );
    expect(e.code).toBe('http.json');
  });

  it('a records path that is not in the response is an error listing what is there', async () => {
    const server = await api((_req, res) => sendJson(res, { data: { rows: [] }, total: 0 }));
    const e = await failure(new HttpSource({ url: server.base, recordsPath: 'data.items' }).columns(signal));
    expect(e.message).toBe(`page 1 of GET ${server.base}/: the response has no "data.items"; it has "rows" at "data"`);
    expect(e.param).toBe('recordsPath');
  });

  it('a value that does not fit the type from the first page is an error naming page, record and field', async () => {
    const server = await api((req, res) => {
      const page = Number(req.url.searchParams.get('page'));
      sendJson(res, page === 1 ? [{ n: 1 }] : page === 2 ? [{ n: 2 }, { n: 'two' }] : []);
    });
    const source = new HttpSource({ url: server.base, pagination: { style: 'page', pageParam: 'page', firstPage: 1 } });
    const e = await failure(readAll(source));
    expect(e.message).toBe(
      `page 2 of GET ${server.base}/?page=2: record 2 has "two" in "n", which is not a BIGINT like the column "n" (typed from the first page); set that column's type to VARCHAR`,
    );
    const widened = new HttpSource({
      url: server.base,
      pagination: { style: 'page', pageParam: 'page', firstPage: 1 },
      columnTypes: [{ column: 'n', type: 'varchar' }],
    });
    expect(await readAll(widened)).toEqual([['1'], ['2'], ['two']]);
  });

  it('an empty first page needs declared columns', async () => {
    const server = await api((_req, res) => sendJson(res, { items: [] }));
    const e = await failure(new HttpSource({ url: server.base, recordsPath: 'items' }).columns(signal));
    expect(e.message).toBe(
      `page 1 of GET ${server.base}/: the first page has no records to infer columns from; declare the columns with column types`,
    );
    const declared = new HttpSource({
      url: server.base,
      recordsPath: 'items',
      columnTypes: [
        { column: 'id', type: 'BIGINT' },
        { column: 'at', type: 'TIMESTAMP' },
      ],
    });
    expect(await declared.columns(signal)).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'at', type: 'TIMESTAMP' },
    ]);
    expect(await readAll(declared)).toEqual([]);
  });

  it('cancelling mid-paging aborts the request in flight and asks for no more pages', async () => {
    let release: () => void = () => undefined;
    const server = await api((req, res) => {
      const page = Number(req.url.searchParams.get('page'));
      if (page === 1) return sendJson(res, items(1, 2));
      // Page 2 answers only when released (never, here): the client must give up on it.
      return new Promise<void>((r) => (release = r)).then(() => sendJson(res, items(3, 4)));
    });
    const ac = new AbortController();
    const source = new HttpSource({ url: server.base, pagination: { style: 'page', pageParam: 'page', firstPage: 1 } });
    const rows: RowBatch = [];
    const read = (async () => {
      for await (const b of source.rows({ signal: ac.signal })) rows.push(...b);
    })();
    while (server.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    await expect(read).rejects.toThrow(/aborted/i);
    expect(rows).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.abandoned).toBe(1);
    expect(server.requests).toHaveLength(2);
    release();
  });
});
