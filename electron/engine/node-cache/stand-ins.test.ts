import { copyFileSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { listEntries } from './cache-store';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ordersFolder, ordersPipeline, origins } from './orders-cache.test-support';
import type { PipelineDocument } from '../../../shared/format/document';
import type { PipelineSession, RunResult } from '../api';
import { openPipeline } from '../index';
import { duck, pipeline } from '../test-support';

/**
 * Stand-ins (stand-ins.ts) on real files through DuckDB: a whole run reads
 * the nearest whole cached results in their nodes' place and binds nothing
 * above them, with the outputs, rows and warnings of a run that binds every
 * node; a stand-in damaged after the session opened, a run up to a node or
 * without the cache, run the whole pipeline instead.
 */

const setup = (): { dir: string; cache: string } => ordersFolder('duto-stand-ins-');

const doc = ordersPipeline;

function open(d: PipelineDocument, dir: string, cache: string, standIns = true): Promise<PipelineSession> {
  return openPipeline(d, {
    trust: 'trusted',
    baseDir: dir,
    threads: 1,
    purpose: 'run',
    standIns,
    nodeCache: { dir: cache, maxBytes: 2 ** 30, keep: 'first-run' },
  });
}

async function run(d: PipelineDocument, dir: string, cache: string, standIns = true): Promise<RunResult> {
  const s = await open(d, dir, cache, standIns);
  try {
    return await s.run();
  } finally {
    s.close();
  }
}

const outRows = (dir: string, file = 'out.csv') =>
  duck(`SELECT CAST(id AS INTEGER), name, CAST(amount AS INTEGER) FROM read_csv('${join(dir, file)}')`);

