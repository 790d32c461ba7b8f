import { describe, expect, it } from 'vitest';
import { errorsOverOrders, overOrders } from '../../../test/catalog-fixtures';

describe('transform.filter', () => {
  it('keeps the rows for which the condition is true (NULL is not true)', async () => {
    const rows = await overOrders('transform.filter', { condition: "status = 'paid' AND amount > 50" });
    expect(rows.map((r) => r['id'])).toEqual([1, 3]);
    const withNull = await overOrders('transform.filter', { condition: 'amount < 1000' });
    expect(withNull.map((r) => r['id'])).toEqual([1, 2, 3, 5]);
  });

  it('a condition may span lines and end in a comment', async () => {
    const rows = await overOrders('transform.filter', { condition: "region = 'south'\n-- only the south" });
    expect(rows.map((r) => r['id'])).toEqual([3, 4]);
  });

  it('names a missing condition', async () => {
    expect(await errorsOverOrders('transform.filter', {})).toEqual(['t condition: an expression is required']);
  });
});
