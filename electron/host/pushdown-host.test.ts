import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload, OperationName, Reply } from '../../shared/ipc/contract';
import type { PipelineDocument } from '../../shared/format/document';
import { validateResultSchema, runResultSchema } from '../../shared/ipc/results';
import { doc, pgQuery, pgSchema, testConnectionsFile } from '../engine/connectors/test-databases';
import { freshDir } from '../engine/test-support';
import { createHost, type Host } from './host';
import { hostsClosedAfterEach } from './test-hosts';

/**
 * The app side of pushdown: the check says where each node runs (what the
 * canvas badges show), and a run in the app pushes what `duto run` pushes,
 * with the same output and every node of the chain reported.
 */

const track = hostsClosedAfterEach();
let pg = '';
let drop: () => Promise<void> = async () => {};

beforeAll(async () => {
  const s = await pgSchema();
  pg = s.name;
  drop = s.drop;
  await pgQuery(`CREATE TABLE ${pg}.orders (id integer, status text, qty integer)`);
  await pgQuery(
    `INSERT INTO ${pg}.orders SELECT i, CASE WHEN i % 3 = 0 THEN 'paid' ELSE 'open' END, i % 7 FROM generate_series(1, 90) i`,
  );
});
afterAll(async () => {
  await drop();
});

function makeHost(): { host: Host; progress: Array<{ nodeId: string; status: string; streamed?: boolean }> } {
  const dir = freshDir('duto-pd-user-');
  const connectionsFile = join(dir, 'connections.json');
  writeFileSync(connectionsFile, JSON.stringify(testConnectionsFile()));
  const progress: Array<{ nodeId: string; status: string; streamed?: boolean }> = [];
  const host = track(
    createHost({
      userDataDir: dir,
      connectionsFile,
      threads: 1,
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
        if (event === 'pipeline.progress') progress.push((payload as { event: (typeof progress)[number] }).event);
      },
      shell: {
        'app.info': async () => ({ shell: 'web', version: '0', platform: 'test', workDir: '/', examplesDir: null }),
        'app.pendingOpens': async () => ({ paths: [] }),
        'file.openDialog': async () => ({ path: null }),
        'file.saveDialog': async () => ({ path: null }),
      },
    }),
  );
  return { host, progress };
}

function ok(reply: Reply<OperationName>): unknown {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply)}`);
  return reply.value;
}

function pipeline(off: string[] = [], pipelineOff = false): PipelineDocument {
  const d = doc(
    { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: `${pg}.orders` } },
    { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: "status = 'paid'" } },
    { id: 'out', type: 'sink.csv', inputs: { in: 'kept' }, params: { path: 'out.csv' } },
  );
  return {
    ...d,
    // Laid out as the app saves it: a folded node's place must not outlive it in the pushed document.
    layout: { src: { x: 0, y: 0 }, kept: { x: 300, y: 0 }, out: { x: 600, y: 0 } },
    ...(pipelineOff ? { pushdown: false } : {}),
    nodes: d.nodes.map((n) => (off.includes(n.id) ? { ...n, pushdown: false } : n)),
  };
}

describe('pushdown in the app', () => {
  it('the check places the chain in PostgreSQL, a switched-off node in DuckDB with why, nothing when the pipeline is off', async () => {
    const { host } = makeHost();
    const baseDir = freshDir('duto-pd-');
    const check = async (d: PipelineDocument) =>
      validateResultSchema.parse(ok(await host.dispatch('pipeline.check', { document: d, baseDir })));
    expect((await check(pipeline())).placement).toEqual({
      src: { target: 'PostgreSQL' },
      kept: { target: 'PostgreSQL' },
      out: {
        target: 'DuckDB',
        missed: {
          database: 'PostgreSQL',
          reason: 'sink.csv is not pushed to a database yet',
          why: { key: 'not-yet', args: { type: 'sink.csv' } },
        },
      },
    });
    expect((await check(pipeline(['kept']))).placement).toEqual({
      kept: {
        target: 'DuckDB',
        missed: {
          database: 'PostgreSQL',
          reason: 'pushdown is off for this node',
          why: { key: 'switched-off', args: {} },
        },
      },
    });
    expect((await check(pipeline([], true))).placement).toBeUndefined();
  });

  it('a source that cannot be read is still a check result: its diagnostic on the node, no placement', async () => {
    const { host } = makeHost();
    const d = pipeline();
    const broken = {
      ...d,
      nodes: d.nodes.map((n) => (n.id === 'src' ? { ...n, params: { connection: 'nowhere', table: 'orders' } } : n)),
    };
    const r = validateResultSchema.parse(
      ok(await host.dispatch('pipeline.check', { document: broken, baseDir: freshDir('duto-pd-') })),
    );
    expect(r.diagnostics.some((x) => x.nodeId === 'src' && x.message.includes('nowhere'))).toBe(true);
    expect(r.placement).toBeUndefined();
  });

  it('a run pushes the chain, reports its folded source, and writes what the pulled run writes', async () => {
    const { host, progress } = makeHost();
    const run = async (d: PipelineDocument, runId: string): Promise<string> => {
      const baseDir = freshDir('duto-pd-run-');
      const r = runResultSchema.parse(ok(await host.dispatch('pipeline.run', { document: d, baseDir, runId })));
      expect(r.ok).toBe(true);
      expect(r.nodes['src']?.status).toBe('done');
      expect(r.nodes['kept']?.status).toBe('done');
      return readFileSync(join(baseDir, 'out.csv'), 'utf8');
    };
    const pushed = await run(pipeline(), 'pushed');
    expect(progress).toContainEqual(expect.objectContaining({ nodeId: 'src', status: 'done', streamed: true }));
    const pulled = await run(pipeline([], true), 'pulled');
    expect(pushed.trim().split('\n')).toHaveLength(31);
    expect(pushed).toBe(pulled);
  });

  it('a run whose sink is a table of the same connection has PostgreSQL write it (ELT), the sink placed there too', async () => {
    const { host } = makeHost();
    const d = doc(
      { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: `${pg}.orders` } },
      { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: "status = 'paid'" } },
      {
        id: 'out',
        type: 'sink.postgres',
        inputs: { in: 'kept' },
        params: { connection: 'warehouse', schema: pg, table: 'paid_app', mode: 'replace' },
      },
    );
    const baseDir = freshDir('duto-pd-elt-');
    const checked = validateResultSchema.parse(ok(await host.dispatch('pipeline.check', { document: d, baseDir })));
    expect(checked.placement?.['out']).toEqual({ target: 'PostgreSQL' });
    const r = runResultSchema.parse(ok(await host.dispatch('pipeline.run', { document: d, baseDir, runId: 'elt' })));
    expect(r.ok).toBe(true);
    expect(r.nodes['out']).toMatchObject({ status: 'done', rows: 30 });
    // The part's last node was never read into DuckDB: reported with the rows the server wrote.
    expect(r.nodes['kept']).toMatchObject({ status: 'done', rows: 30, streamed: true });
    expect(await pgQuery(`SELECT count(*)::int FROM ${pg}.paid_app`)).toEqual([[30]]);
  });
});
