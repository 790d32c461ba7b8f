import { defineNode } from './node-type';
import { p } from './params';

/**
 * Offset of the first `;` outside string literals, quoted identifiers,
 * dollar-quoted strings and comments, or -1.
 */
export function statementEnd(sql: string): number {
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === ';') return i;
    if (ch === "'" || ch === '"') {
      // A doubled quote inside is an escaped quote: scanning on to the next quote handles it.
      const close = sql.indexOf(ch, i + 1);
      if (close < 0) return -1;
      i = close + 1;
    } else if (ch === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      if (eol < 0) return -1;
      i = eol + 1;
    } else if (ch === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) return -1;
      i = close + 2;
    } else if (ch === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      const close = tag === undefined ? -1 : sql.indexOf(tag, i + tag.length);
      i = tag === undefined ? i + 1 : close < 0 ? sql.length : close + tag.length;
    } else {
      i++;
    }
  }
  return -1;
}

export const customSql = defineNode({
  type: 'transform.sql',
  version: 1,
  category: 'transform',
  label: 'SQL query',
  description: 'Runs one DuckDB SELECT over the connected inputs, named by their node ids, e.g. SELECT * FROM orders JOIN customers USING (customer_id).',
  keywords: ['sql', 'query', 'custom', 'select', 'duckdb', 'code'],
  inputs: [{ name: 'in', label: 'Inputs', multi: true, optional: true }],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    query: p.sql({ label: 'Query', placeholder: 'SELECT * FROM orders WHERE amount > 0', description: 'Refer to each input by its node id.' }),
  },
  compile(ctx) {
    const query = ctx.params.query;
    const end = statementEnd(query);
    if (end >= 0) {
      const line = query.slice(0, end).split('\n').length;
      return { issues: [{ param: 'query', message: `one statement only: remove the ";" on line ${line}` }] };
    }
    // On its own lines, so a trailing line comment cannot swallow the closing parenthesis.
    return { sql: `SELECT * FROM (\n${query}\n)` };
  },
});
