import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { pushdownMessage } from '../../../shared/messages/pushdown-messages';
import { str } from '../../../shared/sql/quote';
import type { TargetDialect } from '../../../shared/sql/targets/target-dialect';
import { readOne } from '../walls/one-statement';
import { aliasedSelect } from './push-alias';
import { column, Keep, noOrder, wrap, type Part, type PushColumn } from './push-part';

export const fillParams = z.object({
  fills: z
    .array(
      z.object({
        column: z.string(),
        strategy: z.enum(['value', 'previous', 'next', 'mean']).default('value'),
        value: z.string().default(''),
      }),
    )
    .min(1),
});

/**
 * The catalog's fill of empty values (catalog/nodes/fill-nulls.ts) with a
 * fixed value: `COALESCE(column, value)`, the value converted by DuckDB
 * itself to the column's type (as the node's own SQL has DuckDB do), then
 * written as that type's constant for the target. The previous or next value
 * (`IGNORE NULLS`, which neither PostgreSQL nor MySQL has) and the mean (a
 * double's rounding) stay in DuckDB, as does a value DuckDB cannot convert
 * (the node's own error says so there).
 */
export async function fillStep(
  conn: DuckDBConnection,
  t: TargetDialect,
  c: Part,
  p: z.infer<typeof fillParams>,
  n: number,
): Promise<Part> {
  noOrder(c);
  if (t.supports.coalesceConstant !== true) throw new Keep(pushdownMessage('fill-database', { database: t.label }));
  const filled = new Map<string, string>();
  for (const f of p.fills) {
    if (f.strategy !== 'value') throw new Keep(pushdownMessage('fill-strategy', { strategy: f.strategy }));
    const col = column(c, f.column);
    filled.set(col.name, `COALESCE(${t.ident(col.name)}, ${await constant(conn, t, col, f.value)})`);
  }
  const items = c.columns.map((col) => {
    const sql = filled.get(col.name);
    return sql === undefined ? { sql: t.ident(col.name), col } : { sql, col: { ...col, sure: false } };
  });
  return {
    sql: aliasedSelect(
      t,
      items.map((i) => ({ sql: i.sql, alias: i.col.name })),
      `FROM ${wrap(c, n)}`,
    ),
    columns: items.map((i) => i.col),
  };
}

/** `value` as a constant of the column's DuckDB type, spelled for the target, or Keep. */
async function constant(conn: DuckDBConnection, t: TargetDialect, col: PushColumn, value: string): Promise<string> {
  const refuse = (): never => {
    throw new Keep(pushdownMessage('fill-kind', { database: t.label, column: col.name, type: col.type }));
  };
  if (col.kind === 'text') return t.str(value);
  if (!['integer', 'decimal', 'double', 'date', 'timestamp'].includes(col.kind) || !/^[A-Z0-9(), ]+$/i.test(col.type))
    return refuse();
  let text: string;
  try {
    // The node's own SQL has DuckDB convert the text: the same conversion, once, here.
    const reader = await readOne(conn, `SELECT CAST(CAST(${str(value)} AS ${col.type}) AS VARCHAR)`);
    text = String(reader.getRowsJson()[0]?.[0] ?? '');
  } catch {
    throw new Keep(pushdownMessage('fill-value', { column: col.name, type: col.type }));
  }
  switch (col.kind) {
    case 'integer':
      return /^-?\d+$/.test(text) ? `(${text})` : refuse();
    case 'decimal': {
      if (!/^-?\d+(\.\d+)?$/.test(text)) return refuse();
      const scale = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
      return t.spell === undefined ? `(${text})` : t.spell.decimal(text, scale);
    }
    default: {
      const type = t.typeName({ id: col.kind === 'double' ? 'DOUBLE' : col.kind === 'date' ? 'DATE' : 'TIMESTAMP' });
      // Infinities and NaN have no constant everywhere; a double's shortest text reads back as the same double.
      if (type === null || !/^[-\d.:eE+ T]+$/.test(text)) return refuse();
      return `CAST(${t.str(text)} AS ${type})`;
    }
  }
}
