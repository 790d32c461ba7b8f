import { ident, identList, str } from '../../sql/quote';
import { defineNode, type NodeIssue } from '../node-type';
import { p } from '../params';
import { duplicateNames, orderList, sortKeyFields } from '../relation';

export const fillNulls = defineNode({
  type: 'transform.fill_nulls',
  version: 1,
  category: 'transform',
  label: 'Fill empty values',
  description:
    'Replaces empty (NULL) values with a fixed value, the previous or next value in order, or the column mean, e.g. price from the previous day.',
  keywords: ['null', 'missing', 'fill', 'coalesce', 'impute', 'forward fill', 'default'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    fills: p.list({
      label: 'Columns to fill',
      itemLabel: 'column',
      min: 1,
      fields: {
        column: p.column({ label: 'Column' }),
        strategy: p.enum({
          label: 'Fill with',
          values: ['value', 'previous', 'next', 'mean'],
          labels: {
            value: 'A value',
            previous: 'The previous value',
            next: 'The next value',
            mean: 'The mean of the column (whole numbers become decimals)',
          },
          default: 'value',
        }),
        value: p.string({
          label: 'Value',
          showIf: { param: 'strategy', equals: ['value'] },
          description: "Converted to the column's type.",
        }),
      },
    }),
    orderBy: p.list({ label: 'Previous and next by', itemLabel: 'sort key', fields: sortKeyFields() }),
    partitionBy: p.columns({
      label: 'Within groups of',
      description: 'Previous, next and mean are taken within the group.',
      advanced: true,
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const input = ctx.inputs.in[0];
    const issues: NodeIssue[] = duplicateNames(
      o.fills.map((f) => f.column),
      (i) => `fills[${i}].column`,
    );
    const partition = o.partitionBy.length > 0 ? `PARTITION BY ${identList(o.partitionBy)}` : '';
    const ordered = (frame: string): string =>
      [partition, `ORDER BY ${orderList(o.orderBy)}`, frame].filter((s) => s !== '').join(' ');
    const ordinal = o.fills.find((f) => f.strategy === 'previous' || f.strategy === 'next');
    if (ordinal !== undefined && o.orderBy.length === 0) {
      issues.push({ param: 'orderBy', message: `filling with the ${ordinal.strategy} value needs an order` });
    }
    const parts = o.fills.map((f) => {
      const col = ident(f.column);
      const fill =
        f.strategy === 'value'
          ? str(f.value)
          : f.strategy === 'mean'
            ? `avg(${col}) OVER (${partition})`
            : f.strategy === 'previous'
              ? `last_value(${col} IGNORE NULLS) OVER (${ordered('ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW')})`
              : `first_value(${col} IGNORE NULLS) OVER (${ordered('ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING')})`;
      return `COALESCE(${col}, ${fill}) AS ${col}`;
    });
    if (issues.length > 0) return { issues };
    return { sql: `SELECT * REPLACE (${parts.join(', ')}) FROM ${input.sql}` };
  },
});
