import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ordersFolder, ordersPipeline, origins, runWithCache } from '../node-cache/orders-cache.test-support';
import { listEntries } from '../node-cache/cache-store';
import { pipeline } from '../test-support';
import { pgQuery, pgSchema } from '../connectors/test-databases';

/**
 * Idle-time keeping (keep-results.ts): what a second-run-policy run computed
 * without keeping it is kept by a keepOnly run, which writes no output; the
 * next run starts from it. Nothing seen, nothing kept.
 */

const run = runWithCache;

describe('keeping in idle time', () => {
  it('keeps what the run before only saw, writes no output, and the edit after starts from it', async () => {
    const { dir, cache } = ordersFolder('duto-keep-idle-');
    const cold = await run(ordersPipeline('desc'), dir, cache, 'second-run');
    expect(cold.ok).toBe(true);
    expect(listEntries(cache)).toHaveLength(0);
    rmSync(join(dir, 'out.csv'));

    const kept = await run(ordersPipeline('desc'), dir, cache, 'first-run', { keepOnly: true });
    expect(kept.ok).toBe(true);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
    expect(kept.outputs).toEqual([]);
    expect(
      listEntries(cache)
        .map((e) => e.rows)
        .sort(),
    ).toEqual([3, 4, 4, 4]);
    expect(readdirSync(cache).filter((n) => n.includes('tmp'))).toEqual([]);

    const edited = await run(ordersPipeline('asc'), dir, cache, 'second-run');
    expect(origins(edited)).toMatchObject({
      orders: 'cache',
      customers: 'cache',
      joined: 'cache',
      sorted: 'computed',
      out: 'computed',
    });
    // Kept already: a second keeping run has nothing to do.
    const again = await run(ordersPipeline('desc'), dir, cache, 'first-run', { keepOnly: true });
    expect(Object.keys(again.nodes)).toEqual([]);
  });

  it('keeps nothing no run has computed, nor what a file changed since', async () => {
    const { dir, cache } = ordersFolder('duto-keep-idle-');
    const never = await run(ordersPipeline('desc'), dir, cache, 'first-run', { keepOnly: true });
    expect(never.ok).toBe(true);
    expect(listEntries(cache)).toHaveLength(0);

    const doc = pipeline(
      { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
      { id: 'out', type: 'sink.csv', inputs: { in: 'orders' }, params: { path: 'copy.csv' } },
    );
    await run(doc, dir, cache, 'second-run');
    writeFileSync(join(dir, 'orders.csv'), 'id,customer_id,amount\n9,9,99\n');
    await run(doc, dir, cache, 'first-run', { keepOnly: true });
    expect(listEntries(cache)).toHaveLength(0);
  });

  it('a cancelled keeping run commits nothing and leaves no temporary file', async () => {
    const { dir, cache } = ordersFolder('duto-keep-idle-');
    await run(ordersPipeline('desc'), dir, cache, 'second-run');
    const stop = new AbortController();
    stop.abort();
    const kept = await run(ordersPipeline('desc'), dir, cache, 'first-run', { keepOnly: true, signal: stop.signal });
    expect(kept.cancelled).toBe(true);
    expect(listEntries(cache)).toHaveLength(0);
    expect(readdirSync(cache).filter((n) => n.endsWith('.parquet'))).toEqual([]);
  });

  it('never queries a database on its own, even for a node pinned to the cache', async () => {
    const schema = await pgSchema();
    try {
      await pgQuery(`CREATE TABLE ${schema.name}.t AS SELECT i, md5(i::text) AS h FROM generate_series(1, 500) AS i`);
      const { dir, cache } = ordersFolder('duto-keep-idle-');
      const doc = pipeline(
        {
          id: 'src',
          type: 'source.postgres',
          params: { connection: 'warehouse', schema: schema.name, table: 't' },
        },
        { id: 'sorted', type: 'transform.sort', inputs: { in: 'src' }, params: { keys: [{ column: 'h' }] } },
        { id: 'out', type: 'sink.csv', inputs: { in: 'sorted' }, params: { path: 'out.csv' } },
      );
      const cold = await run(doc, dir, cache, 'second-run', {}, ['src']);
      expect(cold.ok, JSON.stringify(cold.diagnostics)).toBe(true);
      expect(readdirSync(cache).filter((n) => n.endsWith('.seen')).length).toBeGreaterThan(0);
      const kept = await run(doc, dir, cache, 'first-run', { keepOnly: true }, ['src']);
      expect(kept.ok).toBe(true);
      expect(Object.keys(kept.nodes)).toEqual([]);
      expect(listEntries(cache)).toHaveLength(0);
      // The same run kept by hand (a second run computing it) would keep it: the node is keepable, only idle time refuses.
      const second = await run(doc, dir, cache, 'second-run', {}, ['src']);
      expect(second.ok).toBe(true);
      expect(listEntries(cache).length).toBeGreaterThan(0);
    } finally {
      await schema.drop();
    }
  });
});
