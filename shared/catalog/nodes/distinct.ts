import { ident, identList } from '../../sql/quote';
import { defineNode } from '../node-type';
import { p } from '../params';
import { inputWithSchema, isIssue, orderList, sortKeyFields, uniqueName } from '../relation';

export const distinct = defineNode({
  type: 'transform.distinct',
  version: 1,
  category: 'transform',
  label: 'Remove duplicates',
  description: 'Removes duplicate rows, or keeps one row per key, e.g. the latest order per customer_id by order_date.',
  keywords: ['distinct', 'dedupe', 'deduplicate', 'unique', 'duplicates', 'latest'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    keys: p.columns({ label: 'Key columns', description: 'Empty: rows equal in every column are duplicates.' }),
    keep: p.enum({
      label: 'Keep',
      values: ['first', 'last'],
      labels: { first: 'The first row', last: 'The last row' },
      default: 'first',
    }),
    orderBy: p.list({
      label: 'First and last by',
      itemLabel: 'sort key',
      fields: sortKeyFields(),
      description: 'Empty: in input order.',
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const input = inputWithSchema(ctx.inputs.in[0]);
    if (isIssue(input)) return { issues: [input] };
    if (o.keys.length === 0) return { sql: `SELECT DISTINCT * FROM ${input.rel.sql}` };
    const partition = `PARTITION BY ${identList(o.keys)}`;
    if (o.orderBy.length > 0) {
      return {
        sql: `SELECT * FROM ${input.rel.sql} QUALIFY row_number() OVER (${partition} ORDER BY ${orderList(o.orderBy, o.keep === 'last')}) = 1`,
      };
    }
    // No order given: first and last in input order, numbered by a helper column dropped again.
    const pos = uniqueName('__duto_row', new Set(input.schema.map((c) => c.name.toLowerCase())));
    const posId = ident(pos);
    const numbered = `SELECT *, row_number() OVER () AS ${posId} FROM ${input.rel.sql}`;
    return {
      sql: `SELECT * EXCLUDE (${posId}) FROM (${numbered}) QUALIFY row_number() OVER (${partition} ORDER BY ${posId} ${o.keep === 'last' ? 'DESC' : 'ASC'}) = 1`,
    };
  },
});
