import { describe, expect, it } from 'vitest';
import { errorsOverOrders, overOrders } from '../../../test/catalog-fixtures';

describe('transform.window', () => {
  it('numbers, ranks, looks back and ahead, and runs totals per group', async () => {
    const f = (fn: string, column = '', as = '', offset = 1) => ({ function: fn, column, as, offset });
    const rows = await overOrders(
      'transform.window',
      {
        partitionBy: ['region'],
        orderBy: [{ column: 'day' }],
        functions: [
          f('row_number', '', 'n'),
          f('rank', '', 'r'),
          f('dense_rank', '', 'dr'),
          f('lag', 'amount', 'prev'),
          f('lead', 'amount', 'next2', 2),
          f('running_sum', 'amount', 'rsum'),
          f('running_avg', 'amount', 'ravg'),
          f('running_count', '', 'rc'),
        ],
      },
      'region, n',
    );
    expect(
      rows.map((r) => [
        r['region'],
        r['id'],
        r['n'],
        r['r'],
        r['dr'],
        r['prev'],
        r['next2'],
        r['rsum'],
        r['ravg'],
        r['rc'],
      ]),
    ).toEqual([
      ['north', 1, 1, 1, 1, null, 30, 100, 100, 1],
      ['north', 2, 2, 2, 2, 100, null, 150, 75, 2],
      ['north', 5, 3, 3, 3, 50, null, 180, 60, 3],
      ['south', 3, 1, 1, 1, null, null, 70, 70, 1],
      ['south', 4, 2, 2, 2, 70, null, 70, 70, 2],
    ]);
  });

  it('ranks ties equally', async () => {
    const rows = await overOrders(
      'transform.window',
      {
        orderBy: [{ column: 'region' }],
        functions: [
          { function: 'rank', as: 'r' },
          { function: 'dense_rank', as: 'd' },
        ],
      },
      'id',
    );
    expect(rows.map((r) => [r['r'], r['d']])).toEqual([
      [1, 1],
      [1, 1],
      [4, 2],
      [4, 2],
      [1, 1],
    ]);
  });

  it('refuses a name that exists', async () => {
    expect(await errorsOverOrders('transform.window', { functions: [{ function: 'row_number', as: 'id' }] })).toEqual([
      't functions[0].as: a column "id" exists already',
    ]);
  });
});
