import { ident, identList, num } from '../../sql/quote';
import { defineNode, type NodeIssue } from '../node-type';
import { p } from '../params';
import { orderList, sortKeyFields } from '../relation';

const FUNCTIONS = [
  'row_number',
  'rank',
  'dense_rank',
  'lag',
  'lead',
  'running_sum',
  'running_avg',
  'running_count',
] as const;
type WindowFn = (typeof FUNCTIONS)[number];
const RUNNING = 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';

function call(fn: WindowFn, column: string, offset: number, over: string): string {
  const col = ident(column);
  switch (fn) {
    case 'row_number':
    case 'rank':
    case 'dense_rank':
      return `${fn}() OVER (${over})`;
    case 'lag':
    case 'lead':
      return `${fn}(${col}, ${num(offset)}) OVER (${over})`;
    case 'running_sum':
      return `sum(${col}) OVER (${over} ${RUNNING})`;
    case 'running_avg':
      return `avg(${col}) OVER (${over} ${RUNNING})`;
    case 'running_count':
      return `count(${column === '' ? '*' : col}) OVER (${over} ${RUNNING})`;
  }
}

export const windowFunctions = defineNode({
  type: 'transform.window',
  version: 1,
  category: 'transform',
  label: 'Window functions',
  description:
    'Adds columns computed over ordered groups of rows, e.g. rank of each order within its customer, previous amount, running total.',
  keywords: ['window', 'rank', 'row number', 'lag', 'lead', 'running total', 'cumulative', 'over', 'partition'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    partitionBy: p.columns({ label: 'Per group of', description: 'Empty: the whole input is one group.' }),
    orderBy: p.list({ label: 'Ordered by', itemLabel: 'sort key', fields: sortKeyFields() }),
    functions: p.list({
      label: 'Columns to add',
      itemLabel: 'function',
      min: 1,
      fields: {
        function: p.enum({
          label: 'Function',
          values: FUNCTIONS,
          labels: {
            row_number: 'Row number',
            rank: 'Rank',
            dense_rank: 'Dense rank',
            lag: 'Previous value',
            lead: 'Next value',
            running_sum: 'Running sum',
            running_avg: 'Running average',
            running_count: 'Running count',
          },
          default: 'row_number',
        }),
        column: p.column({ label: 'Column', optional: true }),
        offset: p.number({
          label: 'Rows back or ahead',
          default: 1,
          min: 1,
          integer: true,
          showIf: { param: 'function', equals: ['lag', 'lead'] },
        }),
        as: p.string({ label: 'Name', placeholder: 'e.g. rank_in_customer' }),
      },
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const input = ctx.inputs.in[0];
    const issues: NodeIssue[] = [];
    const clauses: string[] = [];
    if (o.partitionBy.length > 0) clauses.push(`PARTITION BY ${identList(o.partitionBy)}`);
    if (o.orderBy.length > 0) clauses.push(`ORDER BY ${orderList(o.orderBy)}`);
    const over = clauses.join(' ');
    const taken = new Set((input.schema ?? []).map((c) => c.name.toLowerCase()));
    const parts = o.functions.map((f, i) => {
      const needsColumn = !['row_number', 'rank', 'dense_rank', 'running_count'].includes(f.function);
      if (needsColumn && f.column === '')
        issues.push({ param: `functions[${i}].column`, message: `${f.function} needs a column` });
      if ((f.function === 'rank' || f.function === 'dense_rank') && o.orderBy.length === 0)
        issues.push({ param: 'orderBy', message: `${f.function} needs an order` });
      const name = f.as !== '' ? f.as : f.column === '' ? f.function : `${f.function}_${f.column}`;
      if (taken.has(name.toLowerCase()))
        issues.push({ param: `functions[${i}].as`, message: `a column "${name}" exists already` });
      taken.add(name.toLowerCase());
      return `${call(f.function, f.column, f.offset, over)} AS ${ident(name)}`;
    });
    if (issues.length > 0) return { issues };
    return { sql: `SELECT *, ${parts.join(', ')} FROM ${input.sql}` };
  },
});