describe('stand-ins', () => {
  it('a whole run reads the nearest whole result in its place: nothing above it is bound, the output is the same', async () => {
    const { dir, cache } = setup();
    await run(doc('desc'), dir, cache);
    const s = await open(doc('asc'), dir, cache);
    try {
      // The join reads its entry; the sources above it are neither bound nor described.
      expect(Object.keys((await s.validate()).schemas).sort()).toEqual(['joined', 'out', 'sorted']);
      const r = await s.run();
      expect(r.ok).toBe(true);
      expect(r.diagnostics).toEqual([]);
      // Listed in pipeline order, as by a run that binds them all.
      expect(Object.keys(r.nodes)).toEqual(['orders', 'customers', 'joined', 'sorted', 'out']);
      expect(origins(r)).toEqual({
        orders: 'cache',
        customers: 'cache',
        joined: 'cache',
        sorted: 'computed',
        out: 'computed',
      });
      expect(r.nodes['joined']?.rows).toBe(4);
      expect(r.outputs).toMatchObject([{ nodeId: 'out', rows: 4 }]);
    } finally {
      s.close();
    }
    const read = await outRows(dir);
    // The same as a run that binds every node, in a folder of its own.
    const whole = setup();
    await run(doc('asc'), whole.dir, whole.cache, false);
    expect(read).toEqual(await outRows(whole.dir));
    expect(read.map((row) => row[2])).toEqual([10, 20, 30, 40]);
  });

  it('a one-byte edit of a source above (same size, mtime set back): no stand-in is read for what depends on it', async () => {
    const { dir, cache } = setup();
    const customers = join(dir, 'customers.csv');
    utimesSync(customers, 1_700_000_000, 1_700_000_000);
    await run(doc('desc'), dir, cache);
    writeFileSync(customers, 'customer_id,name\n1,ana\n2,bia\n3,ciao\n');
    utimesSync(customers, 1_700_000_000, 1_700_000_000);
    const r = await run(doc('asc'), dir, cache);
    expect(origins(r)).toMatchObject({ orders: 'cache', customers: 'computed', joined: 'computed' });
    expect((await outRows(dir)).map((row) => row[1])).toEqual(['ana', 'bia', 'ana', 'ciao']);
  });

  it('a stand-in damaged after the session opened is never read: the whole pipeline runs and says so', async () => {
    const { dir, cache } = setup();
    await run(doc('desc'), dir, cache);
    const s = await open(doc('asc'), dir, cache);
    try {
      for (const f of readdirSync(cache).filter((n) => n.endsWith('.parquet')))
        writeFileSync(join(cache, f), 'PAR1 not parquet');
      const r = await s.run();
      expect(r.ok).toBe(true);
      expect(r.nodes['joined']?.origin).toBe('computed');
      expect(r.diagnostics.map((d) => d.code)).toContain('cache.entry-damaged');
      expect((await outRows(dir)).map((row) => row[2])).toEqual([10, 20, 30, 40]);
    } finally {
      s.close();
    }
  });

  it("a sidecar naming a file outside the cache, or another entry's file, is never read", async () => {
    const { dir, cache } = setup();
    await run(doc('desc'), dir, cache);
    // The join's and the sort's entries (4 columns each), and the orders' (3).
    expect(listEntries(cache).filter((e) => e.columns === 4)).toHaveLength(2);
    const orders = listEntries(cache).find((e) => e.columns === 3);
    if (orders === undefined) throw new Error('the orders were kept');
    const fileOf = (print: string): string =>
      z.object({ file: z.string() }).parse(JSON.parse(readFileSync(join(cache, `${print}.json`), 'utf8'))).file;
    // A copy of the orders' entry outside the cache folder.
    copyFileSync(join(cache, fileOf(orders.print)), join(dir, 'outside.parquet'));
    for (const file of ['../outside.parquet', fileOf(orders.print)]) {
      for (const e of listEntries(cache).filter((x) => x.columns === 4)) {
        const sidecar = join(cache, `${e.print}.json`);
        const entry = z.record(z.string(), z.unknown()).parse(JSON.parse(readFileSync(sidecar, 'utf8')));
        writeFileSync(sidecar, JSON.stringify({ ...entry, file }));
      }
      const r = await run(doc('asc'), dir, cache);
      expect([file, r.ok, r.nodes['joined']?.origin]).toEqual([file, true, 'computed']);
      expect((await outRows(dir)).map((row) => row[1])).toEqual(['ana', 'bia', 'ana', 'caio']);
    }
  });

  it('a run up to a node, or without the cache, runs the whole pipeline', async () => {
    const { dir, cache } = setup();
    await run(doc('desc'), dir, cache);
    const s = await open(doc('asc'), dir, cache);
    try {
      const until = await s.run({ until: 'sorted' });
      expect(until.ok).toBe(true);
      expect(Object.keys(until.nodes).sort()).toEqual(['customers', 'joined', 'orders', 'sorted']);
      const uncached = await s.run({ noCache: true });
      expect(uncached.ok).toBe(true);
      expect(origins(uncached)).toMatchObject({ orders: 'computed', joined: 'computed' });
      expect((await outRows(dir)).map((row) => row[2])).toEqual([10, 20, 30, 40]);
    } finally {
      s.close();
    }
  });

  it('a node an output also reads directly stays in the run: read from its own entry, not skipped', async () => {
    const { dir, cache } = setup();
    const twoOutputs = (direction: 'asc' | 'desc'): PipelineDocument => {
      const d = doc(direction);
      return {
        ...d,
        nodes: [...d.nodes, { id: 'raw', type: 'sink.csv', inputs: { in: 'customers' }, params: { path: 'raw.csv' } }],
      };
    };
    await run(twoOutputs('desc'), dir, cache);
    const r = await run(twoOutputs('asc'), dir, cache);
    expect(r.ok).toBe(true);
    expect(origins(r)).toMatchObject({ customers: 'cache', joined: 'cache', sorted: 'computed', raw: 'computed' });
    expect(await duck(`SELECT name FROM read_csv('${join(dir, 'raw.csv')}') ORDER BY customer_id`)).toEqual([
      ['ana'],
      ['bia'],
      ['caio'],
    ]);
    expect((await outRows(dir)).map((row) => row[2])).toEqual([10, 20, 30, 40]);
  });

  it('a node a report names is read, itself or as a stand-in: its rows are in the page', async () => {
    const { dir, cache } = setup();
    const reported = (direction: 'asc' | 'desc'): PipelineDocument => {
      const d = doc(direction);
      return {
        ...d,
        nodes: [
          ...d.nodes,
          {
            id: 'page',
            type: 'sink.report',
            params: { path: 'report.html', tables: ['orders'], profiles: ['joined'], tableRows: 4 },
          },
        ],
      };
    };
    await run(reported('desc'), dir, cache);
    const s = await open(reported('asc'), dir, cache);
    try {
      // The join reads its entry; orders, which only the join read, is still read for the report.
      expect(Object.keys((await s.validate()).schemas)).toEqual(
        expect.arrayContaining(['orders', 'joined', 'sorted', 'out']),
      );
      const r = await s.run();
      expect(r.ok).toBe(true);
      expect(r.diagnostics).toEqual([]);
      expect(origins(r)).toMatchObject({ joined: 'cache', sorted: 'computed' });
    } finally {
      s.close();
    }
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Profile of joined');
    const rows = html.slice(
      html.indexOf('<h2>Rows of orders</h2>'),
      html.indexOf('</section>', html.indexOf('Rows of orders')),
    );
    for (const amount of ['10', '20', '30', '40']) expect(rows).toContain(`<td class="num">${amount}</td>`);
  });

  it('the warnings of the nodes above a stand-in are said again, as a run that binds them says them', async () => {
    const { dir, cache } = setup();
    // Read with "," though it is ";"-separated: one column, which a source warns about.
    writeFileSync(join(dir, 'semi.csv'), 'city;n\nRecife;1\nNatal;2\nRecife;3\n');
    const grouped = (direction: 'asc' | 'desc'): PipelineDocument =>
      pipeline(
        { id: 'semi', type: 'source.csv', params: { path: 'semi.csv', delimiter: ',' } },
        {
          id: 'counted',
          type: 'transform.aggregate',
          inputs: { in: 'semi' },
          params: { groupBy: ['city;n'], measures: [{ function: 'count' }] },
        },
        {
          id: 'sorted',
          type: 'transform.sort',
          inputs: { in: 'counted' },
          params: { keys: [{ column: 'city;n', direction }] },
        },
        { id: 'out', type: 'sink.csv', inputs: { in: 'sorted' }, params: { path: 'out.csv' } },
      );
    const first = await run(grouped('desc'), dir, cache);
    const warned = first.diagnostics.filter((d) => d.code === 'source.dialect');
    expect(warned.map((d) => d.nodeId)).toEqual(['semi']);
    const s = await open(grouped('asc'), dir, cache);
    try {
      expect(Object.keys((await s.validate()).schemas)).not.toContain('semi');
      const again = await s.run();
      expect(origins(again)).toMatchObject({ semi: 'cache', counted: 'cache', sorted: 'computed' });
      expect(again.diagnostics).toEqual(warned);
    } finally {
      s.close();
    }
  });
});
