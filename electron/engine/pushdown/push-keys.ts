import { z } from 'zod';
import { pushdownMessage } from '../../../shared/messages/pushdown-messages';
import type { TargetDialect, ValueKind } from '../../../shared/sql/targets/target-dialect';
import { aliasedSelect } from './push-alias';
import { column, Keep, wrap, type Part, type PushColumn } from './push-part';

/**
 * What several pushed nodes share about keys: how a target groups and
 * partitions them as DuckDB compares them, orders them with DuckDB's NULL
 * placement, and when ties among them could change a result.
 */

export const sortKey = z.object({
  column: z.string(),
  direction: z.enum(['asc', 'desc']).default('asc'),
  nulls: z.enum(['first', 'last']).default('last'),
});

/** Kinds whose equality and grouping mean the same in the target as in DuckDB. */
const GROUPABLE: ReadonlySet<ValueKind> = new Set([
  'text',
  'integer',
  'decimal',
  'double',
  'date',
  'timestamp',
  'boolean',
]);

/**
 * Grouping by `cols`: the GROUP BY terms and each column's select item. Where
 * `=` on text folds case or trailing spaces (MySQL), text groups by its bytes,
 * and the value is the group's one spelling (MIN of identical values).
 */
export function grouping(
  t: TargetDialect,
  cols: readonly PushColumn[],
): { by: string[]; items: Array<{ sql: string; alias: string }> } {
  const by: string[] = [];
  const items: Array<{ sql: string; alias: string }> = [];
  for (const c of cols) {
    if (!GROUPABLE.has(c.kind) || (c.kind === 'double' && t.supports.doubleGrouping === false))
      throw new Keep(pushdownMessage('group', { database: t.label, column: c.name, type: c.type }));
    const id = t.ident(c.name);
    if (c.kind === 'text' && t.supports.codePointEquality !== true) {
      by.push(t.bytewise(id));
      items.push({ sql: `MIN(${id})`, alias: c.name });
    } else {
      by.push(id);
      items.push({ sql: id, alias: c.name });
    }
  }
  return { by, items };
}

/** Whole rows once each, compared as DuckDB compares them (text by its bytes). */
export function distinctRows(t: TargetDialect, c: Part, n: number): Part {
  const g = grouping(t, c.columns);
  const sql = g.items.every((item, i) => item.sql === g.by[i])
    ? `SELECT DISTINCT * FROM ${wrap(c, n)}`
    : aliasedSelect(t, g.items, `FROM ${wrap(c, n)} GROUP BY ${g.by.join(', ')}`);
  return { sql, columns: c.columns.map((col) => (col.kind === 'text' ? { ...col, sure: false } : col)) };
}

/**
 * ORDER BY terms for sort keys with DuckDB's order (`reverse` flips each key,
 * direction and NULLs, as the catalog does to keep the last row), or Keep.
 */
export function orderTerms(
  t: TargetDialect,
  c: Part,
  keys: ReadonlyArray<z.infer<typeof sortKey>>,
  reverse: boolean,
): string[] {
  return keys.map((k) => {
    const kind = column(c, k.column).kind;
    // ClickHouse places NaN with NULLs, DuckDB after every number.
    if (kind === 'unknown' || kind === 'boolean' || (kind === 'double' && t.supports.nanOrder === false))
      throw new Keep(pushdownMessage('sort-kind', { database: t.label, column: k.column, kind }));
    const col = kind === 'text' ? t.bytewise(t.ident(k.column)) : t.ident(k.column);
    const dir = (k.direction === 'desc') !== reverse ? 'DESC' : 'ASC';
    const nullsFirst = (k.nulls === 'first') !== reverse;
    if (t.supports.nullsOrder) return `${col} ${dir} NULLS ${nullsFirst ? 'FIRST' : 'LAST'}`;
    // MySQL has no NULLS FIRST/LAST: a key that puts empty values where asked, then the value.
    return `(${t.ident(k.column)} IS NULL) ${nullsFirst ? 'DESC' : 'ASC'}, ${col} ${dir}`;
  });
}

/**
 * The column that could make rows tied on `tied` give different results, or
 * null when ties cannot matter: every one of `needed` is among `tied`, and
 * none is a double (-0 ties with 0 yet prints differently). DuckDB breaks
 * ties arbitrarily (thread scheduling), so no database can reproduce them.
 */
export function tieBreaker(c: Part, needed: readonly PushColumn[], tied: readonly string[]): PushColumn | null {
  const names = new Set(tied.map((n) => column(c, n).name.toLowerCase()));
  return needed.find((col) => col.kind === 'double' || !names.has(col.name.toLowerCase())) ?? null;
}
