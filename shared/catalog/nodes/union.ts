import { ident, str } from '../../sql/quote';
import { defineNode } from '../node-type';
import { p } from '../params';

export const union = defineNode({
  type: 'transform.union',
  version: 1,
  category: 'transform',
  label: 'Append rows',
  description:
    'Stacks the rows of several inputs, matching columns by name (e.g. orders_2023 and orders_2024); a column missing from one input is empty there.',
  keywords: ['union', 'append', 'concat', 'stack', 'combine', 'merge rows'],
  inputs: [{ name: 'in', label: 'Inputs', multi: true }],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    distinct: p.boolean({ label: 'Remove duplicate rows', default: false }),
    sourceColumn: p.string({
      label: 'Add the input name as column',
      default: '',
      placeholder: 'e.g. source',
      description: 'Holds the id of the node each row comes from.',
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const selects = ctx.inputs.in.map(
      (rel) =>
        `SELECT *${o.sourceColumn === '' ? '' : `, ${str(rel.nodeId)} AS ${ident(o.sourceColumn)}`} FROM ${rel.sql}`,
    );
    return { sql: selects.join(o.distinct ? ' UNION BY NAME ' : ' UNION ALL BY NAME ') };
  },
});
