import { describe, expect, it } from 'vitest';
import { errorsOf, runOk, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';

// left: orders of customers 10, 20, 30; right: customers 10, 20, 40. Both have `region` (a clash).
const dir = tmpDir({
  'orders.csv': 'order_id,customer_id,region,amount\n1,10,north,100\n2,20,south,70\n3,30,south,5\n',
  'customers.csv': 'customer_id,region,name,region_right\n10,west,Ann,x\n20,east,Bob,y\n40,east,Dee,z\n',
  'a.csv': 'k1,k2,v\n1,a,left1\n1,b,left2\n2,a,left3\n,a,leftnull\n',
  'b.csv': 'x1,x2,v\n1,a,right1\n2,a,right3\n2,b,right4\n,a,rightnull\n',
});

function joinDoc(kind: string, extra: Record<string, string | boolean> = {}) {
  return pipeline()
    .node('orders', 'source.csv', { path: 'orders.csv' })
    .node('customers', 'source.csv', { path: 'customers.csv' })
    .node(
      'j',
      'transform.join',
      { kind, keys: [{ left: 'customer_id', right: 'customer_id' }], ...extra },
      { left: 'orders', right: 'customers' },
    )
    .build();
}

async function joined(kind: string, extra: Record<string, string | boolean> = {}) {
  const r = await runOk(joinDoc(kind, extra), dir);
  const rows = await r.rows('j', 'order_id NULLS LAST, customer_id');
  const columns = r.schemas.get('j')?.map((c) => c.name);
  r.close();
  return { rows, columns };
}

describe('transform.join', () => {
  it('inner: left columns, then right ones; same-named key once; clashes suffixed and unique', async () => {
    const { rows, columns } = await joined('inner');
    // right already has region_right, so the clashing region becomes region_right2
    expect(columns).toEqual(['order_id', 'customer_id', 'region', 'amount', 'region_right2', 'name', 'region_right']);
    expect(rows).toEqual([
      {
        order_id: 1,
        customer_id: 10,
        region: 'north',
        amount: 100,
        region_right2: 'west',
        name: 'Ann',
        region_right: 'x',
      },
      {
        order_id: 2,
        customer_id: 20,
        region: 'south',
        amount: 70,
        region_right2: 'east',
        name: 'Bob',
        region_right: 'y',
      },
    ]);
  });

  it('left keeps unmatched left rows', async () => {
    const { rows } = await joined('left', { suffix: '_c' });
    expect(rows.map((r) => [r['order_id'], r['customer_id'], r['name'], r['region_c']])).toEqual([
      [1, 10, 'Ann', 'west'],
      [2, 20, 'Bob', 'east'],
      [3, 30, null, null],
    ]);
  });

  it('right keeps unmatched right rows, with the key from the right', async () => {
    const { rows } = await joined('right');
    expect(rows.map((r) => [r['order_id'], r['customer_id'], r['name']])).toEqual([
      [1, 10, 'Ann'],
      [2, 20, 'Bob'],
      [null, 40, 'Dee'],
    ]);
  });

  it('full keeps both sides and coalesces the same-named key', async () => {
    const { rows } = await joined('full');
    expect(rows.map((r) => [r['order_id'], r['customer_id'], r['name']])).toEqual([
      [1, 10, 'Ann'],
      [2, 20, 'Bob'],
      [3, 30, null],
      [null, 40, 'Dee'],
    ]);
  });

  it('semi and anti keep left columns only', async () => {
    const semi = await joined('semi');
    expect(semi.columns).toEqual(['order_id', 'customer_id', 'region', 'amount']);
    expect(semi.rows.map((r) => r['order_id'])).toEqual([1, 2]);
    const anti = await joined('anti');
    expect(anti.rows).toEqual([{ order_id: 3, customer_id: 30, region: 'south', amount: 5 }]);
  });

  it('matches on several keys with different names, keeping both key columns', async () => {
    const doc = (nullsEqual: boolean) =>
      pipeline()
        .node('a', 'source.csv', { path: 'a.csv' })
        .node('b', 'source.csv', { path: 'b.csv' })
        .node(
          'j',
          'transform.join',
          {
            kind: 'inner',
            nullsEqual,
            keys: [
              { left: 'k1', right: 'x1' },
              { left: 'k2', right: 'x2' },
            ],
          },
          { left: 'a', right: 'b' },
        )
        .build();
    const r = await runOk(doc(false), dir);
    expect(await r.rows('j', 'v')).toEqual([
      { k1: 1, k2: 'a', v: 'left1', x1: 1, x2: 'a', v_right: 'right1' },
      { k1: 2, k2: 'a', v: 'left3', x1: 2, x2: 'a', v_right: 'right3' },
    ]);
    r.close();
    const n = await runOk(doc(true), dir);
    expect((await n.rows('j', 'v')).map((row) => [row['v'], row['v_right']])).toEqual([
      ['left1', 'right1'],
      ['left3', 'right3'],
      ['leftnull', 'rightnull'],
    ]);
    n.close();
  });

  it('names the param of an unknown key column', async () => {
    const doc = pipeline()
      .node('orders', 'source.csv', { path: 'orders.csv' })
      .node('customers', 'source.csv', { path: 'customers.csv' })
      .node(
        'j',
        'transform.join',
        { keys: [{ left: 'custome_id', right: 'customer_id' }] },
        { left: 'orders', right: 'customers' },
      )
      .build();
    expect(await errorsOf(doc, dir)).toEqual([
      'j keys[0].left: unknown column "custome_id" in input "left" (did you mean "customer_id"?)',
    ]);
  });

  it('requires at least one key', async () => {
    const doc = pipeline()
      .node('orders', 'source.csv', { path: 'orders.csv' })
      .node('customers', 'source.csv', { path: 'customers.csv' })
      .node('j', 'transform.join', { keys: [] }, { left: 'orders', right: 'customers' })
      .build();
    expect(await errorsOf(doc, dir)).toEqual(['j keys: add at least one key']);
  });
});
