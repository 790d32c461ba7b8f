import { defineNode } from '../node-type';
import { p } from '../params';
import { userSql } from '../relation';

export const filter = defineNode({
  type: 'transform.filter',
  version: 1,
  category: 'transform',
  label: 'Filter',
  description: "Keeps the rows for which a condition is true, e.g. status = 'paid' AND quantity > 0.",
  keywords: ['where', 'keep', 'remove rows', 'condition'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Kept rows' }],
  params: {
    condition: p.expression({ label: 'Condition', placeholder: "status = 'paid'" }),
  },
  compile(ctx) {
    return { sql: `SELECT * FROM ${ctx.inputs.in[0].sql} WHERE ${userSql(ctx.params.condition)}` };
  },
});
