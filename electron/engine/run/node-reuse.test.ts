import { readdirSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ordersFolder, ordersPipeline, origins, runWithCache } from '../node-cache/orders-cache.test-support';
import type { PipelineDocument } from '../../../shared/format/document';
import { openPipeline } from '../index';
import { listEntries } from '../node-cache/cache-store';
import { duck, pipeline } from '../test-support';

/**
 * The node cache (node-cache/, run/node-reuse.ts) on real files through
 * DuckDB: kept results are reused by the next run, a damaged or missing
 * entry is never used (the node is computed and the run says so), a
 * one-byte edit invalidates what depends on the file, volatile nodes are
 * computed every time.
 */

const setup = (): { dir: string; cache: string } => ordersFolder('duto-node-cache-');

const doc = ordersPipeline;

const run = runWithCache;

const outRows = async (dir: string) =>
  duck(`SELECT CAST(id AS INTEGER), name FROM read_csv('${join(dir, 'out.csv')}') ORDER BY amount DESC`);

describe('node cache', () => {
  it('a cold run keeps costly nodes; after editing the last node the re-run reuses everything upstream', async () => {
    const { dir, cache } = setup();
    const cold = await run(doc('desc'), dir, cache);
    expect(cold.ok).toBe(true);
    expect(origins(cold)).toEqual({
      orders: 'computed',
      customers: 'computed',
      joined: 'computed',
      sorted: 'computed',
      out: 'computed',
    });
    expect(listEntries(cache)).toHaveLength(4);

    const edited = await run(doc('asc'), dir, cache);
    expect(edited.ok).toBe(true);
    expect(origins(edited)).toMatchObject({
      orders: 'cache',
      customers: 'cache',
      joined: 'cache',
      sorted: 'computed',
      out: 'computed',
    });
    expect(edited.nodes['joined']?.rows).toBe(4);
    const rows = await duck(`SELECT CAST(amount AS INTEGER) FROM read_csv('${join(dir, 'out.csv')}')`);
    expect(rows.map((r) => r[0])).toEqual([10, 20, 30, 40]);
  });

  it('by default (the CLI) a big result is kept the second time it is computed, a grouped one at once: a one-off cold run writes almost nothing', async () => {
    const { dir, cache } = setup();
    const grouped = (direction: 'asc' | 'desc'): PipelineDocument =>
      pipeline(
        { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
        {
          id: 'totals',
          type: 'transform.aggregate',
          inputs: { in: 'orders' },
          params: { groupBy: ['customer_id'], measures: [{ function: 'sum', column: 'amount', as: 'total' }] },
        },
        {
          id: 'sorted',
          type: 'transform.sort',
          inputs: { in: 'totals' },
          params: { keys: [{ column: 'total', direction }] },
        },
        { id: 'out', type: 'sink.csv', inputs: { in: 'sorted' }, params: { path: 'out.csv' } },
      );
    const cold = await run(grouped('desc'), dir, cache, 'second-run');
    expect(cold.ok).toBe(true);
    // Only the aggregate's small result is written; the parsed source and the sort are remembered as seen.
    expect(listEntries(cache).map((e) => e.rows)).toEqual([3]);
    expect(readdirSync(cache).filter((n) => n.endsWith('.seen'))).toHaveLength(2);

    const edited = await run(grouped('asc'), dir, cache, 'second-run');
    expect(origins(edited)).toMatchObject({ orders: 'cache', totals: 'cache', sorted: 'computed' });

    // Seen before: the second run that computes the source keeps it; the third reuses it.
    writeFileSync(join(dir, 'orders.csv'), 'id,customer_id,amount\n1,1,10\n2,2,20\n3,1,30\n4,3,40\n5,3,1\n');
    const changed = await run(grouped('asc'), dir, cache, 'second-run');
    expect(origins(changed)).toMatchObject({ orders: 'computed', totals: 'computed' });
    const again = await run(grouped('asc'), dir, cache, 'second-run');
    expect(origins(again)).toMatchObject({ orders: 'cache', totals: 'cache' });
    const moved = pipeline(
      { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
      { id: 'big', type: 'transform.filter', inputs: { in: 'orders' }, params: { condition: 'amount > 5' } },
      { id: 'out', type: 'sink.csv', inputs: { in: 'big' }, params: { path: 'out2.csv' } },
    );
    const other = await run(moved, dir, cache, 'second-run');
    expect(other.ok).toBe(true);
    expect(other.nodes['orders']?.origin).toBe('computed');
    const third = await run(moved, dir, cache, 'second-run');
    expect(third.nodes['orders']?.origin).toBe('cache');
  });

  it('a truncated or deleted entry is never used: the node is computed again and the run says so', async () => {
    const { dir, cache } = setup();
    await run(doc('desc'), dir, cache);
    const files = () => readdirSync(cache).filter((n) => n.endsWith('.parquet'));
    expect(files().length).toBeGreaterThan(0);
    for (const f of files()) truncateSync(join(cache, f), 100);

    const damaged = await run(doc('asc'), dir, cache);
    expect(damaged.ok).toBe(true);
    expect(damaged.nodes['joined']?.origin).toBe('computed');
    expect(damaged.diagnostics.map((d) => [d.code, d.nodeId])).toContainEqual(['cache.entry-damaged', 'joined']);
    expect(await outRows(dir)).toEqual([
      [4, 'caio'],
      [3, 'ana'],
      [2, 'bia'],
      [1, 'ana'],
    ]);

    // The run wrote whole entries again; now they go missing.
    expect(listEntries(cache).length).toBeGreaterThan(0);
    for (const f of files()) unlinkSync(join(cache, f));
    const missing = await run(doc('desc'), dir, cache);
    expect(missing.ok).toBe(true);
    expect(missing.nodes['joined']?.origin).toBe('computed');
    expect(missing.diagnostics.map((d) => d.code)).toContain('cache.entry-missing');
    expect(await outRows(dir)).toEqual([
      [4, 'caio'],
      [3, 'ana'],
      [2, 'bia'],
      [1, 'ana'],
    ]);
  });

  it('an entry damaged after the run opened (its sidecar already read) is still never used', async () => {
    const { dir, cache } = setup();
    await run(doc('desc'), dir, cache);
    const s = await openPipeline(doc('asc'), {
      trust: 'trusted',
      baseDir: dir,
      threads: 1,
      purpose: 'run',
      nodeCache: { dir: cache, maxBytes: 2 ** 30, keep: 'first-run' },
    });
    try {
      for (const f of readdirSync(cache).filter((n) => n.endsWith('.parquet')))
        writeFileSync(join(cache, f), 'PAR1 not parquet');
      const r = await s.run();
      expect(r.ok).toBe(true);
      expect(r.nodes['joined']?.origin).toBe('computed');
      expect(r.diagnostics.map((d) => d.code)).toContain('cache.entry-damaged');
      expect(await duck(`SELECT CAST(amount AS INTEGER) FROM read_csv('${join(dir, 'out.csv')}')`)).toEqual([
        [10],
        [20],
        [30],
        [40],
      ]);
    } finally {
      s.close();
    }
  });

  it('a one-byte edit of a source (same size, mtime set back) invalidates its dependents', async () => {
    const { dir, cache } = setup();
    const customers = join(dir, 'customers.csv');
    utimesSync(customers, 1_700_000_000, 1_700_000_000);
    await run(doc('desc'), dir, cache);
    writeFileSync(customers, 'customer_id,name\n1,ana\n2,bia\n3,ciao\n');
    utimesSync(customers, 1_700_000_000, 1_700_000_000);
    const r = await run(doc('asc'), dir, cache);
    expect(origins(r)).toMatchObject({
      orders: 'cache',
      customers: 'computed',
      joined: 'computed',
      sorted: 'computed',
    });
    expect(await outRows(dir)).toEqual([
      [4, 'ciao'],
      [3, 'ana'],
      [2, 'bia'],
      [1, 'ana'],
    ]);
  });

  it('volatile nodes (now(), random()) are computed every run', async () => {
    const { dir, cache } = setup();
    const d = pipeline(
      { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
      {
        id: 'stamped',
        type: 'transform.sql',
        inputs: { in: 'orders' },
        params: { query: 'SELECT *, random() AS r FROM orders' },
      },
      {
        id: 'sorted',
        type: 'transform.sort',
        inputs: { in: 'stamped' },
        params: { keys: [{ column: 'id', direction: 'asc' }] },
      },
      { id: 'out', type: 'sink.csv', inputs: { in: 'sorted' }, params: { path: 'out.csv' } },
    );
    await run(d, dir, cache);
    const first = await duck(`SELECT r FROM read_csv('${join(dir, 'out.csv')}')`);
    const second = await run(d, dir, cache);
    expect(origins(second)).toMatchObject({ orders: 'cache', stamped: 'computed', sorted: 'computed' });
    expect(await duck(`SELECT r FROM read_csv('${join(dir, 'out.csv')}')`)).not.toEqual(first);
  });

  it('a sink can never write into the cache folder: the sandbox refuses it', async () => {
    const { dir, cache } = setup();
    await run(doc('desc'), dir, cache);
    const entry = listEntries(cache)[0];
    expect(entry).toBeDefined();
    const before = readdirSync(cache).sort();
    const r = await run(doc('desc', { path: join(cache, 'evil.csv') }), dir, cache);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.nodeId])).toContainEqual(['sink.refused', 'out']);
    // A user query can neither read the entries (DuckDB is given only this run's own) nor write beside them.
    const sneaky = pipeline(
      { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
      {
        id: 'peek',
        type: 'transform.sql',
        inputs: { in: 'orders' },
        params: { query: `SELECT * FROM read_parquet('${join(cache, '*.parquet')}')` },
      },
      { id: 'out', type: 'sink.csv', inputs: { in: 'peek' }, params: { path: 'peek.csv' } },
    );
    const peek = await run(sneaky, dir, cache);
    expect(peek.ok).toBe(false);
    expect(readdirSync(cache).sort()).toEqual(before);
  });
});
