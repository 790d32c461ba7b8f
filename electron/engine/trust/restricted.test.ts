import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { folderSnapshot } from '../../../test/folder-snapshot';
import type { ConnectionLookup } from '../connections/resolved';
import { startApi, sendJson, type TestApi } from '../connectors/http/test-api-server';
import { environmentSecrets } from '../external/secret-lookup';
import { openPipeline } from '../index';
import type { PipelineSession } from '../api';
import { freshDir, pipeline } from '../test-support';

/**
 * Restricted mode (ARCHITECTURE.md, wall 5): a pipeline from elsewhere is checked and
 * previewed on the files in its own folder only; nothing it would read
 * elsewhere, no connection, no network, no secret, and it never runs.
 */

const sessions: PipelineSession[] = [];
const apis: TestApi[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.close();
  for (const a of apis.splice(0)) await a.close();
});

function project(): { root: string; dir: string; outside: string } {
  const root = freshDir('duto-trust-');
  const dir = join(root, 'project');
  mkdirSync(dir);
  writeFileSync(join(dir, 'in.csv'), 'id,v\n1,10\n2,20\n');
  const outside = join(root, 'secret.csv');
  writeFileSync(outside, 'password\nhunter2\n');
  return { root, dir, outside };
}

async function open(
  doc: ReturnType<typeof pipeline>,
  dir: string,
  trust: 'trusted' | 'restricted',
  extra: Partial<Parameters<typeof openPipeline>[1]> = {},
): Promise<PipelineSession> {
  const s = await openPipeline(doc, { baseDir: dir, trust, threads: 1, ...extra });
  sessions.push(s);
  return s;
}

describe('restricted mode', () => {
  it('previews the files in its folder, and refuses to run, saying what it would write; nothing is written', async () => {
    const { root, dir } = project();
    const before = folderSnapshot(root);
    const doc = pipeline(
      { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
      { id: 'out', type: 'sink.parquet', inputs: { in: 'src' }, params: { path: 'out/result.parquet' } },
    );
    const s = await open(doc, dir, 'restricted');
    const v = await s.validate();
    expect(v.ok).toBe(true);
    expect(v.trust).toMatchObject({
      mode: 'restricted',
      folder: dir,
      writes: [{ nodeId: 'out', target: join(dir, 'out', 'result.parquet') }],
      outside: [],
    });
    expect((await s.preview('src', 10)).rows).toEqual([
      [1, 10],
      [2, 20],
    ]);
    await expect(s.run()).rejects.toThrow(/not trusted on this machine.*would write .*result\.parquet/);
    expect(folderSnapshot(root)).toEqual(before);
  });

  it('holds back a node reading outside its folder, by path, by ../ and through a link', async () => {
    const { dir, outside } = project();
    symlinkSync(outside, join(dir, 'innocent.csv'));
    const doc = pipeline(
      { id: 'abs', type: 'source.csv', params: { path: outside } },
      { id: 'up', type: 'source.csv', params: { path: '../secret.csv' } },
      { id: 'link', type: 'source.csv', params: { path: 'innocent.csv' } },
      { id: 'own', type: 'source.csv', params: { path: 'in.csv' } },
    );
    const s = await open(doc, dir, 'restricted');
    const v = await s.validate();
    for (const id of ['abs', 'up', 'link']) {
      expect(v.diagnostics.find((d) => d.nodeId === id && d.severity === 'error')).toMatchObject({
        code: 'trust.outside',
        param: 'path',
        severity: 'error',
      });
      await expect(s.preview(id, 5)).rejects.toThrow(/outside this pipeline's folder/);
    }
    expect(v.trust.outside.map((o) => o.nodeId).sort()).toEqual(['abs', 'link', 'up']);
    expect((await s.preview('own', 5)).rows.length).toBe(2);
    // Trusted, the same pipeline reads them all.
    const t = await open(doc, dir, 'trusted');
    expect((await t.preview('link', 5)).rows).toEqual([['hunter2']]);
  });

  it('never looks up a connection, never fetches, never resolves a secret', async () => {
    const { dir } = project();
    const api = await startApi((_req, res) => sendJson(res, [{ id: 1 }]));
    apis.push(api);
    const asked: string[] = [];
    const connections: ConnectionLookup = {
      resolve(name) {
        asked.push(name);
        throw new Error('a restricted session must not ask for a connection');
      },
    };
    const doc = pipeline(
      { id: 'db', type: 'source.postgres', params: { connection: 'warehouse', table: 'orders' } },
      {
        id: 'api',
        type: 'source.http',
        params: { url: `${api.base}/items`, headers: [{ name: 'Authorization', value: 'Bearer ${secret:API_TOKEN}' }] },
      },
    );
    const s = await open(doc, dir, 'restricted', {
      connections,
      secrets: environmentSecrets({ DUTO_SECRET_API_TOKEN: 'tok-never-sent' }),
    });
    const v = await s.validate();
    expect(v.diagnostics.find((d) => d.nodeId === 'db' && d.severity === 'error')).toMatchObject({
      code: 'trust.connection',
      param: 'connection',
    });
    expect(v.diagnostics.find((d) => d.nodeId === 'api' && d.severity === 'error')).toMatchObject({
      code: 'trust.network',
      param: 'url',
    });
    expect(v.trust).toMatchObject({
      connections: [{ nodeId: 'db', name: 'warehouse' }],
      hosts: [{ nodeId: 'api', url: `${api.base}/items` }],
      secrets: [{ nodeId: 'api', name: 'API_TOKEN' }],
    });
    await expect(s.preview('api', 5)).rejects.toThrow(/restricted/);
    expect(asked).toEqual([]);
    expect(api.requests).toEqual([]);
  });
});
