import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import type { PipelineNode } from '../../../shared/format/document';
import { printExpression } from '../../../shared/sql/targets/print-expression';
import {
  kindOfCast,
  type CastType,
  type AggregateName,
  type TargetDialect,
  type ValueKind,
} from '../../../shared/sql/targets/target-dialect';
import { pushdownMessage } from '../../../shared/messages/pushdown-messages';
import { parseExpression } from './parse-expression';
import { uniqueName } from '../../../shared/catalog/relation';
import { aliasedSelect } from './push-alias';
import { castColumn, column, Keep, noOrder, wrap, type Part, type PushColumn } from './push-part';
import { distinctRows, grouping, orderTerms, sortKey, tieBreaker } from './push-keys';
import { windowParams, windowStep } from './push-window';
import { fillParams, fillStep } from './push-fill';

/**
 * One node of one input compiled onto a part for its database, with the
 * meaning the DuckDB compile of that node has, or Keep with the reason it
 * stays in DuckDB.
 */

const filterParams = z.object({ condition: z.string() });
const deriveParams = z.object({ columns: z.array(z.object({ name: z.string().min(1), expression: z.string() })) });
const limitParams = z.object({
  mode: z.literal('limit').default('limit'),
  count: z.number().int().min(0).default(100),
  offset: z.number().int().min(0).default(0),
});
const sortParams = z.object({ keys: z.array(sortKey).min(1) });
const selectParams = z.object({
  columns: z
    .array(
      z.object({
        column: z.string(),
        keep: z.boolean().default(true),
        rename: z.string().default(''),
        type: z.string().default(''),
      }),
    )
    .default([]),
  others: z.enum(['keep', 'drop']).default('keep'),
});
const castParams = z.object({
  casts: z
    .array(z.object({ column: z.string(), type: z.string(), onError: z.enum(['fail', 'null']).default('fail') }))
    .min(1),
});
const distinctParams = z.object({
  keys: z.array(z.string()).default([]),
  keep: z.enum(['first', 'last']).default('first'),
  orderBy: z.array(sortKey).default([]),
});
const aggregateParams = z.object({
  orderBy: z.array(sortKey).default([]),
  groupBy: z.array(z.string()).default([]),
  measures: z
    .array(
      z.object({
        function: z.enum(['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'median', 'first', 'last']),
        column: z.string().default(''),
        as: z.string().default(''),
      }),
    )
    .default([]),
});

/** Compiles one node onto the part, or throws Keep with the reason it stays in DuckDB. */
export async function step(
  conn: DuckDBConnection,
  t: TargetDialect,
  c: Part,
  node: PipelineNode,
  n: number,
): Promise<Part> {
  const kindOf = (name: string): ValueKind => c.columns.find((col) => col.name === name)?.kind ?? 'unknown';
  const expr = async (text: string, asValue: boolean): Promise<{ sql: string; kind: ValueKind }> => {
    const parsed = await parseExpression(conn, text);
    if (!parsed.ok) throw new Keep(pushdownMessage('expression', { detail: parsed.message }));
    const printed = printExpression(parsed.ast, t, kindOf, asValue);
    if (!printed.ok)
      throw new Keep(pushdownMessage('construct', { database: printed.target, construct: printed.construct }));
    return printed;
  };
  const params = node.params ?? {};
  switch (node.type) {
    case 'transform.filter': {
      const p = filterParams.parse(params);
      noOrder(c);
      const cond = await expr(p.condition, false);
      return { sql: `SELECT * FROM ${wrap(c, n)} WHERE ${cond.sql}`, columns: c.columns };
    }
    case 'transform.derive': {
      const p = deriveParams.parse(params);
      noOrder(c);
      let cur = c;
      for (const [i, col] of p.columns.entries()) {
        const value = await expr(col.expression, true);
        const at = cur.columns.findIndex((k) => k.name.toLowerCase() === col.name.toLowerCase());
        const made: PushColumn = { name: col.name, kind: value.kind, type: '', sure: false };
        const columns = at < 0 ? [...cur.columns, made] : cur.columns.map((k, j) => (j === at ? made : k));
        const list = columns.map((k, j) =>
          j === (at < 0 ? columns.length - 1 : at) ? `${value.sql} AS ${t.ident(k.name)}` : t.ident(k.name),
        );
        cur = { sql: `SELECT ${list.join(', ')} FROM ${wrap(cur, n * 100 + i)}`, columns };
      }
      return cur;
    }
    case 'transform.sort': {
      const p = sortParams.parse(params);
      noOrder(c);
      const keys = orderTerms(t, c, p.keys, false);
      return { sql: c.sql, columns: c.columns, order: keys.join(', ') };
    }
    case 'transform.limit': {
      const p = limitParams.safeParse(params);
      if (!p.success) throw new Keep(pushdownMessage('sample', {}));
      if (c.order === undefined) throw new Keep(pushdownMessage('limit-unsorted', {}));
      const offset = p.data.offset > 0 ? ` OFFSET ${String(p.data.offset)}` : '';
      return {
        sql: `SELECT * FROM ${wrap(c, n)} ORDER BY ${c.order} ${t.limit(p.data.count)}${offset}`,
        columns: c.columns,
      };
    }
    case 'transform.select':
      return selectStep(t, c, selectParams.parse(params), n);
    case 'transform.cast':
      return castStep(t, c, castParams.parse(params), n);
    case 'transform.distinct': {
      const p = distinctParams.parse(params);
      noOrder(c);
      return p.keys.length > 0 ? distinctOn(t, c, p, n) : distinctRows(t, c, n);
    }
    case 'transform.aggregate':
      return aggregateStep(t, c, aggregateParams.parse(params), n);
    case 'transform.window':
      return windowStep(t, c, windowParams.parse(params), n);
    case 'transform.fill_nulls':
      return fillStep(conn, t, c, fillParams.parse(params), n);
    default:
      throw new Keep(pushdownMessage('not-yet', { type: node.type }));
  }
}

/**
 * One row per key: the first by the node's order (reversed for the last), where no tie can change the row kept —
 * PostgreSQL's DISTINCT ON, or the row numbered 1 in its key's window (MySQL, MariaDB; keys compared as DuckDB
 * does, byte by byte). The kept row is the stored row itself, its text as it is.
 */
function distinctOn(t: TargetDialect, c: Part, p: z.infer<typeof distinctParams>, n: number): Part {
  if (t.supports.distinctOn !== true && t.supports.rowNumber !== true)
    throw new Keep(pushdownMessage('distinct-keys', { database: t.label }));
  if (p.orderBy.length === 0) throw new Keep(pushdownMessage('distinct-input-order', {}));
  const keys = p.keys.map((k) => column(c, k));
  const g = grouping(t, keys);
  const tie = tieBreaker(c, c.columns, [...p.keys, ...p.orderBy.map((k) => k.column)]);
  if (tie !== null) throw new Keep(pushdownMessage('distinct-ties', { column: tie.name }));
  const order = orderTerms(t, c, p.orderBy, p.keep === 'last');
  if (t.supports.distinctOn !== true) {
    const names = c.columns.map((col) => t.ident(col.name)).join(', ');
    const rn = t.ident('__duto_rn');
    const numbered = `SELECT ${names}, ROW_NUMBER() OVER (PARTITION BY ${g.by.join(', ')} ORDER BY ${order.join(', ')}) AS ${rn} FROM ${wrap(c, n)}`;
    return { sql: `SELECT ${names} FROM (${numbered}) AS duto_w${String(n)} WHERE ${rn} = 1`, columns: c.columns };
  }
  return {
    sql: `SELECT DISTINCT ON (${keys.map((k) => t.ident(k.name)).join(', ')}) * FROM ${wrap(c, n)} ORDER BY ${[...keys.map((k) => t.ident(k.name)), ...order].join(', ')}`,
    columns: c.columns,
  };
}

function selectStep(t: TargetDialect, c: Part, p: z.infer<typeof selectParams>, n: number): Part {
  noOrder(c);
  const items: Array<{ sql: string; col: PushColumn }> = [];
  for (const item of p.columns) {
    if (!item.keep) continue;
    const from = column(c, item.column);
    const name = item.rename === '' ? from.name : item.rename;
    const id = t.ident(from.name);
    if (item.type.trim() === '') {
      items.push({ sql: id, col: { ...from, name } });
      continue;
    }
    const cast = castColumn(t, from, item.type);
    items.push({ sql: cast.sql, col: { name, kind: kindOfCast(cast.to), type: '', sure: false } });
  }
  if (p.others === 'keep') {
    const listed = new Set(p.columns.map((k) => k.column.toLowerCase()));
    for (const col of c.columns) if (!listed.has(col.name.toLowerCase())) items.push({ sql: t.ident(col.name), col });
  }
  if (items.length === 0) throw new Keep(pushdownMessage('no-column', {}));
  return {
    sql: aliasedSelect(
      t,
      items.map((i) => ({ sql: i.sql, alias: i.col.name })),
      `FROM ${wrap(c, n)}`,
    ),
    columns: items.map((i) => i.col),
  };
}

/**
 * Casts that cannot fail on any value of their kind (widening numbers, numbers and dates as text, dates and
 * timestamps into each other): only those may leave a value empty on failure, as DuckDB's TRY_CAST does,
 * since a database's CAST fails the whole query where TRY_CAST gives NULL.
 */
function castNeverFails(from: ValueKind, to: CastType): boolean {
  switch (to.id) {
    case 'BIGINT':
    case 'DOUBLE':
      return from === 'integer' || (to.id === 'DOUBLE' && from === 'decimal');
    case 'VARCHAR':
      return from === 'text' || from === 'integer' || from === 'date';
    case 'DATE':
    case 'TIMESTAMP':
      return from === 'date' || from === 'timestamp';
    default:
      return false;
  }
}

/** Change types: each listed column cast in its place, the others as they are (DuckDB's `SELECT * REPLACE`). */
function castStep(t: TargetDialect, c: Part, p: z.infer<typeof castParams>, n: number): Part {
  noOrder(c);
  const casts = new Map<string, { sql: string; col: PushColumn }>();
  for (const item of p.casts) {
    const from = column(c, item.column);
    const { sql, to } = castColumn(t, from, item.type);
    if (item.onError === 'null' && !castNeverFails(from.kind, to))
      throw new Keep(
        pushdownMessage('try-cast', { database: t.label, column: from.name, from: from.type, type: item.type }),
      );
    casts.set(from.name, { sql, col: { name: from.name, kind: kindOfCast(to), type: '', sure: false } });
  }
  const items = c.columns.map((col) => casts.get(col.name) ?? { sql: t.ident(col.name), col });
  return {
    sql: aliasedSelect(
      t,
      items.map((i) => ({ sql: i.sql, alias: i.col.name })),
      `FROM ${wrap(c, n)}`,
    ),
    columns: items.map((i) => i.col),
  };
}

/**
 * The ORDER BY of a first/last measure, or Keep: without an order DuckDB takes
 * any row; with ties the value must be one of the tied keys (group or order).
 */
function firstLastOrder(
  t: TargetDialect,
  c: Part,
  p: z.infer<typeof aggregateParams>,
  fn: 'first' | 'last',
  arg: PushColumn,
): string {
  if (p.orderBy.length === 0) throw new Keep(pushdownMessage('first-unordered', { aggregate: fn, column: arg.name }));
  if (tieBreaker(c, [arg], [...p.groupBy, ...p.orderBy.map((k) => k.column)]) !== null)
    throw new Keep(pushdownMessage('first-ties', { aggregate: fn, column: arg.name }));
  return orderTerms(t, c, p.orderBy, fn === 'last').join(', ');
}

function aggregateStep(t: TargetDialect, c: Part, p: z.infer<typeof aggregateParams>, n: number): Part {
  noOrder(c);
  const spell = t.aggregate;
  if (spell === undefined) throw new Keep(pushdownMessage('no-aggregates', { database: t.label }));
  const keys = p.groupBy.map((g) => column(c, g));
  const g = grouping(t, keys);
  // first/last where the target orders no aggregate: each reads a row number over its group (firstRowColumn).
  const numbered = new Map<'first' | 'last', { name: string; sql: string }>();
  const taken = new Set(c.columns.map((col) => col.name.toLowerCase()));
  const firstRowColumn = (fn: 'first' | 'last', order: string): string => {
    const known = numbered.get(fn);
    if (known !== undefined) return known.name;
    const raw = uniqueName(`__duto_${fn}`, taken);
    taken.add(raw.toLowerCase());
    const name = t.ident(raw);
    const partition = g.by.length > 0 ? `PARTITION BY ${g.by.join(', ')} ` : '';
    numbered.set(fn, { name, sql: `ROW_NUMBER() OVER (${partition}ORDER BY ${order}) AS ${name}` });
    return name;
  };
  const measures = p.measures.map((m) => {
    const fn: AggregateName = m.function;
    const arg = m.column === '' ? null : column(c, m.column);
    const read = arg === null ? null : { sql: t.ident(arg.name), kind: arg.kind, type: arg.type };
    const ends = (fn === 'first' || fn === 'last') && arg !== null && read !== null;
    // first/last where the target spells an ordered one: the order, if the value depends on nothing else.
    const order =
      ends && typeof spell(fn, { ...read, order: '1' }) === 'string' ? firstLastOrder(t, c, p, fn, arg) : undefined;
    // Else the value on the row numbered 1 in its group by that order (same checks), where the target numbers rows.
    const firstRow =
      ends &&
      order === undefined &&
      t.supports.rowNumber === true &&
      typeof spell(fn, { ...read, firstRow: '1' }) === 'string'
        ? firstRowColumn(fn, firstLastOrder(t, c, p, fn, arg))
        : undefined;
    const out = spell(
      fn,
      read === null
        ? read
        : order !== undefined
          ? { ...read, order }
          : firstRow !== undefined
            ? { ...read, firstRow }
            : read,
    );
    if (typeof out !== 'string')
      throw new Keep(
        pushdownMessage('aggregate', {
          database: t.label,
          aggregate: fn,
          column: arg?.name ?? '*',
          type: arg?.type ?? '',
        }),
      );
    const name = m.as !== '' ? m.as : m.column === '' ? m.function : `${m.function}_${m.column}`;
    return { sql: out, col: { name, kind: 'unknown' as const, type: '', sure: false } };
  });
  const columns = [
    ...keys.map((k, i) => (g.items[i]?.sql === g.by[i] ? k : { ...k, sure: false })),
    ...measures.map((m) => m.col),
  ];
  const groupBy = g.by.length > 0 ? ` GROUP BY ${g.by.join(', ')}` : '';
  const names = c.columns.map((col) => t.ident(col.name)).join(', ');
  const from =
    numbered.size === 0
      ? wrap(c, n)
      : `(SELECT ${names}, ${[...numbered.values()].map((w) => w.sql).join(', ')} FROM ${wrap(c, n)}) AS duto_f${String(n)}`;
  return {
    sql: aliasedSelect(
      t,
      [...g.items, ...measures.map((m) => ({ sql: m.sql, alias: m.col.name }))],
      `FROM ${from}${groupBy}`,
    ),
    columns,
  };
}
