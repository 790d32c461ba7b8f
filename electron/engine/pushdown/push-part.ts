import type { Column } from '../../../shared/catalog/node-type';
import { pushdownMessage, pushdownText, type PushdownMessage } from '../../../shared/messages/pushdown-messages';
import { castKeepsMeaning } from '../../../shared/sql/targets/print-expression';
import {
  castTypeOfName,
  kindOfType,
  type CastType,
  type TargetDialect,
  type ValueKind,
} from '../../../shared/sql/targets/target-dialect';

/**
 * A part of a pipeline compiled for one database: its SELECT, its columns
 * (kind and DuckDB type) and, after a sort, the ORDER BY only a limit (or
 * the end of the part) may follow.
 */

export interface PushColumn {
  name: string;
  kind: ValueKind;
  /** The DuckDB type the node gives this column ('' until known). */
  type: string;
  /** Passed on from a source column: the source reads it back as that type without a cast. */
  sure: boolean;
}

export interface Part {
  sql: string;
  columns: PushColumn[];
  /** ORDER BY of the part so far: only a limit may follow it (a derived table's order is not kept). */
  order?: string;
}

/** Why a node stays in DuckDB. */
export class Keep extends Error {
  constructor(readonly why: PushdownMessage) {
    super(pushdownText(why));
  }
}

export function wrap(c: Part, n: number): string {
  return `(${c.sql}) AS duto_p${String(n)}`;
}

/** The column of `c` named `name` (as DuckDB finds it: case-insensitive), or Keep. */
export function column(c: Part, name: string): PushColumn {
  const col = c.columns.find((k) => k.name.toLowerCase() === name.toLowerCase());
  if (col === undefined) throw new Keep(pushdownMessage('column', { column: name }));
  return col;
}

/**
 * `from` cast to the DuckDB type named `type` as the target spells it, with DuckDB's meaning (select's casts,
 * change types, a union's unified types), or Keep naming the cast.
 */
export function castColumn(t: TargetDialect, from: PushColumn, type: string): { sql: string; to: CastType } {
  const to = castTypeOfName(type);
  if (to === null) throw new Keep(pushdownMessage('cast-type', { type }));
  const typeName = t.typeName(to);
  if (!castKeepsMeaning(from.kind, to, t) || typeName === null)
    throw new Keep(pushdownMessage('cast', { database: t.label, column: from.name, from: from.type, type }));
  return { sql: `CAST(${t.ident(from.name)} AS ${typeName})`, to };
}

/** Nothing but a limit follows a sort inside a part. */
export function noOrder(c: Part): void {
  if (c.order !== undefined) throw new Keep(pushdownMessage('after-sort', {}));
}

/**
 * The part with the types DuckDB gives the node (its schema, pulled): the same
 * columns in the same order, each computed one castable back to its type.
 */
export function retyped(t: TargetDialect, c: Part, expected: readonly Column[]): Part {
  if (
    expected.length !== c.columns.length ||
    expected.some((e, i) => e.name.toLowerCase() !== c.columns[i]?.name.toLowerCase())
  )
    throw new Keep(pushdownMessage('columns', { database: t.label }));
  const columns = c.columns.map((col, i) => {
    const type = expected[i]?.type ?? '';
    const kind = kindOfType(type);
    return { ...col, type, kind: kind === 'unknown' ? col.kind : kind };
  });
  const resultType = t.resultType;
  for (const col of columns)
    if (!col.sure && resultType !== undefined && resultType(col.type) === null)
      throw new Keep(pushdownMessage('result-type', { database: t.label, type: col.type, column: col.name }));
  return { ...c, columns };
}

/**
 * The ORDER BY that ends a part. The source reads the part as a derived table,
 * whose ORDER BY MariaDB drops unless a LIMIT comes with it: every row is the limit.
 */
function orderBy(t: TargetDialect, order: string): string {
  return ` ORDER BY ${order}${t.name === 'mysql' ? ` ${t.limit(Number.MAX_SAFE_INTEGER)}` : ''}`;
}

/** The part's final SELECT: computed columns cast to their DuckDB types, then its order. */
export function finalSql(t: TargetDialect, c: Part): string {
  const resultType = t.resultType;
  const casts = c.columns.map((col) => {
    const to = col.sure || resultType === undefined ? null : resultType(col.type);
    return to === null ? null : `CAST(${t.ident(col.name)} AS ${to}) AS ${t.ident(col.name)}`;
  });
  const order = c.order === undefined ? '' : orderBy(t, c.order);
  if (casts.every((x) => x === null)) return c.order === undefined ? c.sql : `SELECT * FROM ${wrap(c, 0)}${order}`;
  const list = c.columns.map((col, i) => casts[i] ?? t.ident(col.name));
  return `SELECT ${list.join(', ')} FROM ${wrap(c, 0)}${order}`;
}
