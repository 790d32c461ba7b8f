import { describe, expect, it } from 'vitest';
import { errorsOverOrders, ordersDir, overOrders } from '../../../test/catalog-fixtures';
import { runOk } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';
import { migrateParams } from '../node-migrations';
import { select } from './select';

describe('transform.select', () => {
  it('keeps, renames and reorders the listed columns, dropping the others', async () => {
    const rows = await overOrders(
      'transform.select',
      { columns: [{ column: 'amount', rename: 'total' }, { column: 'id' }], others: 'drop' },
      'id',
    );
    expect(rows.slice(0, 2)).toEqual([
      { total: 100, id: 1 },
      { total: 50, id: 2 },
    ]);
  });

  it('drops unticked columns and passes the unlisted ones through, after the listed', async () => {
    const rows = await overOrders(
      'transform.select',
      {
        columns: [
          { column: 'amount' },
          { column: 'customer_id', keep: false },
          { column: 'region', keep: false },
          { column: 'status', keep: false },
        ],
      },
      'id',
    );
    expect(rows[0]).toEqual({ amount: 100, id: 1, day: '2024-01-01' });
    expect(Object.keys(rows[0] ?? {})).toEqual(['amount', 'id', 'day']);
  });

  it('passes every column through when nothing is listed', async () => {
    const rows = await overOrders('transform.select', {}, 'id');
    expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'customer_id', 'region', 'amount', 'status', 'day']);
  });

  it('casts a column to the type its row names', async () => {
    const rows = await overOrders(
      'transform.select',
      {
        columns: [
          { column: 'id', type: 'VARCHAR' },
          { column: 'day', rename: 'on', type: 'date' },
        ],
        others: 'drop',
      },
      'id',
    );
    expect(rows[0]).toEqual({ id: '1', on: '2024-01-01' });
    expect(await errorsOverOrders('transform.select', { columns: [{ column: 'id', type: 'NOT A TYPE;' }] })).toEqual([
      't columns[0].type: unsupported type "NOT A TYPE;"',
    ]);
  });

  it('reports unknown and duplicate columns, and a select that keeps nothing', async () => {
    expect(
      await errorsOverOrders('transform.select', { columns: [{ column: 'amout', rename: '' }], others: 'drop' }),
    ).toEqual(['t columns[0].column: unknown column "amout" in input "in" (did you mean "amount"?)']);
    expect(
      await errorsOverOrders('transform.select', {
        columns: [{ column: 'id' }, { column: 'amount', rename: 'ID' }],
        others: 'drop',
      }),
    ).toEqual(['t columns[1].rename: "ID" is given twice']);
    expect(await errorsOverOrders('transform.select', { columns: [{ column: 'id', rename: 'region' }] })).toEqual([
      't columns: "region" is given twice (a kept column is renamed to it)',
    ]);
    expect(
      await errorsOverOrders('transform.select', { columns: [{ column: 'id', keep: false }], others: 'drop' }),
    ).toEqual(['t columns: keep at least one column']);
  });

  it('migrates version 1: keep mode drops what it does not list, drop mode keeps it', async () => {
    const keep = migrateParams(select, { columns: [{ column: 'amount', rename: 'total' }] }, 1);
    expect(keep).toEqual({ ok: true, params: { columns: [{ column: 'amount', rename: 'total' }], others: 'drop' } });
    const drop = migrateParams(select, { mode: 'drop', drop: ['customer_id', 'region'] }, 1);
    expect(drop).toEqual({
      ok: true,
      params: {
        columns: [
          { column: 'customer_id', keep: false },
          { column: 'region', keep: false },
        ],
        others: 'keep',
      },
    });
    // A version-1 node without typeVersion reads as it always did.
    const built = pipeline()
      .node('orders', 'source.csv', { path: 'orders.csv' })
      .node(
        't',
        'transform.select',
        { mode: 'drop', drop: ['customer_id', 'region', 'status', 'day'] },
        { in: 'orders' },
      )
      .build();
    const v1 = {
      ...built,
      nodes: built.nodes.map((n) => ({
        id: n.id,
        type: n.type,
        ...(n.params === undefined ? {} : { params: n.params }),
        ...(n.inputs === undefined ? {} : { inputs: n.inputs }),
      })),
    };
    const r = await runOk(v1, ordersDir);
    expect((await r.rows('t', 'id'))[0]).toEqual({ id: 1, amount: 100 });
    r.close();
  });
});
