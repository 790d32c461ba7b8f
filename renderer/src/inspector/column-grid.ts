import type { Column } from '../../../shared/catalog/node-type';
import type { JsonObject, JsonValue } from '../../../shared/format/json';
import { asRows } from './param-values';

/** One row of a column grid: a column of the input, or a listed one the input no longer has. */
export interface GridRow {
  column: string;
  keep: boolean;
  rename: string;
  type: string;
  /** The input's type for the column; undefined when the input lacks it (or its schema is unknown). */
  inputType: string | undefined;
  /** Listed in the param, but not among the input's (known) columns. */
  missing: boolean;
}

const text = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');

/**
 * The grid a list param with `grid` shows: its listed rows first, in their
 * order (the output's), then the input's columns it does not list, kept or
 * not as `othersKeep` says. The row at index i is the param's item i once
 * the grid is written back, so diagnostics on `columns.i.*` land on it.
 */
export function gridRows(
  value: JsonValue | undefined,
  columns: readonly Column[] | undefined,
  othersKeep: boolean,
): GridRow[] {
  const typeOf = new Map((columns ?? []).map((c) => [c.name.toLowerCase(), c.type]));
  const listed = asRows(value).map((r): GridRow => {
    const column = text(r['column']);
    const inputType = typeOf.get(column.toLowerCase());
    return {
      column,
      keep: r['keep'] !== false,
      rename: text(r['rename']),
      type: text(r['type']),
      inputType,
      missing: columns !== undefined && inputType === undefined,
    };
  });
  const named = new Set(listed.map((r) => r.column.toLowerCase()));
  const rest = (columns ?? [])
    .filter((c) => !named.has(c.name.toLowerCase()))
    .map((c): GridRow => ({
      column: c.name,
      keep: othersKeep,
      rename: '',
      type: '',
      inputType: c.type,
      missing: false,
    }));
  return [...listed, ...rest];
}

/** The rows as the param saves them: every column named, defaults left out (keep, no rename, no cast). */
export function gridParam(rows: readonly GridRow[]): JsonObject[] {
  return rows.map((r) => ({
    column: r.column,
    ...(r.keep ? {} : { keep: false }),
    ...(r.rename === '' ? {} : { rename: r.rename }),
    ...(r.type === '' ? {} : { type: r.type }),
  }));
}

const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Indexes of the rows a search matches: by column name, new name or type, case and accents aside. */
export function matchingRows(rows: readonly GridRow[], query: string): number[] {
  const q = fold(query.trim());
  return rows.flatMap((r, i) =>
    q === '' || [r.column, r.rename, r.type, r.inputType ?? ''].some((s) => fold(s).includes(q)) ? [i] : [],
  );
}

/** Ticks or unticks the given rows (a bulk select acts on the rows the search shows). */
export function setKeep(rows: readonly GridRow[], indexes: readonly number[], keep: boolean): GridRow[] {
  const on = new Set(indexes);
  return rows.map((r, i) => (on.has(i) ? { ...r, keep } : r));
}

/** One row changed. */
export function editRow(
  rows: readonly GridRow[],
  index: number,
  change: Partial<Pick<GridRow, 'keep' | 'rename' | 'type'>>,
): GridRow[] {
  return rows.map((r, i) => (i === index ? { ...r, ...change } : r));
}

/** A row moved one place up (-1) or down (+1): the output's column order. */
export function moveRow(rows: readonly GridRow[], index: number, by: -1 | 1): GridRow[] {
  const to = index + by;
  if (to < 0 || to >= rows.length) return [...rows];
  const out = [...rows];
  const [r] = out.splice(index, 1);
  if (r !== undefined) out.splice(to, 0, r);
  return out;
}
