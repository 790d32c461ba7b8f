import type { DbRead } from '../../../../shared/external/database';
import type { SourceContext } from '../../external/connector';
import { displayName, qualified, type Dialect } from './dialect';
import type { ServerAction } from './server-errors';

/**
 * The one SELECT a database source runs: a table's chosen columns with the
 * filters (values bound) and condition, or a query, with the incremental
 * condition and a row limit around it.
 */
export interface BuiltSelect {
  sql: string;
  params: Array<string | bigint>;
}

export interface SelectOptions {
  incremental?: SourceContext['incremental'];
  /** Wraps the incremental column (SQLite compares timestamps through julianday()). */
  watermarkExpr?: (column: string, placeholder: string, kind: 'timestamp' | 'id') => string;
  limit?: number;
  /** Writes values as literals instead of binding them (for statements that take no parameters, like COPY). */
  literal?: (value: string | bigint) => string;
}

export function buildSelect(d: Dialect, read: DbRead, o: SelectOptions = {}): BuiltSelect {
  const params: Array<string | bigint> = [];
  const bind = (v: string | bigint): string => {
    if (o.literal !== undefined) return o.literal(v);
    params.push(v);
    return d.param(params.length);
  };
  const conditions: string[] = [];
  let from: string;
  let list: string;
  if (read.mode === 'table') {
    from = qualified(d, read.schema, read.table);
    list = read.columns.length === 0 ? '*' : read.columns.map(d.ident).join(', ');
    for (const f of read.filters) {
      const col = d.ident(f.column);
      if (f.op === 'is null') conditions.push(`${col} IS NULL`);
      else if (f.op === 'is not null') conditions.push(`${col} IS NOT NULL`);
      else conditions.push(`${col} ${f.op === 'like' ? 'LIKE' : f.op} ${bind(f.value)}`);
    }
    // On its own lines, so a trailing line comment in it cannot swallow what follows.
    if (read.where !== '') conditions.push(`(\n${read.where}\n)`);
  } else {
    from = `(\n${read.query}\n) AS duto_query`;
    list = '*';
  }
  const inc = o.incremental;
  if (inc !== undefined && inc.after !== null) {
    const col = d.ident(inc.column);
    const value = inc.kind === 'id' && /^-?\d+$/.test(inc.after) ? BigInt(inc.after) : inc.after;
    const placeholder = bind(value);
    conditions.push(
      o.watermarkExpr === undefined ? `${col} > ${placeholder}` : o.watermarkExpr(col, placeholder, inc.kind),
    );
  }
  let sql = `SELECT ${list} FROM ${from}`;
  if (conditions.length > 0) sql += ` WHERE ${conditions.join(' AND ')}`;
  if (o.limit !== undefined) sql += ` LIMIT ${String(Math.max(0, Math.floor(o.limit)))}`;
  return { sql, params };
}

/** The node param a read's errors point at. */
export function readParam(read: DbRead): 'table' | 'query' {
  return read.mode === 'table' ? 'table' : 'query';
}

/** What a read does, for its errors: table public.orders, or the query. */
export function readAction(read: DbRead): ServerAction {
  return read.mode === 'table'
    ? { action: 'read-table', table: displayName(read.schema, read.table) }
    : { action: 'read-query' };
}
