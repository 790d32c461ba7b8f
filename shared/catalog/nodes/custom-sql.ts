import { defineNode } from '../node-type';
import { p } from '../params';
import { trimQuery } from '../relation';

export const customSql = defineNode({
  type: 'transform.sql',
  version: 1,
  category: 'transform',
  label: 'SQL query',
  description:
    'Runs one DuckDB SELECT over the connected inputs, named by their node ids, e.g. SELECT * FROM orders JOIN customers USING (customer_id).',
  keywords: ['sql', 'query', 'custom', 'select', 'duckdb', 'code'],
  inputs: [{ name: 'in', label: 'Inputs', multi: true, optional: true }],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    query: p.sql({
      label: 'Query',
      placeholder: 'SELECT * FROM orders WHERE amount > 0',
      description: 'Refer to each input by its node id.',
    }),
  },
  compile(ctx) {
    // The engine has parsed it with DuckDB's parser: one SELECT (electron/engine/walls/user-sql.ts).
    const query = trimQuery(ctx.params.query);
    // On its own lines, so a trailing line comment cannot swallow the closing parenthesis.
    return { sql: `SELECT * FROM (\n${query}\n)` };
  },
});
