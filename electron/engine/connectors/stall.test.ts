import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionsFile } from '../../../shared/connections/connection';
import type { PipelineSession } from '../api';
import { connectionLookup } from '../connections/lookup';
import { openPipeline } from '../index';
import { freshDir } from '../test-support';
import { MY, PG, doc, myDatabase, myQuery, pgQuery, pgSchema, testConnectionsFile } from './test-databases';

/*
 * Every wait is bounded: a network that freezes mid-load — here a local TCP
 * relay in front of the real server that, after some bytes, stops
 * forwarding without closing anything — ends the run with a clear error
 * within the connection's no-progress timeout (2 s here), for a PostgreSQL
 * source, a PostgreSQL sink, a MariaDB sink and an HTTP source.
 */

/** A relay to `port` that stops forwarding (both ways, sockets left open) once a connection has carried `after` bytes in `direction`. */
async function frozenRelay(
  port: number,
  direction: 'down' | 'up',
  after: number,
): Promise<{ port: number; close: () => Promise<void>; froze: () => number }> {
  const sockets = new Set<Socket>();
  let frozen = 0;
  const server: Server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    let bytes = 0;
    let stopped = false;
    const pass = (from: Socket, to: Socket, counted: boolean) =>
      from.on('data', (chunk: Buffer) => {
        if (counted) bytes += chunk.length;
        if (!stopped && bytes > after) {
          stopped = true;
          frozen++;
        }
        if (!stopped) to.write(chunk);
      });
    pass(upstream, client, direction === 'down');
    pass(client, upstream, direction === 'up');
    for (const s of [client, upstream]) s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    froze: () => frozen,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let pgs: { name: string; drop: () => Promise<void> };
let my: { name: string; drop: () => Promise<void> };
const closers: Array<() => Promise<void>> = [];
const sessions: PipelineSession[] = [];
beforeAll(async () => {
  [pgs, my] = await Promise.all([pgSchema(), myDatabase()]);
});
afterAll(async () => Promise.all([pgs?.drop(), my?.drop()]));
afterEach(async () => {
  for (const s of sessions.splice(0)) s.close();
  for (const c of closers.splice(0)) await c();
});

/** The test connections plus `slow`, through the relay, with a 2 s no-progress timeout. */
function connections(kind: 'postgres' | 'mysql', port: number) {
  const base = testConnectionsFile(my.name);
  const slow = kind === 'postgres' ? { kind, ...PG, port } : { kind, ...MY, port, database: my.name };
  const file: ConnectionsFile = {
    ...base,
    connections: { ...base.connections, slow: { ...slow, options: { idleTimeoutSeconds: 2 } } },
  };
  return connectionLookup([file], {});
}

async function runTimed(d: ReturnType<typeof doc>, lookup: ReturnType<typeof connections>) {
  const s = await openPipeline(d, { trust: 'trusted', baseDir: freshDir(), connections: lookup, threads: 2 });
  sessions.push(s);
  const started = performance.now();
  const r = await s.run();
  return { r, seconds: (performance.now() - started) / 1000 };
}

const BIG_PG = 'SELECT g AS i, md5(g::text) AS h FROM generate_series(1, 400000) g';

describe('a network that freezes mid-load ends in a clear error within the no-progress timeout', () => {
  it('PostgreSQL source', async () => {
    const relay = await frozenRelay(PG.port, 'down', 2_000_000);
    closers.push(relay.close);
    const out = join(freshDir(), 'out.parquet');
    const { r, seconds } = await runTimed(
      doc(
        { id: 'src', type: 'source.postgres', params: { connection: 'slow', mode: 'query', query: BIG_PG } },
        { id: 'dst', type: 'sink.parquet', inputs: { in: 'src' }, params: { path: out } },
      ),
      connections('postgres', relay.port),
    );
    expect(relay.froze()).toBeGreaterThan(0);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: 'connection.stalled', nodeId: 'src' });
    expect(r.diagnostics[0]?.message).toContain('sent nothing for 2 s');
    expect(r.diagnostics[0]?.message).toContain('idleTimeoutSeconds');
    expect(seconds).toBeLessThan(10);
  });

  it('PostgreSQL sink', async () => {
    const relay = await frozenRelay(PG.port, 'up', 1_000_000);
    closers.push(relay.close);
    const { r, seconds } = await runTimed(
      doc(
        { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', mode: 'query', query: BIG_PG } },
        {
          id: 'dst',
          type: 'sink.postgres',
          inputs: { in: 'src' },
          params: { connection: 'slow', schema: pgs.name, table: 'stalled', mode: 'replace' },
        },
      ),
      connections('postgres', relay.port),
    );
    expect(relay.froze()).toBeGreaterThan(0);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: 'connection.stalled', nodeId: 'dst' });
    expect(seconds).toBeLessThan(20);
    expect(
      await pgQuery(`SELECT count(*)::int FROM information_schema.tables WHERE table_schema = $1`, [pgs.name]),
    ).toEqual([[0]]);
  });

  it('MariaDB sink', async () => {
    const relay = await frozenRelay(MY.port, 'up', 1_000_000);
    closers.push(relay.close);
    const { r, seconds } = await runTimed(
      doc(
        { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', mode: 'query', query: BIG_PG } },
        {
          id: 'dst',
          type: 'sink.mysql',
          inputs: { in: 'src' },
          params: { connection: 'slow', table: 'stalled', mode: 'append' },
        },
      ),
      connections('mysql', relay.port),
    );
    expect(relay.froze()).toBeGreaterThan(0);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: 'connection.stalled', nodeId: 'dst' });
    expect(seconds).toBeLessThan(20);
    // The target was never swapped in. The server still holds the frozen session (and its staging table) until it notices: later runs sweep such tables.
    expect(
      await myQuery('SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [
        my.name,
        'stalled',
      ]),
    ).toEqual([]);
  });

  it('HTTP source: a response body that stops arriving', async () => {
    // Page 1 whole (design time reads it); page 2 sends half its body and then nothing.
    const server: HttpServer = createHttpServer((req, res) => {
      const page = new URL(req.url ?? '/', 'http://x').searchParams.get('page');
      res.writeHead(200, { 'content-type': 'application/json' });
      if (page === '1') res.end(JSON.stringify([{ id: 1 }, { id: 2 }]));
      else res.write('[{"id": 3},');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const out = join(freshDir(), 'out.parquet');
    const { r, seconds } = await runTimed(
      doc(
        {
          id: 'api',
          type: 'source.http',
          params: {
            url: `http://127.0.0.1:${String(address.port)}/items`,
            pagination: 'page',
            timeoutSeconds: 2,
            retries: 0,
          },
        },
        { id: 'dst', type: 'sink.parquet', inputs: { in: 'api' }, params: { path: out } },
      ),
      connections('postgres', PG.port),
    );
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.nodeId).toBe('api');
    expect(r.diagnostics[0]?.message).toMatch(/within 2 s/);
    expect(seconds).toBeLessThan(10);
  });
});
