import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPipeline } from '../index';
import { freshDir, pipeline } from '../test-support';

/**
 * A profile or chart keeps the node's whole output once (look-entry.ts); the
 * next looks read it. Never used when damaged or when a read file changed,
 * never read by a run, never kept below a database source or a check.
 */

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

const BAR = { type: 'bar', x: 'name', y: 'amount', aggregate: 'sum' } as const;

function setUp(): { dir: string; cache: string } {
  const dir = freshDir('duto-look-');
  writeFileSync(join(dir, 'orders.csv'), 'id,customer_id,amount\n1,1,10\n2,2,20\n3,1,30\n');
  writeFileSync(join(dir, 'customers.csv'), 'customer_id,name\n1,ana\n2,bia\n');
  return { dir, cache: join(dir, 'cache') };
}

async function look(dir: string, cache: string | undefined) {
  const s = await openPipeline(doc, {
    trust: 'trusted',
    baseDir: dir,
    threads: 1,
    ...(cache === undefined ? {} : { nodeCache: { dir: cache, maxBytes: 2 ** 30, keep: 'first-run' as const } }),
  });
  try {
    const profile = await s.profile('joined');
    const chart = await s.chart('joined', BAR);
    const sorted = await s.preview('joined', 10, 0, undefined, { sort: [{ column: 'amount', descending: true }] });
    return { profile, points: chart.points.map((p) => [p.x, p.y]), sorted: sorted.rows };
  } finally {
    s.close();
  }
}

const parquetFiles = (cache: string): string[] => readdirSync(cache).filter((n) => n.endsWith('.parquet'));

describe('looks keep a node’s whole output once', () => {
  it('writes one entry at the first profile, and every later look reads the same numbers from it', async () => {
    const { dir, cache } = setUp();
    const plain = await look(dir, undefined);
    const first = await look(dir, cache);
    expect(parquetFiles(cache)).toHaveLength(1);
    const written = statSync(join(cache, parquetFiles(cache)[0] ?? '')).mtimeMs;
    const second = await look(dir, cache);
    // Read, not written again.
    expect(parquetFiles(cache)).toHaveLength(1);
    expect(statSync(join(cache, parquetFiles(cache)[0] ?? '')).mtimeMs).toBe(written);
    for (const got of [first, second]) {
      expect(got.points).toEqual([
        ['ana', 40],
        ['bia', 20],
      ]);
      expect(got.points).toEqual(plain.points);
      expect(got.sorted).toEqual(plain.sorted);
      expect(got.profile.columns).toEqual(plain.profile.columns);
    }
  });

  it('passes over a damaged entry and shows the node’s own rows', async () => {
    const { dir, cache } = setUp();
    const plain = await look(dir, undefined);
    await look(dir, cache);
    for (const f of parquetFiles(cache)) writeFileSync(join(cache, f), readFileSync(join(cache, f)).subarray(0, 20));
    const damaged = await look(dir, cache);
    expect(damaged.points).toEqual(plain.points);
    expect(damaged.profile.columns).toEqual(plain.profile.columns);
  });

  it('a source edited by one byte, same size and mtime, is looked at anew', async () => {
    const { dir, cache } = setUp();
    await look(dir, cache);
    const file = join(dir, 'orders.csv');
    const { mtime } = statSync(file);
    writeFileSync(file, 'id,customer_id,amount\n1,1,10\n2,2,20\n3,1,90\n');
    utimesSync(file, mtime, mtime);
    const after = await look(dir, cache);
    expect(after.points).toEqual([
      ['ana', 100],
      ['bia', 20],
    ]);
  });

  it('a run never reads what a look kept', async () => {
    const { dir, cache } = setUp();
    await look(dir, cache);
    // A run that read the look's entry would say the join came from the cache.
    const s = await openPipeline(doc, {
      trust: 'trusted',
      baseDir: dir,
      threads: 1,
      nodeCache: { dir: cache, maxBytes: 2 ** 30, keep: 'first-run' },
      purpose: 'run',
    });
    try {
      const result = await s.run();
      expect(result.ok).toBe(true);
      expect(result.nodes['joined']?.origin).not.toBe('cache');
    } finally {
      s.close();
    }
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n')).toHaveLength(4);
  });

  it('keeps nothing for a node below a quality check', async () => {
    const dir = freshDir('duto-look-check-');
    const cache = join(dir, 'cache');
    writeFileSync(join(dir, 'orders.csv'), 'id,amount\n1,10\n2,\n');
    const checked = pipeline(
      { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
      {
        id: 'check',
        type: 'quality.checks',
        inputs: { in: 'orders' },
        params: { checks: [{ rule: 'not_null', column: 'amount', action: 'warn' }] },
      },
    );
    const s = await openPipeline(checked, {
      trust: 'trusted',
      baseDir: dir,
      threads: 1,
      nodeCache: { dir: cache, maxBytes: 2 ** 30, keep: 'first-run' },
    });
    try {
      await s.profile('check');
    } finally {
      s.close();
    }
    expect(parquetFiles(cache)).toHaveLength(0);
  });
});
