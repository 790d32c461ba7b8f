import { describe, expect, it } from 'vitest';
import { runOk, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';
import { errorsOverOrders } from '../../../test/catalog-fixtures';

const dir = tmpDir({ 'p.csv': 'day,g,price,qty,note\n1,a,10,,x\n2,a,,5,\n3,a,,,\n4,a,40,1,z\n5,b,,3,\n' });
const fill = (
  fills: Array<Record<string, string>>,
  extra: Record<string, string[] | Array<Record<string, string>>> = {},
) =>
  pipeline()
    .node('p', 'source.csv', { path: 'p.csv' })
    .node('f', 'transform.fill_nulls', { fills, ...extra }, { in: 'p' })
    .build();

describe('transform.fill_nulls', () => {
  it('fills with the previous, the next, a value and the mean', async () => {
    const doc = fill(
      [
        { column: 'price', strategy: 'previous' },
        { column: 'qty', strategy: 'next' },
        { column: 'note', strategy: 'value', value: 'n/a' },
      ],
      { orderBy: [{ column: 'day' }] },
    );
    const r = await runOk(doc, dir);
    expect((await r.rows('f', 'day')).map((x) => [x['price'], x['qty'], x['note']])).toEqual([
      [10, 5, 'x'],
      [10, 5, 'n/a'],
      [10, 1, 'n/a'],
      [40, 1, 'z'],
      [40, 3, 'n/a'],
    ]);
    r.close();
  });

  it('fills within groups, and with the mean', async () => {
    const doc = fill(
      [
        { column: 'price', strategy: 'previous' },
        { column: 'qty', strategy: 'mean' },
      ],
      { orderBy: [{ column: 'day' }], partitionBy: ['g'] },
    );
    const r = await runOk(doc, dir);
    expect((await r.rows('f', 'day')).map((x) => [x['price'], x['qty']])).toEqual([
      [10, 3],
      [10, 5],
      [10, 3],
      [40, 1],
      [null, 3],
    ]);
    r.close();
  });

  it('needs an order for previous and next', async () => {
    expect(await errorsOverOrders('transform.fill_nulls', { fills: [{ column: 'amount', strategy: 'next' }] })).toEqual(
      ['t orderBy: filling with the next value needs an order'],
    );
  });
});
