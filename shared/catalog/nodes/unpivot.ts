import { ident, identList } from '../../sql/quote';
import { defineNode } from '../node-type';
import { p } from '../params';
import { duplicateNames } from '../relation';

export const unpivot = defineNode({
  type: 'transform.unpivot',
  version: 1,
  category: 'transform',
  label: 'Unpivot',
  description:
    'Turns columns into rows, e.g. columns 2023 and 2024 become a year column and an amount column, one row per year.',
  keywords: ['unpivot', 'melt', 'long', 'gather', 'rows from columns'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    columns: p.columns({ label: 'Columns to turn into rows', min: 1 }),
    nameColumn: p.string({ label: 'Name column', default: 'name', pattern: /./, patternMessage: 'a name is required' }),
    valueColumn: p.string({
      label: 'Value column',
      default: 'value',
      pattern: /./,
      patternMessage: 'a name is required',
    }),
    includeNulls: p.boolean({ label: 'Keep empty values', default: false }),
    asText: p.boolean({
      label: 'Convert values to text',
      default: false,
      description: 'Needed when the columns have different types.',
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const input = ctx.inputs.in[0];
    const issues = duplicateNames([o.nameColumn, o.valueColumn], () => 'valueColumn');
    if (issues.length > 0) return { issues };
    if (!o.asText && input.schema !== undefined) {
      const types = new Set(
        input.schema.filter((c) => o.columns.some((n) => n.toLowerCase() === c.name.toLowerCase())).map((c) => c.type),
      );
      if (types.size > 1)
        return {
          issues: [
            {
              param: 'asText',
              message: `the columns have different types (${[...types].join(', ')}): convert the values to text`,
            },
          ],
        };
    }
    const from = o.asText
      ? `(SELECT * REPLACE (${o.columns.map((c) => `CAST(${ident(c)} AS VARCHAR) AS ${ident(c)}`).join(', ')}) FROM ${input.sql})`
      : input.sql;
    const nulls = o.includeNulls ? ' INCLUDE NULLS' : '';
    return {
      sql: `SELECT * FROM ${from} UNPIVOT${nulls} (${ident(o.valueColumn)} FOR ${ident(o.nameColumn)} IN (${identList(o.columns)}))`,
    };
  },
});
