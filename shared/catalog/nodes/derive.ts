import { ident } from '../../sql/quote';
import { defineNode } from '../node-type';
import { p } from '../params';
import { inputWithSchema, isIssue, userSql } from '../relation';

export const derive = defineNode({
  type: 'transform.derive',
  version: 1,
  category: 'transform',
  label: 'Compute columns',
  description:
    'Adds or replaces columns computed from expressions, e.g. total = price * quantity; later ones can use earlier ones.',
  keywords: ['derive', 'calculate', 'formula', 'expression', 'new column', 'mutate'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    columns: p.list({
      label: 'Columns',
      itemLabel: 'column',
      min: 1,
      fields: {
        name: p.requiredString({
          label: 'Name',
          description: 'An existing column is replaced in place; a new name is added at the end.',
        }),
        expression: p.expression({ label: 'Expression', placeholder: 'price * quantity' }),
      },
    }),
  },
  compile(ctx) {
    const input = inputWithSchema(ctx.inputs.in[0]);
    if (isIssue(input)) return { issues: [input] };
    const names = new Set(input.schema.map((c) => c.name.toLowerCase()));
    // One layer per column, so that each expression sees the columns computed before it.
    let sql = `SELECT * FROM ${input.rel.sql}`;
    for (const c of ctx.params.columns) {
      const value = userSql(c.expression);
      const from = `FROM (${sql})`;
      if (names.has(c.name.toLowerCase())) sql = `SELECT * REPLACE (${value} AS ${ident(c.name)}) ${from}`;
      else sql = `SELECT *, ${value} AS ${ident(c.name)} ${from}`;
      names.add(c.name.toLowerCase());
    }
    return { sql };
  },
});
