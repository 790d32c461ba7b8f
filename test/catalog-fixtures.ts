/** Small CSV data sets the catalog tests share. */

export const ORDERS_CSV = `id,customer_id,region,amount,status,day
1,10,north,100,paid,2024-01-01
2,10,north,50,open,2024-01-02
3,20,south,70,paid,2024-01-01
4,30,south,,paid,2024-01-03
5,20,north,30,paid,2024-01-04
`;

export const CUSTOMERS_CSV = `customer_id,region,name
10,west,Ann
20,east,Bob
40,east,Dee
`;

import type { JsonValue } from '../shared/format/json';
import { pipeline } from './pipeline-builder';
import { errorsOf, runOk, tmpDir, type Row } from './catalog-kit';

const ordersDir = tmpDir({ 'orders.csv': ORDERS_CSV, 'customers.csv': CUSTOMERS_CSV });

/** Runs one node of `type` over orders.csv (node `orders`) and returns its rows, ordered as asked. */
export async function overOrders(type: string, params: Record<string, JsonValue>, orderBy?: string): Promise<Row[]> {
  const doc = pipeline()
    .node('orders', 'source.csv', { path: 'orders.csv' })
    .node('t', type, params, { in: 'orders' })
    .build();
  const r = await runOk(doc, ordersDir);
  const rows = await r.rows('t', orderBy);
  r.close();
  return rows;
}

/** The compile errors of one node of `type` over orders.csv. */
export function errorsOverOrders(type: string, params: Record<string, JsonValue>): Promise<string[]> {
  return errorsOf(
    pipeline().node('orders', 'source.csv', { path: 'orders.csv' }).node('t', type, params, { in: 'orders' }).build(),
    ordersDir,
  );
}

export { ordersDir };
