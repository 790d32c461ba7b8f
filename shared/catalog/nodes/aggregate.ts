import { ident, identList } from '../../sql/quote';
import { defineNode, type NodeIssue } from '../node-type';
import { p } from '../params';
import { duplicateNames, orderList, sortKeyFields } from '../relation';

export const AGGREGATES = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'median', 'first', 'last'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export const AGGREGATE_LABELS = {
  count: 'Count',
  count_distinct: 'Count distinct',
  sum: 'Sum',
  avg: 'Average',
  min: 'Minimum',
  max: 'Maximum',
  median: 'Median',
  first: 'First',
  last: 'Last',
} as const;

/** Integer types whose sum fits a BIGINT unless it overflows (DuckDB would widen it to a 128-bit HUGEINT). */
const SUMS_TO_BIGINT = /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/i;

/**
 * The aggregate call for one measure; `order` orders first/last. A sum of
 * integers stays BIGINT — what every file format and database holds — and an
 * overflow is an error, not a silently wider type.
 */
export function aggregateCall(fn: Aggregate, column: string, order: string, type?: string, filter?: string): string {
  const only = filter === undefined ? '' : ` FILTER (WHERE ${filter})`;
  let call: string;
  if (fn === 'count') call = column === '' ? 'count(*)' : `count(${ident(column)})`;
  else if (fn === 'count_distinct') call = `count(DISTINCT ${ident(column)})`;
  else if ((fn === 'first' || fn === 'last') && order !== '') call = `${fn}(${ident(column)} ORDER BY ${order})`;
  else call = `${fn}(${ident(column)})`;
  if (fn === 'sum' && type !== undefined && SUMS_TO_BIGINT.test(type)) return `CAST(${call}${only} AS BIGINT)`;
  return `${call}${only}`;
}

export const aggregate = defineNode({
  type: 'transform.aggregate',
  version: 1,
  category: 'transform',
  label: 'Group and summarize',
  description:
    'Groups rows by columns and computes measures per group, e.g. count of orders and sum of amount per country.',
  keywords: ['group by', 'aggregate', 'summarize', 'sum', 'count', 'average', 'total', 'rollup'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'One row per group' }],
  params: {
    groupBy: p.columns({ label: 'Group by', description: 'Empty: one row for the whole input.' }),
    measures: p.list({
      label: 'Measures',
      itemLabel: 'measure',
      fields: {
        function: p.enum({
          label: 'Function',
          values: AGGREGATES,
          labels: AGGREGATE_LABELS,
          default: 'count',
        }),
        column: p.column({
          label: 'Column',
          optional: true,
          description: 'Count without a column counts rows.',
          descriptionIf: { param: 'function', equals: ['count'] },
        }),
        as: p.string({ label: 'Name', placeholder: 'e.g. total_amount' }),
      },
    }),
    orderBy: p.list({ label: 'First and last by', itemLabel: 'sort key', fields: sortKeyFields(), advanced: true }),
  },
  compile(ctx) {
    const o = ctx.params;
    const input = ctx.inputs.in[0];
    if (o.groupBy.length === 0 && o.measures.length === 0)
      return { issues: [{ param: 'measures', message: 'add a measure or a group-by column' }] };
    const issues: NodeIssue[] = [];
    const order = orderList(o.orderBy);
    const names: string[] = [...o.groupBy];
    const parts = o.measures.map((m, i) => {
      if (m.column === '' && m.function !== 'count')
        issues.push({ param: `measures[${i}].column`, message: `${m.function} needs a column` });
      const name = m.as !== '' ? m.as : m.column === '' ? m.function : `${m.function}_${m.column}`;
      names.push(name);
      return `${aggregateCall(m.function, m.column, order, input.schema?.find((c) => c.name.toLowerCase() === m.column.toLowerCase())?.type)} AS ${ident(name)}`;
    });
    issues.push(
      ...duplicateNames(names, (i) => (i < o.groupBy.length ? `groupBy` : `measures[${i - o.groupBy.length}].as`)),
    );
    if (issues.length > 0) return { issues };
    const select = [...o.groupBy.map(ident), ...parts].join(', ');
    return {
      sql: `SELECT ${select} FROM ${input.sql}${o.groupBy.length > 0 ? ` GROUP BY ${identList(o.groupBy)}` : ''}`,
    };
  },
});
