import { describe, expect, it } from 'vitest';
import { overOrders } from '../../../test/catalog-fixtures';

describe('transform.sort', () => {
  it('sorts by several keys with null placement', async () => {
    const keys = [
      { column: 'region', direction: 'desc', nulls: 'last' },
      { column: 'amount', direction: 'asc', nulls: 'first' },
    ];
    const ordered = await overOrders('transform.sort', { keys }, '');
    expect(ordered.map((r) => r['id'])).toEqual([4, 3, 5, 2, 1]);
  });
});
