import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { relativeLineage } from './lineage';
import { freshDir, pipeline, sessionOpener } from '../test-support';

const open = sessionOpener();

describe('lineage', () => {
  it('names, for each output, the sources it is made from and the nodes between, with columns', async () => {
    const dir = freshDir('duto-lineage-');
    writeFileSync(join(dir, 'orders.csv'), 'order_id,customer_id,amount\n1,1,9.5\n2,2,3\n');
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run(
      "CREATE TABLE customers (customer_id INTEGER, name TEXT); INSERT INTO customers VALUES (1, 'Ann'), (2, 'Bo');",
    );
    writeFileSync(join(dir, 'shop.sqlite'), db.export());
    db.close();
    const s = await open(
      pipeline(
        { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
        { id: 'customers', type: 'source.sqlite', params: { path: 'shop.sqlite', table: 'customers' } },
        {
          id: 'joined',
          type: 'transform.join',
          inputs: { left: 'orders', right: 'customers' },
          params: { keys: [{ left: 'customer_id', right: 'customer_id' }] },
        },
        { id: 'big', type: 'transform.filter', inputs: { in: 'joined' }, params: { condition: 'amount > 5' } },
        { id: 'to_parquet', type: 'sink.parquet', inputs: { in: 'big' }, params: { path: 'big.parquet' } },
        { id: 'raw_copy', type: 'sink.csv', inputs: { in: 'orders' }, params: { path: 'copy.csv' } },
      ),
      dir,
    );
    const l = s.lineage();
    expect(l.datasets.map((d) => [d.node, d.role, d.type])).toEqual([
      ['orders', 'source', 'source.csv'],
      ['customers', 'source', 'source.sqlite'],
      ['to_parquet', 'output', 'sink.parquet'],
      ['raw_copy', 'output', 'sink.csv'],
    ]);
    expect(l.datasets.find((d) => d.node === 'orders')?.location).toBe(join(dir, 'orders.csv'));
    expect(l.datasets.find((d) => d.node === 'customers')?.location).toContain('shop.sqlite');
    expect(l.datasets.find((d) => d.node === 'to_parquet')).toMatchObject({
      location: join(dir, 'big.parquet'),
      columns: expect.arrayContaining([{ name: 'name', type: 'VARCHAR' }]),
    });
    expect(l.flows).toEqual([
      { from: 'orders', to: 'to_parquet', through: ['joined', 'big'] },
      { from: 'customers', to: 'to_parquet', through: ['joined', 'big'] },
      { from: 'orders', to: 'raw_copy', through: [] },
    ]);
    // For documents that travel with the pipeline: file locations relative to its folder.
    expect(relativeLineage(l, dir).datasets.map((d) => d.location)).toEqual([
      'orders.csv',
      expect.stringContaining('shop.sqlite'),
      'big.parquet',
      'copy.csv',
    ]);
    expect(relativeLineage(l, join(dir, 'sub')).datasets[0]?.location).toBe('../orders.csv');
  });
});
