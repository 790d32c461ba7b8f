import { z } from 'zod';
import { uniqueName } from '../../../shared/catalog/relation';
import { isNumeric, type TargetDialect } from '../../../shared/sql/targets/target-dialect';
import { pushdownMessage } from '../../../shared/messages/pushdown-messages';
import { clickhouseJoin } from './push-join-clickhouse';
import { column, Keep, noOrder, type Part, type PushColumn } from './push-part';

/**
 * transform.join of two parts of one connection, with the columns the DuckDB
 * compile of the node gives (shared/catalog/nodes/join.ts): a key of the same
 * name on both sides becomes one column, a clashing right column gets the
 * suffix; empty keys never match unless the node says they do.
 */

const joinParams = z.object({
  kind: z.enum(['inner', 'left', 'right', 'full', 'semi', 'anti']).default('inner'),
  keys: z.array(z.object({ left: z.string(), right: z.string() })).min(1),
  nullsEqual: z.boolean().default(false),
  suffix: z.string().min(1).default('_right'),
});

/** `a` and `b` compared as DuckDB compares them, or Keep. */
function keyTerms(t: TargetDialect, a: PushColumn, b: PushColumn): [string, string] {
  const l = `${t.ident('l')}.${t.ident(a.name)}`;
  const r = `${t.ident('r')}.${t.ident(b.name)}`;
  const same = a.kind === b.kind && a.kind !== 'unknown';
  if (!same && !(isNumeric(a.kind) && isNumeric(b.kind)))
    throw new Keep(
      pushdownMessage('join-keys', {
        database: t.label,
        left: a.name,
        leftType: a.type,
        right: b.name,
        rightType: b.type,
      }),
    );
  // MySQL's collations fold case and trailing spaces: text keys match by their bytes.
  if (a.kind === 'text' && t.supports.codePointEquality !== true) return [t.bytewise(l), t.bytewise(r)];
  return [l, r];
}

export function joinStep(t: TargetDialect, left: Part, right: Part, params: unknown): Part {
  const p = joinParams.parse(params);
  noOrder(left);
  noOrder(right);
  if (t.name === 'clickhouse') return clickhouseJoin(t, left, right, p);
  if (p.kind === 'full' && !t.supports.fullJoin) throw new Keep(pushdownMessage('full-join', { database: t.label }));
  const L = t.ident('l');
  const R = t.ident('r');
  const pairs = p.keys.map((k) => ({ l: column(left, k.left), r: column(right, k.right) }));
  const on = pairs
    .map(({ l, r }) => {
      const [a, b] = keyTerms(t, l, r);
      if (!p.nullsEqual) return `${a} = ${b}`;
      return t.name === 'mysql' ? `${a} <=> ${b}` : `${a} IS NOT DISTINCT FROM ${b}`;
    })
    .join(' AND ');
  const lsql = `(${left.sql}) AS ${L}`;
  const rsql = `(${right.sql}) AS ${R}`;
  if (p.kind === 'semi' || p.kind === 'anti') {
    const list = left.columns.map((c) => `${L}.${t.ident(c.name)}`).join(', ');
    const exists = `${p.kind === 'anti' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${rsql} WHERE ${on})`;
    return { sql: `SELECT ${list} FROM ${lsql} WHERE ${exists}`, columns: left.columns };
  }
  // A key of the same name on both sides becomes one column, valued from the side that always has it.
  const merged = new Map<string, PushColumn>();
  for (const { l, r } of pairs) if (l.name.toLowerCase() === r.name.toLowerCase()) merged.set(l.name.toLowerCase(), r);
  const items: Array<{ sql: string; col: PushColumn }> = left.columns.map((c) => {
    const l = `${L}.${t.ident(c.name)}`;
    const rightKey = merged.get(c.name.toLowerCase());
    if (rightKey === undefined || p.kind === 'inner' || p.kind === 'left') return { sql: l, col: c };
    const r = `${R}.${t.ident(rightKey.name)}`;
    if (p.kind === 'right') return { sql: `${r} AS ${t.ident(c.name)}`, col: { ...rightKey, name: c.name } };
    return { sql: `COALESCE(${l}, ${r}) AS ${t.ident(c.name)}`, col: { ...c, sure: false } };
  });
  const mergedRight = new Set([...merged.values()].map((c) => c.name.toLowerCase()));
  const kept = right.columns.filter((c) => !mergedRight.has(c.name.toLowerCase()));
  const leftNames = new Set(left.columns.map((c) => c.name.toLowerCase()));
  const taken = new Set([...leftNames, ...kept.map((c) => c.name.toLowerCase())]);
  // Right columns that do not clash keep their names; renamed ones avoid every name in the output.
  for (const c of kept) {
    const r = `${R}.${t.ident(c.name)}`;
    if (!leftNames.has(c.name.toLowerCase())) {
      items.push({ sql: r, col: c });
      continue;
    }
    const name = uniqueName(`${c.name}${p.suffix}`, taken);
    taken.add(name.toLowerCase());
    items.push({ sql: `${r} AS ${t.ident(name)}`, col: { ...c, name } });
  }
  const kind = p.kind === 'inner' ? 'INNER' : p.kind === 'left' ? 'LEFT' : p.kind === 'right' ? 'RIGHT' : 'FULL';
  return {
    sql: `SELECT ${items.map((i) => i.sql).join(', ')} FROM ${lsql} ${kind} JOIN ${rsql} ON ${on}`,
    columns: items.map((i) => i.col),
  };
}
