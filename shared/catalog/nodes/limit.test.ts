import { describe, expect, it } from 'vitest';
import { errorsOverOrders, overOrders } from '../../../test/catalog-fixtures';

describe('transform.limit', () => {
  it('limits with an offset', async () => {
    const rows = await overOrders('transform.limit', { count: 2, offset: 1 }, '');
    expect(rows.map((r) => r['id'])).toEqual([2, 3]);
  });

  it('samples a repeatable number of rows', async () => {
    const a = await overOrders('transform.limit', { mode: 'sample', rows: 3, seed: 7 });
    const b = await overOrders('transform.limit', { mode: 'sample', rows: 3, seed: 7 });
    expect(a).toHaveLength(3);
    expect(a).toEqual(b);
    const all = await overOrders('transform.limit', { mode: 'sample', sampleBy: 'percent', percent: 100, seed: 1 });
    expect(all).toHaveLength(5);
  });

  it('names a negative count', async () => {
    expect(await errorsOverOrders('transform.limit', { count: -1 })).toEqual([expect.stringMatching(/^t count: /)]);
  });
});
