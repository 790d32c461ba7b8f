import type { Column } from '../../../shared/catalog/node-type';
import { DutoError, error } from '../../../shared/diagnostics';
import type { PreviewViewData } from '../../../shared/ipc/results';
import { ident, isSafeType, str, typeName } from '../../../shared/sql/quote';

/**
 * A preview sorted and filtered by the user (clicking a header, typing in a
 * column's filter), pushed down to DuckDB: the order and the filters apply
 * to the node's whole output, not to the rows already shown.
 *
 * A filter's text is a value, never SQL: quoted by `str`, compared with the
 * column cast to text (case-insensitive "contains"), or with `=`, `!=`, `<`,
 * `<=`, `>`, `>=` in front, to the text cast to the column's type (a value
 * that does not cast matches nothing).
 */

export type PreviewView = PreviewViewData;

/** The alias the previewed relation gets, so ORDER BY names its columns, not the capped preview expressions of the same name. */
export const VIEWED = 'duto_rows';

const COMPARISON = /^(<=|>=|!=|<>|=|<|>)\s*(.*)$/s;

export function isActive(view: PreviewView | undefined): view is PreviewView {
  return (view?.sort?.length ?? 0) > 0 || (view?.filters ?? []).some((f) => f.text !== '');
}

function column(columns: readonly Column[], name: string, nodeId: string): Column {
  const c = columns.find((x) => x.name === name);
  if (c === undefined) throw new DutoError([error('preview.column', { column: name }, { nodeId })]);
  return c;
}

function condition(c: Column, text: string): string {
  const col = `${VIEWED}.${ident(c.name)}`;
  const compared = COMPARISON.exec(text.trim());
  if (compared !== null) {
    const op = compared[1] === '<>' ? '!=' : (compared[1] ?? '=');
    const value = compared[2] ?? '';
    if (value.toUpperCase() === 'NULL')
      return op === '=' ? `${col} IS NULL` : op === '!=' ? `${col} IS NOT NULL` : 'false';
    // Types without a plain name (structs, lists…) compare as text.
    return isSafeType(c.type)
      ? `${col} ${op} TRY_CAST(${str(value)} AS ${typeName(c.type)})`
      : `CAST(${col} AS VARCHAR) ${op} ${str(value)}`;
  }
  return `contains(lower(CAST(${col} AS VARCHAR)), lower(${str(text)}))`;
}

/** `WHERE … ORDER BY …` over {@link VIEWED}, checked against the columns. */
export function viewClauses(columns: readonly Column[], view: PreviewView, nodeId: string): string {
  const filters = (view.filters ?? [])
    .filter((f) => f.text !== '')
    .map((f) => condition(column(columns, f.column, nodeId), f.text));
  const order = (view.sort ?? []).map(
    (s) => `${VIEWED}.${ident(column(columns, s.column, nodeId).name)} ${s.descending ? 'DESC' : 'ASC'} NULLS LAST`,
  );
  return [
    filters.length === 0 ? '' : `WHERE ${filters.join(' AND ')}`,
    order.length === 0 ? '' : `ORDER BY ${order.join(', ')}`,
  ]
    .filter((p) => p !== '')
    .join(' ');
}

/** Only the filters: what counting the matching rows needs. */
export function whereClause(columns: readonly Column[], view: PreviewView, nodeId: string): string {
  return viewClauses(columns, { ...(view.filters === undefined ? {} : { filters: view.filters }) }, nodeId);
}
