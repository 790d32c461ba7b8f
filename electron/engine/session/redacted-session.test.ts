import { afterEach, describe, expect, it } from 'vitest';
import { DutoError } from '../../../shared/diagnostics';
import type { PipelineSession, ProgressEvent } from '../api';
import { sendJson, startApi, type TestApi } from '../connectors/http/test-api-server';
import { environmentSecrets } from '../external/secret-lookup';
import { openPipeline } from '../index';
import { Redactor } from '../sandbox/redactor';
import { freshDir, pipeline } from '../test-support';

/*
 * A server that echoes the token it was sent — as is, URL-encoded, and in
 * base64 as in Basic auth — in its error bodies and its records: nothing a
 * session returns, throws or reports holds it.
 */

const TOKEN = 'tk_live_8d7c6b5a4f3e2d1c';
const echoes = (token: string): string =>
  `bad token ${token} (url ${encodeURIComponent(`${token}/x y`)}) (basic ${Buffer.from(`me:${token}`).toString('base64')})`;

const apis: TestApi[] = [];
const sessions: PipelineSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.close();
  await Promise.all(apis.splice(0).map((a) => a.close()));
});

/** Answers the first `good` requests with records that hold the token, then 401 with the echoes. */
async function echoingApi(good: number): Promise<TestApi> {
  const api = await startApi((req, res, n) => {
    const sent = (req.headers['authorization'] ?? '').replace('Bearer ', '');
    if (n <= good) sendJson(res, [{ id: n, whoami: `token ${sent}` }]);
    else sendJson(res, { error: echoes(sent) }, {}, 401);
  });
  apis.push(api);
  return api;
}

async function open(api: TestApi, redactor?: Redactor): Promise<PipelineSession> {
  const doc = pipeline(
    {
      id: 'api',
      type: 'source.http',
      params: { url: `${api.base}/me`, headers: [{ name: 'Authorization', value: 'Bearer ${secret:API_TOKEN}' }] },
    },
    { id: 'out', type: 'sink.csv', inputs: { in: 'api' }, params: { path: 'out.csv' } },
  );
  // Opened for running: its run uses the rows it fetched, so the failing request is the run's own.
  const s = await openPipeline(doc, {
    trust: 'trusted',
    purpose: 'run',
    baseDir: freshDir(),
    threads: 1,
    secrets: environmentSecrets({ DUTO_SECRET_API_TOKEN: TOKEN }),
    ...(redactor === undefined ? {} : { redactor }),
  });
  sessions.push(s);
  return s;
}

const leaks = (value: unknown): boolean => {
  const text = JSON.stringify(value);
  return (
    text.includes(TOKEN) ||
    text.includes(encodeURIComponent(TOKEN)) ||
    text.includes(Buffer.from(TOKEN).toString('base64').slice(4, 16))
  );
};

describe('a session redacts every secret it resolved', () => {
  it('from a check whose first request fails with a body echoing the token', async () => {
    const api = await echoingApi(0);
    const s = await open(api);
    const v = await s.validate();
    expect(api.requests[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    const d = v.diagnostics.find((x) => x.nodeId === 'api');
    expect(d?.message).toContain('HTTP 401 Unauthorized: {"error":"bad token *** (url ***');
    expect(d?.param).toBe('url');
    expect(leaks(v)).toBe(false);
  });

  it('from previews (cells included), runs, their progress events and errors', async () => {
    const api = await echoingApi(1);
    const redactor = new Redactor();
    const s = await open(api, redactor);
    const preview = await s.preview('api', 5);
    expect(preview.rows).toEqual([[1, 'token ***']]);
    const events: ProgressEvent[] = [];
    const r = await s.run({ onProgress: (e) => events.push(e) });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.message).toContain('bad token ***');
    expect(events.some((e) => e.diagnostic?.message.includes('bad token ***') === true)).toBe(true);
    expect(leaks(r) || leaks(events)).toBe(false);
    let thrown: unknown;
    try {
      await s.preview('api', 5);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DutoError);
    expect(thrown instanceof DutoError && thrown.diagnostics[0]?.message).toContain('bad token ***');
    expect(leaks(thrown instanceof DutoError ? thrown.diagnostics : thrown)).toBe(false);
    // The caller's redactor learnt the token, for what it writes itself (CLI output, history).
    expect(redactor.text(`x ${TOKEN}`)).toBe('x ***');
  });
});
