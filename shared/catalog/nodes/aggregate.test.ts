import { describe, expect, it } from 'vitest';
import { errorsOverOrders, overOrders } from '../../../test/catalog-fixtures';

describe('transform.aggregate', () => {
  it('computes every function per group', async () => {
    const m = (fn: string, column = '', as = '') => ({ function: fn, column, as });
    const rows = await overOrders(
      'transform.aggregate',
      {
        groupBy: ['region'],
        measures: [
          m('count'),
          m('count', 'amount', 'amounts'),
          m('count_distinct', 'customer_id'),
          m('sum', 'amount'),
          m('avg', 'amount'),
          m('min', 'amount'),
          m('max', 'amount'),
          m('median', 'amount'),
          m('first', 'id'),
          m('last', 'id'),
        ],
        orderBy: [{ column: 'day', direction: 'desc' }],
      },
      'region',
    );
    expect(rows).toEqual([
      {
        region: 'north',
        count: 3,
        amounts: 3,
        count_distinct_customer_id: 2,
        sum_amount: 180,
        avg_amount: 60,
        min_amount: 30,
        max_amount: 100,
        median_amount: 50,
        first_id: 5,
        last_id: 1,
      },
      {
        region: 'south',
        count: 2,
        amounts: 1,
        count_distinct_customer_id: 2,
        sum_amount: 70,
        avg_amount: 70,
        min_amount: 70,
        max_amount: 70,
        median_amount: 70,
        first_id: 4,
        last_id: 3,
      },
    ]);
  });

  it('aggregates the whole input without groups', async () => {
    expect(
      await overOrders('transform.aggregate', { measures: [{ function: 'sum', column: 'amount', as: 'total' }] }),
    ).toEqual([{ total: 250 }]);
  });

  it('reports a measure without a column and an unknown column', async () => {
    expect(await errorsOverOrders('transform.aggregate', { measures: [{ function: 'sum' }] })).toEqual([
      't measures[0].column: sum needs a column',
    ]);
    expect(await errorsOverOrders('transform.aggregate', { groupBy: ['regio'], measures: [] })).toEqual([
      't groupBy: unknown column "regio" in input "in" (did you mean "region"?)',
    ]);
  });
});
