import { ident, identList, str } from '../../sql/quote';
import { defineNode } from '../node-type';
import { p } from '../params';
import { AGGREGATE_LABELS, AGGREGATES, aggregateCall } from './aggregate';
import { duplicateNames } from '../relation';

/**
 * Pivot by conditional aggregation over an explicit list of values, so the
 * view's columns are fixed and known at design time (DuckDB's PIVOT would
 * read the data to find them).
 */
export const pivot = defineNode({
  type: 'transform.pivot',
  version: 1,
  category: 'transform',
  label: 'Pivot',
  description:
    'Turns the values of one column into columns, e.g. one row per product with a sum of amount for each of 2023, 2024.',
  keywords: ['pivot', 'crosstab', 'wide', 'spread', 'columns from values'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Pivoted rows' }],
  params: {
    rows: p.columns({ label: 'One row per', description: 'Empty: a single row.' }),
    column: p.column({ label: 'Column whose values become columns' }),
    values: p.strings({
      label: 'Values to turn into columns',
      description: 'Each becomes a column; other values are left out.',
    }),
    function: p.enum({ label: 'Function', values: AGGREGATES, labels: AGGREGATE_LABELS, default: 'sum' }),
    valueColumn: p.column({ label: 'Of column', optional: true, description: 'Count without a column counts rows.' }),
  },
  compile(ctx) {
    const o = ctx.params;
    const input = ctx.inputs.in[0];
    if (o.values.length === 0) return { issues: [{ param: 'values', message: 'add at least one value' }] };
    if (o.valueColumn === '' && o.function !== 'count')
      return { issues: [{ param: 'valueColumn', message: `${o.function} needs a column` }] };
    const issues = duplicateNames([...o.rows, ...o.values], (i) =>
      i < o.rows.length ? 'rows' : `values[${i - o.rows.length}]`,
    );
    if (issues.length > 0) return { issues };
    const type = input.schema?.find((c) => c.name.toLowerCase() === o.valueColumn.toLowerCase())?.type;
    const key = `CAST(${ident(o.column)} AS VARCHAR)`;
    const cells = o.values.map(
      (v) => `${aggregateCall(o.function, o.valueColumn, '', type, `${key} = ${str(v)}`)} AS ${ident(v)}`,
    );
    const select = [...o.rows.map(ident), ...cells].join(', ');
    return { sql: `SELECT ${select} FROM ${input.sql}${o.rows.length > 0 ? ` GROUP BY ${identList(o.rows)}` : ''}` };
  },
});
