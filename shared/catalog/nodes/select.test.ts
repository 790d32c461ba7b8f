import { describe, expect, it } from 'vitest';
import { errorsOverOrders, overOrders } from '../../../test/catalog-fixtures';

describe('transform.select', () => {
  it('keeps, renames and reorders', async () => {
    const rows = await overOrders('transform.select', { columns: [{ column: 'amount', rename: 'total' }, { column: 'id', rename: '' }] }, 'id');
    expect(rows.slice(0, 2)).toEqual([
      { total: 100, id: 1 },
      { total: 50, id: 2 },
    ]);
  });

  it('drops columns', async () => {
    const rows = await overOrders('transform.select', { mode: 'drop', drop: ['customer_id', 'region', 'status', 'day'] }, 'id');
    expect(rows[0]).toEqual({ id: 1, amount: 100 });
  });

  it('reports unknown and duplicate columns', async () => {
    expect(await errorsOverOrders('transform.select', { columns: [{ column: 'amout', rename: '' }] })).toEqual([
      't columns[0].column: unknown column "amout" in input "in" (did you mean "amount"?)',
    ]);
    expect(await errorsOverOrders('transform.select', { columns: [{ column: 'id', rename: '' }, { column: 'amount', rename: 'ID' }] })).toEqual([
      't columns[1].rename: "ID" is given twice',
    ]);
  });
});
