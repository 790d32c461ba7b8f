import { ident, typeName } from '../../sql/quote';
import { defineNode, type NodeIssue } from '../node-type';
import { p } from '../params';
import { duplicateNames } from '../relation';

export const cast = defineNode({
  type: 'transform.cast',
  version: 1,
  category: 'transform',
  label: 'Change types',
  description:
    'Converts columns to another type, e.g. amount to DECIMAL(12,2); a value that does not convert fails the run or becomes empty.',
  keywords: ['cast', 'type', 'convert', 'parse', 'number', 'date'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    casts: p.list({
      label: 'Conversions',
      itemLabel: 'conversion',
      min: 1,
      fields: {
        column: p.column({ label: 'Column' }),
        type: p.type({ label: 'New type' }),
        onError: p.enum({
          label: 'If a value does not convert',
          values: ['fail', 'null'],
          labels: { fail: 'Fail the run', null: 'Leave it empty' },
          default: 'fail',
        }),
      },
    }),
  },
  compile(ctx) {
    const input = ctx.inputs.in[0];
    const casts = ctx.params.casts;
    const issues: NodeIssue[] = duplicateNames(
      casts.map((c) => c.column),
      (i) => `casts[${i}].column`,
    );
    const parts: string[] = [];
    casts.forEach((c, i) => {
      try {
        const fn = c.onError === 'null' ? 'TRY_CAST' : 'CAST';
        parts.push(`${fn}(${ident(c.column)} AS ${typeName(c.type)}) AS ${ident(c.column)}`);
      } catch {
        issues.push({ param: `casts[${i}].type`, message: `unsupported type "${c.type}"` });
      }
    });
    if (issues.length > 0) return { issues };
    return { sql: `SELECT * REPLACE (${parts.join(', ')}) FROM ${input.sql}` };
  },
});
