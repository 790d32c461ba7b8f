import { describe, expect, it } from 'vitest';
import { overOrders } from '../../../test/catalog-fixtures';
import { runOk, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';

describe('transform.distinct', () => {
  it('removes duplicate rows', async () => {
    const dir = tmpDir({ 'a.csv': 'k,v\n1,a\n1,a\n1,b\n' });
    const r = await runOk(
      pipeline().node('a', 'source.csv', { path: 'a.csv' }).node('d', 'transform.distinct', {}, { in: 'a' }).build(),
      dir,
    );
    expect(await r.rows('d')).toEqual([
      { k: 1, v: 'a' },
      { k: 1, v: 'b' },
    ]);
    r.close();
  });

  it('keeps the first or last row per key by an order', async () => {
    const orderBy = [
      { column: 'day', direction: 'asc' },
      { column: 'id', direction: 'asc' },
    ];
    const first = await overOrders('transform.distinct', { keys: ['region'], keep: 'first', orderBy }, 'region');
    expect(first.map((r) => [r['region'], r['id']])).toEqual([
      ['north', 1],
      ['south', 3],
    ]);
    const last = await overOrders('transform.distinct', { keys: ['region'], keep: 'last', orderBy }, 'region');
    expect(last.map((r) => [r['region'], r['id']])).toEqual([
      ['north', 5],
      ['south', 4],
    ]);
  });

  it('keeps the first or last row per key in input order, without a helper column', async () => {
    const first = await overOrders('transform.distinct', { keys: ['customer_id'] }, 'customer_id');
    expect(first.map((r) => r['id'])).toEqual([1, 3, 4]);
    expect(Object.keys(first[0] ?? {})).toEqual(['id', 'customer_id', 'region', 'amount', 'status', 'day']);
    const last = await overOrders('transform.distinct', { keys: ['customer_id'], keep: 'last' }, 'customer_id');
    expect(last.map((r) => r['id'])).toEqual([2, 5, 4]);
  });
});
