import { describe, expect, it } from 'vitest';
import { errorsOverOrders, overOrders } from '../../../test/catalog-fixtures';

describe('transform.cast', () => {
  it('casts, and leaves values that do not convert empty when asked', async () => {
    const rows = await overOrders(
      'transform.cast',
      {
        casts: [
          { column: 'amount', type: 'decimal(10,2)' },
          { column: 'region', type: 'INTEGER', onError: 'null' },
          { column: 'day', type: 'DATE' },
        ],
      },
      'id',
    );
    expect(rows[0]).toEqual({
      id: 1,
      customer_id: 10,
      region: null,
      amount: '100.00',
      status: 'paid',
      day: '2024-01-01',
    });
  });

  it('reports an unsupported type by param', async () => {
    expect(await errorsOverOrders('transform.cast', { casts: [{ column: 'amount', type: 'INT)--' }] })).toEqual([
      't casts[0].type: unsupported type "INT)--"',
    ]);
  });
});
