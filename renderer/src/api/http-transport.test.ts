import { describe, expect, it } from 'vitest';
import { httpTransport, type Fetch } from './http-transport';

const TOKEN = 'Zt3x_q-9aB0cD1eF2gH3iJ4kL5mN6oP7qR8sT9uV0wX';

/** Records each request as the server would see it, and answers from `answers` in turn. */
function recording(answers: Array<() => Response>): {
  fetch: Fetch;
  seen: Array<{ url: string; init: RequestInit; headers: Headers }>;
} {
  const seen: Array<{ url: string; init: RequestInit; headers: Headers }> = [];
  return {
    seen,
    fetch: async (url, init) => {
      seen.push({ url, init, headers: new Headers(init.headers) });
      const next = answers.shift();
      if (next === undefined) return new Promise<Response>(() => undefined);
      return next();
    },
  };
}

const json =
  (value: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });

function streamOf(pieces: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const p of pieces) controller.enqueue(encoder.encode(p));
      controller.close();
    },
  });
}

describe('browser shell transport', () => {
  it('sends the token in the Authorization header only, never in the URL or a cookie', async () => {
    const net = recording([json({ ok: true, value: { paths: [] } })]);
    const t = httpTransport(TOKEN, net.fetch);
    expect(await t.call('recent.list', {})).toEqual({ ok: true, value: { paths: [] } });
    const [sent] = net.seen;
    expect(sent?.url).toBe('/api/recent.list');
    expect(sent?.init.method).toBe('POST');
    expect(sent?.init.credentials).toBe('omit');
    expect(sent?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(sent?.headers.get('content-type')).toBe('application/json');
    expect(String(sent?.init.body)).not.toContain(TOKEN);
  });

  it('without a token calls nothing, and a refused token reads as unauthorized', async () => {
    const none = recording([]);
    expect(await httpTransport(null, none.fetch).call('app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'web.unauthorized' },
    });
    expect(none.seen).toEqual([]);
    const refused = recording([() => new Response('no\n', { status: 401, headers: { 'Content-Type': 'text/plain' } })]);
    expect(await httpTransport(TOKEN, refused.fetch).call('app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'web.unauthorized' },
    });
    const broken = recording([
      () => new Response('bad request\n', { status: 400, headers: { 'Content-Type': 'text/plain' } }),
    ]);
    expect(await httpTransport(TOKEN, broken.fetch).call('app.info', {})).toEqual({
      ok: false,
      error: { code: 'transport', message: '400: bad request' },
    });
  });

  it('reads events from a streamed body with the token in a header, reconnects when it ends, and stops once refused', async () => {
    const body =
      ': connected\n\ndata: {"event":"engine.restarted","payload":{"reason":"crash"}}\n\ndata: {"event":"nope","payload":1}\n\ndata: not json\n\n';
    const cut = [body.slice(0, 17), body.slice(17, 50), body.slice(50)];
    let refused = 0;
    const net = recording([
      () => new Response(streamOf(cut), { headers: { 'Content-Type': 'text/event-stream' } }),
      () =>
        new Response(streamOf(['data: {"event":"engine.restarted","payload":{"reason":"again"}}\n\n']), {
          headers: { 'Content-Type': 'text/event-stream' },
        }),
      () => {
        refused++;
        return new Response('', { status: 401 });
      },
    ]);
    const t = httpTransport(TOKEN, net.fetch, { firstMs: 1, maxMs: 2 });
    const got: unknown[] = [];
    t.subscribe('engine.restarted', (p) => got.push(p));
    t.subscribe('engine.restarted', () => undefined);
    await expect.poll(() => refused).toBe(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([{ reason: 'crash' }, { reason: 'again' }]);
    expect(net.seen).toHaveLength(3);
    for (const s of net.seen) {
      expect(s.url).toBe('/api/events');
      expect(s.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
      expect(s.init.credentials).toBe('omit');
    }
    t.close();
  });

  it('opens no event stream without a token', async () => {
    const net = recording([]);
    httpTransport(null, net.fetch).subscribe('engine.restarted', () => undefined);
    await new Promise((r) => setTimeout(r, 10));
    expect(net.seen).toEqual([]);
  });
});
