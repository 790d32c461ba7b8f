import { ident } from '../sql/quote';
import type { Column, InputRelation, NodeIssue } from './node-type';
import { p } from './params';

/** Helpers shared by the transform nodes: their input, its schema, sort keys. */

export const SCHEMA_UNKNOWN: NodeIssue = { message: 'input schema unknown' };

/** A connected input's schema, or why it cannot be used yet. */
export function inputWithSchema(
  rel: InputRelation,
  port = 'in',
): { rel: InputRelation; schema: readonly Column[] } | NodeIssue {
  if (rel.schema === undefined) return port === 'in' ? SCHEMA_UNKNOWN : { message: `input "${port}" schema unknown` };
  return { rel, schema: rel.schema };
}

/** DuckDB resolves identifiers case-insensitively, so names are compared that way. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** A name not yet in `taken` (case-insensitive): `name`, else `name2`, `name3`, … */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name.toLowerCase())) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name}${i}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** Issues for names given twice (case-insensitive), at `param[i].field`. */
export function duplicateNames(names: readonly string[], at: (i: number) => string): NodeIssue[] {
  const seen = new Set<string>();
  const issues: NodeIssue[] = [];
  names.forEach((n, i) => {
    const key = n.toLowerCase();
    if (seen.has(key)) issues.push({ param: at(i), message: `"${n}" is given twice` });
    seen.add(key);
  });
  return issues;
}

export interface SortKey {
  column: string;
  direction: 'asc' | 'desc';
  nulls: 'first' | 'last';
}

/** The fields of one sort key, for a `list` param. */
export function sortKeyFields(port = 'in') {
  return {
    column: p.column({ label: 'Column', port }),
    direction: p.enum({
      label: 'Direction',
      values: ['asc', 'desc'],
      labels: { asc: 'Ascending', desc: 'Descending' },
      default: 'asc',
    }),
    nulls: p.enum({
      label: 'Empty values',
      values: ['last', 'first'],
      labels: { last: 'Last', first: 'First' },
      default: 'last',
    }),
  };
}

/** `"a" ASC NULLS LAST, "b" DESC NULLS FIRST`; `reverse` flips every key (to keep the last row instead of the first). */
export function orderList(keys: readonly SortKey[], reverse = false): string {
  return keys
    .map((k) => {
      const desc = (k.direction === 'desc') !== reverse;
      const nullsFirst = (k.nulls === 'first') !== reverse;
      return `${ident(k.column)} ${desc ? 'DESC' : 'ASC'} NULLS ${nullsFirst ? 'FIRST' : 'LAST'}`;
    })
    .join(', ');
}

export function isIssue<T extends object>(v: T | NodeIssue): v is NodeIssue {
  return 'message' in v;
}

/**
 * A user's expression or query, inserted as written but in parentheses. A
 * line comment (`-- …`) would swallow the closing parenthesis, so it then
 * goes on its own line.
 */
export function userSql(text: string): string {
  return text.includes('--') ? `(${text}\n)` : `(${text})`;
}

/**
 * A user's query without the `;` people end statements with. A trailing `;`
 * ends the statement or sits in a line comment (anywhere else it would leave
 * a string or block comment open, which the parser refuses), so dropping it
 * never changes what the query says.
 */
export function trimQuery(text: string): string {
  let q = text.trimEnd();
  while (q.endsWith(';')) q = q.slice(0, -1).trimEnd();
  return q;
}
