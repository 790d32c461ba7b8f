import { ident, identList } from '../../sql/quote';
import { defineNode } from '../node-type';
import { p } from '../params';
import { duplicateNames } from '../relation';

export const select = defineNode({
  type: 'transform.select',
  version: 1,
  category: 'transform',
  label: 'Select columns',
  description: 'Keeps, renames and reorders columns (e.g. keep id, then amount as total), or drops the listed columns.',
  keywords: ['columns', 'rename', 'reorder', 'drop', 'remove columns', 'project'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    mode: p.enum({ label: 'Mode', values: ['keep', 'drop'], labels: { keep: 'Keep these columns, in this order', drop: 'Drop these columns' }, default: 'keep' }),
    columns: p.list({
      label: 'Columns',
      itemLabel: 'column',
      showIf: { param: 'mode', equals: ['keep'] },
      fields: { column: p.column({ label: 'Column' }), rename: p.string({ label: 'Rename to', placeholder: 'keep the name' }) },
    }),
    drop: p.columns({ label: 'Columns to drop', showIf: { param: 'mode', equals: ['drop'] } }),
  },
  compile(ctx) {
    const o = ctx.params;
    const input = ctx.inputs.in[0];
    if (o.mode === 'drop') {
      if (o.drop.length === 0) return { issues: [{ param: 'drop', message: 'pick at least one column' }] };
      return { sql: `SELECT * EXCLUDE (${identList(o.drop)}) FROM ${input.sql}` };
    }
    if (o.columns.length === 0) return { issues: [{ param: 'columns', message: 'add at least one column' }] };
    const names = o.columns.map((c) => (c.rename === '' ? c.column : c.rename));
    const issues = duplicateNames(names, (i) => `columns[${i}].${o.columns[i]?.rename === '' ? 'column' : 'rename'}`);
    if (issues.length > 0) return { issues };
    const list = o.columns.map((c) => (c.rename === '' || c.rename === c.column ? ident(c.column) : `${ident(c.column)} AS ${ident(c.rename)}`));
    return { sql: `SELECT ${list.join(', ')} FROM ${input.sql}` };
  },
});
