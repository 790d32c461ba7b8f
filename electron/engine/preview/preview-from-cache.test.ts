import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPipeline } from '../index';
import { freshDir, pipeline } from '../test-support';

/** After a run, a preview of a kept node reads its cache entry; a damaged entry is passed over and the node computed. */

const doc = pipeline(
  { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
  { id: 'customers', type: 'source.csv', params: { path: 'customers.csv' } },
  {
    id: 'joined',
    type: 'transform.join',
    inputs: { left: 'orders', right: 'customers' },
    params: { keys: [{ left: 'customer_id', right: 'customer_id' }] },
  },
  { id: 'out', type: 'sink.csv', inputs: { in: 'joined' }, params: { path: 'out.csv' } },
);

async function previewJoined(dir: string, cache: string) {
  const s = await openPipeline(doc, {
    trust: 'trusted',
    baseDir: dir,
    threads: 1,
    nodeCache: { dir: cache, maxBytes: 2 ** 30, keep: 'first-run' },
  });
  try {
    return await s.preview('joined', 10, 0, undefined, { sort: [{ column: 'id', descending: false }] });
  } finally {
    s.close();
  }
}

describe('previews from the node cache', () => {
  it('reads a kept node from its entry after a run, with the same rows; a damaged entry is not read', async () => {
    const dir = freshDir('duto-preview-cache-');
    const cache = join(dir, 'cache');
    writeFileSync(join(dir, 'orders.csv'), 'id,customer_id,amount\n1,1,10\n2,2,20\n3,1,30\n');
    writeFileSync(join(dir, 'customers.csv'), 'customer_id,name\n1,ana\n2,bia\n');
    const before = await previewJoined(dir, cache);
    expect(before.origin).toBeUndefined();

    const s = await openPipeline(doc, {
      trust: 'trusted',
      baseDir: dir,
      threads: 1,
      nodeCache: { dir: cache, maxBytes: 2 ** 30, keep: 'first-run' },
    });
    try {
      expect((await s.run()).ok).toBe(true);
    } finally {
      s.close();
    }
    const after = await previewJoined(dir, cache);
    expect(after.origin).toBe('cache');
    expect(after.rows).toEqual(before.rows);
    expect(after.matching).toBe(3);

    for (const f of readdirSync(cache).filter((n) => n.endsWith('.parquet'))) writeFileSync(join(cache, f), 'damaged');
    const damaged = await previewJoined(dir, cache);
    expect(damaged.origin).toBeUndefined();
    expect(damaged.rows).toEqual(before.rows);
  });

  it('charts and profiles a kept node from its entry after a run, with the same points and statistics', async () => {
    const dir = freshDir('duto-chart-cache-');
    const cache = join(dir, 'cache');
    writeFileSync(join(dir, 'orders.csv'), 'id,customer_id,amount\n1,1,10\n2,2,20\n3,1,30\n');
    writeFileSync(join(dir, 'customers.csv'), 'customer_id,name\n1,ana\n2,bia\n');
    const open = () =>
      openPipeline(doc, {
        trust: 'trusted',
        baseDir: dir,
        threads: 1,
        nodeCache: { dir: cache, maxBytes: 2 ** 30, keep: 'first-run' },
      });
    const look = async () => {
      const s = await open();
      try {
        const chart = await s.chart('joined', { type: 'bar', x: 'name', y: 'amount', aggregate: 'sum' });
        const profile = await s.profile('joined');
        return { chart, profile };
      } finally {
        s.close();
      }
    };
    const before = await look();
    expect(before.chart.origin).toBeUndefined();
    const s = await open();
    try {
      expect((await s.run()).ok).toBe(true);
    } finally {
      s.close();
    }
    const after = await look();
    expect(after.chart.origin).toBe('cache');
    expect(after.chart.points).toEqual(before.chart.points);
    expect(after.chart.points.map((p) => [p.x, p.y])).toEqual([
      ['ana', 40],
      ['bia', 20],
    ]);
    expect(after.profile.columns).toEqual(before.profile.columns);
  });
});
