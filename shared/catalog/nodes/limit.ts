import { num } from '../../sql/quote';
import { defineNode } from '../node-type';
import { p } from '../params';

const SAMPLE = { param: 'mode', equals: ['sample'] } as const;

export const limit = defineNode({
  type: 'transform.limit',
  version: 1,
  category: 'transform',
  label: 'Limit or sample',
  description:
    'Keeps the first rows (e.g. 100 rows after skipping 20), or a repeatable random sample of rows or of a percentage.',
  keywords: ['limit', 'top', 'head', 'offset', 'sample', 'random', 'subset'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    mode: p.enum({
      label: 'Mode',
      values: ['limit', 'sample'],
      labels: { limit: 'First rows', sample: 'Random sample' },
      default: 'limit',
    }),
    count: p.number({
      label: 'Rows',
      default: 100,
      min: 0,
      integer: true,
      showIf: { param: 'mode', equals: ['limit'] },
    }),
    offset: p.number({
      label: 'Skip rows first',
      default: 0,
      min: 0,
      integer: true,
      showIf: { param: 'mode', equals: ['limit'] },
    }),
    sampleBy: p.enum({
      label: 'Sample size in',
      values: ['rows', 'percent'],
      labels: { rows: 'Rows', percent: 'Percent' },
      default: 'rows',
      showIf: SAMPLE,
    }),
    rows: p.number({
      label: 'Rows',
      default: 1000,
      min: 0,
      integer: true,
      showIf: { param: 'sampleBy', equals: ['rows'] },
    }),
    percent: p.number({
      label: 'Percent',
      default: 10,
      min: 0,
      max: 100,
      showIf: { param: 'sampleBy', equals: ['percent'] },
    }),
    seed: p.number({
      label: 'Seed',
      default: 42,
      min: 0,
      integer: true,
      showIf: SAMPLE,
      description: 'The same seed gives the same sample of the same data.',
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const input = ctx.inputs.in[0];
    if (o.mode === 'limit') {
      return {
        sql: `SELECT * FROM ${input.sql} LIMIT ${num(o.count)}${o.offset > 0 ? ` OFFSET ${num(o.offset)}` : ''}`,
      };
    }
    const size = o.sampleBy === 'rows' ? `${num(o.rows)} ROWS` : `${num(o.percent)} PERCENT`;
    return { sql: `SELECT * FROM ${input.sql} USING SAMPLE reservoir(${size}) REPEATABLE (${num(o.seed)})` };
  },
});
