import { defineNode } from '../node-type';
import { p } from '../params';
import { orderList, sortKeyFields } from '../relation';

export const sort = defineNode({
  type: 'transform.sort',
  version: 1,
  category: 'transform',
  label: 'Sort',
  description:
    'Orders the rows by one or more columns, e.g. country ascending, then amount descending with empty values last.',
  keywords: ['order', 'order by', 'sort', 'rank'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Sorted rows' }],
  params: {
    keys: p.list({ label: 'Sort by', itemLabel: 'sort key', min: 1, fields: sortKeyFields() }),
  },
  compile(ctx) {
    const input = ctx.inputs.in[0];
    return { sql: `SELECT * FROM ${input.sql} ORDER BY ${orderList(ctx.params.keys)}` };
  },
});
