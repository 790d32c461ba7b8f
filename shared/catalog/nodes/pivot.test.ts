import { describe, expect, it } from 'vitest';
import { errorsOverOrders, overOrders } from '../../../test/catalog-fixtures';
import { errorsOf, runOk, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';

describe('transform.pivot', () => {
  it('turns values into columns with a fixed schema', async () => {
    const rows = await overOrders(
      'transform.pivot',
      { rows: ['region'], column: 'status', values: ['paid', 'open', 'void'], function: 'sum', valueColumn: 'amount' },
      'region',
    );
    expect(rows).toEqual([
      { region: 'north', paid: 130, open: 50, void: null },
      { region: 'south', paid: 70, open: null, void: null },
    ]);
  });

  it('counts rows and compares numbers as text', async () => {
    const rows = await overOrders('transform.pivot', {
      rows: [],
      column: 'customer_id',
      values: ['10', '20'],
      function: 'count',
    });
    expect(rows).toEqual([{ '10': 2, '20': 2 }]);
  });

  it('requires values', async () => {
    expect(await errorsOverOrders('transform.pivot', { column: 'status', valueColumn: 'amount' })).toEqual([
      't values: add at least one value',
    ]);
  });
});

describe('transform.unpivot', () => {
  const dir = tmpDir({ 'w.csv': 'product,y2023,y2024,note\nA,1,2,x\nB,,4,y\n' });
  const doc = (params: Record<string, string | boolean | string[]>) =>
    pipeline().node('w', 'source.csv', { path: 'w.csv' }).node('u', 'transform.unpivot', params, { in: 'w' }).build();

  it('turns columns into name and value rows, leaving out empty values', async () => {
    const r = await runOk(doc({ columns: ['y2023', 'y2024'], nameColumn: 'year', valueColumn: 'amount' }), dir);
    expect(await r.rows('u')).toEqual([
      { product: 'A', note: 'x', year: 'y2023', amount: 1 },
      { product: 'A', note: 'x', year: 'y2024', amount: 2 },
      { product: 'B', note: 'y', year: 'y2024', amount: 4 },
    ]);
    r.close();
  });

  it('keeps empty values and mixes types as text when asked', async () => {
    const r = await runOk(doc({ columns: ['y2023', 'note'], includeNulls: true, asText: true }), dir);
    expect(await r.rows('u', 'product, name')).toEqual([
      { product: 'A', y2024: 2, name: 'note', value: 'x' },
      { product: 'A', y2024: 2, name: 'y2023', value: '1' },
      { product: 'B', y2024: 4, name: 'note', value: 'y' },
      { product: 'B', y2024: 4, name: 'y2023', value: null },
    ]);
    r.close();
  });

  it('explains mixed types', async () => {
    expect(await errorsOf(doc({ columns: ['y2023', 'note'] }), dir)).toEqual([
      'u asText: the columns have different types (BIGINT, VARCHAR): convert the values to text',
    ]);
  });
});
