import { z } from 'zod';
import { pushdownMessage } from '../../../shared/messages/pushdown-messages';
import type { TargetDialect } from '../../../shared/sql/targets/target-dialect';
import { aliasedSelect } from './push-alias';
import { grouping, orderTerms, sortKey, tieBreaker } from './push-keys';
import { column, Keep, noOrder, wrap, type Part, type PushColumn } from './push-part';

export const windowParams = z.object({
  partitionBy: z.array(z.string()).default([]),
  orderBy: z.array(sortKey).default([]),
  functions: z
    .array(
      z.object({
        function: z.enum([
          'row_number',
          'rank',
          'dense_rank',
          'lag',
          'lead',
          'running_sum',
          'running_avg',
          'running_count',
        ]),
        column: z.string().default(''),
        offset: z.number().int().min(1).default(1),
        as: z.string().default(''),
      }),
    )
    .min(1),
});

/**
 * The catalog's window functions (catalog/nodes/window.ts), each over the
 * same window: the groups compared as DuckDB compares them (text byte by
 * byte), the order with DuckDB's NULL placement. A rank depends only on the
 * order's values; a row number, the value a row back or ahead, and a running
 * count (a ROWS frame) depend on how ties are broken, which DuckDB does in any
 * order: pushed only when tied rows cannot differ. Running sums and averages
 * stay in DuckDB (a frame's sum has another type or rounding there).
 */
export function windowStep(t: TargetDialect, c: Part, p: z.infer<typeof windowParams>, n: number): Part {
  noOrder(c);
  if (t.supports.windows !== true) throw new Keep(pushdownMessage('windows', { database: t.label }));
  const g = grouping(
    t,
    p.partitionBy.map((k) => column(c, k)),
  );
  const order = p.orderBy.length > 0 ? orderTerms(t, c, p.orderBy, false) : [];
  const over = [
    ...(g.by.length > 0 ? [`PARTITION BY ${g.by.join(', ')}`] : []),
    ...(order.length > 0 ? [`ORDER BY ${order.join(', ')}`] : []),
  ].join(' ');
  const tied = [...p.partitionBy, ...p.orderBy.map((k) => k.column)];
  const items = c.columns.map((col) => ({ sql: t.ident(col.name), col }));
  for (const f of p.functions) {
    const name = f.as !== '' ? f.as : f.column === '' ? f.function : `${f.function}_${f.column}`;
    const counted: PushColumn = { name, kind: 'integer', type: 'BIGINT', sure: false };
    if (f.function === 'running_sum' || f.function === 'running_avg')
      throw new Keep(pushdownMessage('window-function', { function: f.function }));
    if (f.function !== 'rank' && f.function !== 'dense_rank') {
      const tie = tieBreaker(c, c.columns, tied);
      if (tie !== null) throw new Keep(pushdownMessage('window-ties', { function: f.function, column: tie.name }));
    }
    switch (f.function) {
      case 'rank':
      case 'dense_rank':
      case 'row_number':
        items.push({ sql: `${f.function.toUpperCase()}() OVER (${over})`, col: counted });
        break;
      case 'running_count': {
        const arg = f.column === '' ? '*' : t.ident(column(c, f.column).name);
        items.push({
          sql: `COUNT(${arg}) OVER (${over} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`,
          col: counted,
        });
        break;
      }
      case 'lag':
      case 'lead': {
        const from = column(c, f.column);
        // Its type there may lose a modifier (a numeric's scale): cast back to DuckDB's like any computed column.
        items.push({
          sql: `${f.function.toUpperCase()}(${t.ident(from.name)}, ${String(f.offset)}) OVER (${over})`,
          col: { ...from, name, sure: false },
        });
        break;
      }
    }
  }
  return {
    sql: aliasedSelect(
      t,
      items.map((i) => ({ sql: i.sql, alias: i.col.name })),
      `FROM ${wrap(c, n)}`,
    ),
    columns: items.map((i) => i.col),
  };
}
