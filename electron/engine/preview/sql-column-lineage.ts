import type { ColumnInput, DirectSubtype, IndirectSubtype } from '../../../shared/lineage/column-lineage';
import { composeSubtypes } from '../../../shared/lineage/column-lineage';
import {
  astExpr,
  baseTable,
  caseExpr,
  columnRef,
  constantString,
  functionExpr,
  joinTable,
  queryNode,
  selectNode,
  setOperationNode,
  starExpr,
  subqueryExpr,
  subqueryTable,
  tableRef,
  windowExpr,
  type AstExpr,
  type SelectNode,
} from './duckdb-ast';

/**
 * Column lineage of one query, read from DuckDB's parse tree: each output
 * column's input columns, with how it is made (OpenLineage's
 * transformation types). Stars are expanded from the inputs' columns the
 * bind already knows. What the walk does not follow throws
 * {@link Unsupported} with the reason, and the caller reports the lineage
 * unknown: never a guess.
 */

export class Unsupported extends Error {}

/** An input relation of the query: a view of an upstream node, read by its name. */
export interface QueryInput {
  node: string;
  columns: readonly string[];
}

export interface QueryColumn {
  name: string;
  inputs: ColumnInput[];
  unknown?: string;
}

export interface QueryLineage {
  columns: QueryColumn[];
  indirect: ColumnInput[];
}

type Key = string;
/** What made a value: direct inputs with their subtype, indirect ones (per column) with theirs. */
interface Made {
  direct: Map<Key, DirectSubtype>;
  indirect: Map<Key, Set<IndirectSubtype>>;
  unknown?: string;
}
interface Col extends Made {
  name: string;
}
interface Rel {
  columns: Col[];
  indirect: Map<Key, Set<IndirectSubtype>>;
}
interface Entry {
  alias: string;
  rel: Rel;
  /** Left out of `*` (the right side of a USING join's key, a semi join's right side). */
  hidden: Set<string>;
}
interface Scope {
  entries: Entry[];
  parent: Scope | undefined;
}

const keyOf = (node: string, column: string): Key => JSON.stringify([node, column]);
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const empty = (): Made => ({ direct: new Map(), indirect: new Map() });

function addIndirect(into: Map<Key, Set<IndirectSubtype>>, keys: Iterable<Key>, subtype: IndirectSubtype): void {
  for (const k of keys) into.set(k, new Set([...(into.get(k) ?? []), subtype]));
}
function mergeIndirect(into: Map<Key, Set<IndirectSubtype>>, from: Map<Key, Set<IndirectSubtype>>): void {
  for (const [k, s] of from) into.set(k, new Set([...(into.get(k) ?? []), ...s]));
}
/** Everything a value was made of: what decides rows about it (indirect) included. */
function allKeys(m: Made): Key[] {
  return [...m.direct.keys(), ...m.indirect.keys()];
}
function merge(into: Made, from: Made, as?: DirectSubtype): void {
  for (const [k, s] of from.direct) {
    const next = as === undefined ? s : composeSubtypes(as, s);
    const prev = into.direct.get(k);
    into.direct.set(k, prev === undefined ? next : composeSubtypes(prev, next));
  }
  mergeIndirect(into.indirect, from.indirect);
  if (from.unknown !== undefined && into.unknown === undefined) into.unknown = from.unknown;
}
function asIndirect(into: Made, from: Made, subtype: IndirectSubtype): void {
  addIndirect(into.indirect, allKeys(from), subtype);
  if (from.unknown !== undefined && into.unknown === undefined) into.unknown = from.unknown;
}

export class QueryWalker {
  constructor(
    private readonly inputs: ReadonlyMap<string, QueryInput>,
    private readonly aggregates: ReadonlySet<string>,
  ) {}

  /** The lineage of a parsed statement's query node. */
  query(node: unknown): QueryLineage {
    const rel = this.node(node, new Map(), undefined);
    const out = (m: Map<Key, Set<IndirectSubtype>>): ColumnInput[] =>
      [...m].flatMap(([k, subs]) => {
        const [n, c] = parseKey(k);
        return [...subs].map((subtype): ColumnInput => ({ node: n, column: c, type: 'INDIRECT', subtype }));
      });
    return {
      columns: rel.columns.map((c) => {
        const direct = [...c.direct].map(([k, subtype]): ColumnInput => {
          const [n, col] = parseKey(k);
          return { node: n, column: col, type: 'DIRECT', subtype };
        });
        return {
          name: c.name,
          inputs: [...direct, ...out(c.indirect)],
          ...(c.unknown === undefined ? {} : { unknown: c.unknown }),
        };
      }),
      indirect: out(rel.indirect),
    };
  }

  private node(raw: unknown, ctes: ReadonlyMap<string, Rel>, outer: Scope | undefined): Rel {
    const kind = queryNode.parse(raw).type;
    if (kind === 'SELECT_NODE') return this.select(selectNode.parse(raw), ctes, outer);
    if (kind === 'SET_OPERATION_NODE') return this.setOperation(raw, ctes, outer);
    throw new Unsupported(`a ${kind.toLowerCase().replaceAll('_', ' ')}`);
  }

  private withCtes(
    map: Array<{ key: string; value: { aliases: string[]; query: { node: unknown } } }>,
    ctes: ReadonlyMap<string, Rel>,
    outer: Scope | undefined,
  ): Map<string, Rel> {
    const all = new Map(ctes);
    for (const { key, value } of map) {
      const rel = this.node(value.query.node, all, outer);
      all.set(key.toLowerCase(), renamed(rel, value.aliases));
    }
    return all;
  }

  private setOperation(raw: unknown, ctes: ReadonlyMap<string, Rel>, outer: Scope | undefined): Rel {
    const s = setOperationNode.parse(raw);
    const scoped = this.withCtes(s.cte_map.map, ctes, outer);
    const parts = s.children ?? [s.left, s.right].filter((p) => p !== undefined);
    if (parts.length < 2) throw new Unsupported('a set operation without two sides');
    const rels = parts.map((p) => this.node(p, scoped, outer));
    const [first, ...rest] = rels;
    if (first === undefined) throw new Unsupported('an empty set operation');
    const result: Rel = {
      columns: first.columns.map((c) => ({ ...copy(c), name: c.name })),
      indirect: new Map(first.indirect),
    };
    for (const r of rest) {
      mergeIndirect(result.indirect, r.indirect);
      if (s.setop_type === 'UNION_BY_NAME') {
        for (const c of r.columns) {
          const target = result.columns.find((t) => same(t.name, c.name));
          if (target === undefined) result.columns.push({ ...copy(c), name: c.name });
          else merge(target, c);
        }
      } else if (s.setop_type === 'UNION') {
        if (r.columns.length !== result.columns.length)
          throw new Unsupported('a union of queries with different numbers of columns');
        r.columns.forEach((c, i) => {
          const target = result.columns[i];
          if (target !== undefined) merge(target, c);
        });
      } else {
        // EXCEPT, INTERSECT: the other side only decides which rows stay.
        for (const c of r.columns) addIndirect(result.indirect, allKeys(c), 'FILTER');
      }
    }
    this.modifiers(
      s.modifiers,
      { entries: [{ alias: '', rel: result, hidden: new Set() }], parent: outer },
      result.indirect,
    );
    return result;
  }

  private select(s: SelectNode, ctes: ReadonlyMap<string, Rel>, outer: Scope | undefined): Rel {
    const scoped = this.withCtes(s.cte_map.map, ctes, outer);
    const indirect = new Map<Key, Set<IndirectSubtype>>();
    const entries = this.from(s.from_table, scoped, outer, indirect);
    const scope: Scope = { entries, parent: outer };
    for (const e of entries) mergeIndirect(indirect, e.rel.indirect);
    const columns: Col[] = [];
    // Select-list aliases, which DuckDB lets later items, WHERE, QUALIFY and ORDER BY read.
    const aliasScope = (): Scope => ({
      entries: [{ alias: '', rel: { columns, indirect: new Map() }, hidden: new Set() }],
      parent: undefined,
    });
    for (const item of s.select_list) {
      if (item.class === 'STAR') {
        columns.push(...this.star(item, scope));
        continue;
      }
      const made = this.expr(item, scope, aliasScope());
      const ref = columnRef.safeParse(item);
      const name = item.alias !== '' ? item.alias : ref.success ? (ref.data.column_names.at(-1) ?? '') : '';
      const top = ref.success ? made : retyped(made);
      columns.push({ ...top, name });
    }
    const rowsBy = (e: AstExpr | null, subtype: IndirectSubtype): void => {
      if (e !== null) addIndirect(indirect, allKeys(this.expr(e, scope, aliasScope())), subtype);
    };
    rowsBy(s.where_clause, 'FILTER');
    rowsBy(s.having, 'FILTER');
    rowsBy(s.qualify, 'FILTER');
    for (const g of s.group_expressions) rowsBy(g, 'GROUP_BY');
    if (s.aggregate_handling === 'FORCE_AGGREGATES') {
      // GROUP BY ALL: the items that aggregate nothing are the groups.
      for (const c of columns)
        if (![...c.direct.values()].includes('AGGREGATION')) addIndirect(indirect, c.direct.keys(), 'GROUP_BY');
    }
    this.modifiers(s.modifiers, scope, indirect, aliasScope());
    return { columns, indirect };
  }

  private modifiers(
    mods: SelectNode['modifiers'],
    scope: Scope,
    indirect: Map<Key, Set<IndirectSubtype>>,
    aliases?: Scope,
  ): void {
    for (const m of mods) {
      for (const o of m.orders ?? []) addIndirect(indirect, allKeys(this.expr(o.expression, scope, aliases)), 'SORT');
      for (const d of m.distinct_on_targets ?? [])
        addIndirect(indirect, allKeys(this.expr(d, scope, aliases)), 'FILTER');
    }
  }

  private from(
    raw: unknown,
    ctes: ReadonlyMap<string, Rel>,
    outer: Scope | undefined,
    indirect: Map<Key, Set<IndirectSubtype>>,
  ): Entry[] {
    const t = tableRef.parse(raw);
    switch (t.type) {
      case 'EMPTY':
        return [];
      case 'BASE_TABLE': {
        const b = baseTable.parse(raw);
        const cte = b.schema_name === '' ? ctes.get(b.table_name.toLowerCase()) : undefined;
        const input = this.inputs.get(b.table_name);
        let rel: Rel;
        if (cte !== undefined) rel = cte;
        else if (input !== undefined && b.schema_name === '')
          rel = {
            columns: input.columns.map((c) => ({
              name: c,
              direct: new Map([[keyOf(input.node, c), 'IDENTITY']]),
              indirect: new Map(),
            })),
            indirect: new Map(),
          };
        else
          throw new Unsupported(
            `it reads ${b.schema_name === '' ? '' : `${b.schema_name}.`}${b.table_name}, which is not one of its inputs`,
          );
        return [
          { alias: b.alias !== '' ? b.alias : b.table_name, rel: renamed(rel, b.column_name_alias), hidden: new Set() },
        ];
      }
      case 'SUBQUERY': {
        const q = subqueryTable.parse(raw);
        return [
          {
            alias: q.alias,
            rel: renamed(this.node(q.subquery.node, ctes, outer), q.column_name_alias),
            hidden: new Set(),
          },
        ];
      }
      case 'JOIN': {
        const j = joinTable.parse(raw);
        if (
          j.ref_type === 'NATURAL' ||
          j.ref_type === 'POSITIONAL' ||
          j.ref_type === 'ASOF' ||
          j.ref_type === 'DEPENDENT'
        ) {
          if (j.ref_type !== 'POSITIONAL') throw new Unsupported(`a ${j.ref_type.toLowerCase()} join`);
        }
        const left = this.from(j.left, ctes, outer, indirect);
        const right = this.from(j.right, ctes, outer, indirect);
        const scope: Scope = { entries: [...left, ...right], parent: outer };
        if (j.condition !== null) addIndirect(indirect, allKeys(this.expr(j.condition, scope)), 'JOIN');
        for (const u of j.using_columns) {
          for (const e of scope.entries) {
            const c = e.rel.columns.find((x) => same(x.name, u));
            if (c !== undefined) addIndirect(indirect, allKeys(c), 'JOIN');
          }
          for (const e of right) e.hidden.add(u.toLowerCase());
        }
        if (j.join_type === 'SEMI' || j.join_type === 'ANTI')
          for (const e of right) for (const c of e.rel.columns) e.hidden.add(c.name.toLowerCase());
        return scope.entries;
      }
      default:
        throw new Unsupported(`it reads a ${t.type.toLowerCase().replaceAll('_', ' ')}`);
    }
  }

  private star(raw: AstExpr, scope: Scope): Col[] {
    const s = starExpr.parse(raw);
    const entries =
      s.relation_name === '' ? scope.entries : scope.entries.filter((e) => same(e.alias, s.relation_name));
    if (entries.length === 0) throw new Unsupported(`${s.relation_name}.* names no input`);
    let pattern: RegExp | undefined;
    if (s.columns) {
      const re = constantString.safeParse(s.expr);
      if (!re.success) throw new Unsupported('COLUMNS(...) with something other than a pattern');
      try {
        pattern = new RegExp(re.data.value.value);
      } catch {
        throw new Unsupported(`COLUMNS('${re.data.value.value}'), a pattern JavaScript reads differently`);
      }
    } else if (s.expr !== null) throw new Unsupported('a star with an expression');
    const excluded = (e: Entry, name: string): boolean =>
      s.exclude_list.some((x) => same(x, name)) ||
      s.qualified_exclude_list.some((q) => same(q.column, name) && (q.table === '' || same(q.table, e.alias)));
    const out: Col[] = [];
    for (const e of entries) {
      for (const c of e.rel.columns) {
        if (s.relation_name === '' && e.hidden.has(c.name.toLowerCase())) continue;
        if (excluded(e, c.name)) continue;
        if (pattern !== undefined && !pattern.test(c.name)) continue;
        const replaced = s.replace_list.find((r) => same(r.key, c.name));
        const rename = s.rename_list.find(
          (r) => same(r.key.column, c.name) && (r.key.table === '' || same(r.key.table, e.alias)),
        );
        const name = rename?.value ?? c.name;
        if (replaced === undefined) out.push({ ...copy(c), name });
        else out.push({ ...retyped(this.expr(replaced.value, scope)), name });
      }
    }
    return out;
  }

  /** What an expression is made of; `aliases` are the select list's earlier items. */
  private expr(raw: AstExpr, scope: Scope, aliases?: Scope): Made {
    const made = empty();
    switch (raw.class) {
      case 'CONSTANT':
      case 'PARAMETER':
        return made;
      case 'COLUMN_REF': {
        const ref = columnRef.parse(raw);
        return copy(this.resolve(ref.column_names, scope, aliases));
      }
      case 'STAR':
        throw new Unsupported('COLUMNS(...) or * inside an expression');
      case 'FUNCTION': {
        const f = functionExpr.parse(raw);
        const aggregate = this.aggregates.has(f.function_name.toLowerCase());
        for (const c of f.children)
          merge(made, this.expr(c, scope, aliases), aggregate ? 'AGGREGATION' : 'TRANSFORMATION');
        if (f.filter !== null) asIndirect(made, this.expr(f.filter, scope, aliases), 'FILTER');
        for (const o of f.order_bys?.orders ?? []) asIndirect(made, this.expr(o.expression, scope, aliases), 'SORT');
        return made;
      }
      case 'WINDOW': {
        const w = windowExpr.parse(raw);
        const aggregate = this.aggregates.has(w.function_name.toLowerCase());
        for (const c of w.children)
          merge(made, this.expr(c, scope, aliases), aggregate ? 'AGGREGATION' : 'TRANSFORMATION');
        for (const p of w.partitions) asIndirect(made, this.expr(p, scope, aliases), 'WINDOW');
        for (const o of w.orders) asIndirect(made, this.expr(o.expression, scope, aliases), 'WINDOW');
        if (w.filter_expr !== null) asIndirect(made, this.expr(w.filter_expr, scope, aliases), 'FILTER');
        this.rest(raw, ['children', 'partitions', 'orders', 'filter_expr'], made, scope, aliases);
        return made;
      }
      case 'CASE': {
        const c = caseExpr.parse(raw);
        for (const check of c.case_checks) {
          asIndirect(made, this.expr(check.when_expr, scope, aliases), 'CONDITIONAL');
          merge(made, this.expr(check.then_expr, scope, aliases), 'TRANSFORMATION');
        }
        if (c.else_expr !== null) merge(made, this.expr(c.else_expr, scope, aliases), 'TRANSFORMATION');
        return made;
      }
      case 'SUBQUERY': {
        const q = subqueryExpr.parse(raw);
        const rel = this.node(q.subquery.node, new Map(), scope);
        for (const c of rel.columns) merge(made, c, 'TRANSFORMATION');
        mergeIndirect(made.indirect, rel.indirect);
        if (q.child !== null) asIndirect(made, this.expr(q.child, scope, aliases), 'FILTER');
        return made;
      }
      case 'LAMBDA':
        throw new Unsupported('a lambda');
      default:
        // Operators, casts, comparisons, conjunctions…: a value computed from every expression under it.
        this.rest(raw, [], made, scope, aliases);
        return made;
    }
  }

  /** Every expression found under `raw`'s fields (but `skip`), as transformations. */
  private rest(raw: AstExpr, skip: readonly string[], made: Made, scope: Scope, aliases: Scope | undefined): void {
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) {
        for (const x of v) visit(x);
        return;
      }
      if (typeof v !== 'object' || v === null) return;
      const e = astExpr.safeParse(v);
      if (e.success) {
        merge(made, this.expr(e.data, scope, aliases), 'TRANSFORMATION');
        return;
      }
      for (const x of Object.values(v)) visit(x);
    };
    for (const [k, v] of Object.entries(raw)) if (!skip.includes(k)) visit(v);
  }

  private resolve(names: readonly string[], scope: Scope, aliases: Scope | undefined): Made {
    const [first, second] = names;
    if (first === undefined) throw new Unsupported('an empty column reference');
    const find = (s: Scope, qualifier: string | undefined, column: string): Col | undefined => {
      const entries = qualifier === undefined ? s.entries : s.entries.filter((e) => same(e.alias, qualifier));
      for (const e of entries) {
        const c = e.rel.columns.find((x) => same(x.name, column));
        if (c !== undefined) return c;
      }
      return undefined;
    };
    for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
      // `t.col` (or `t.col.field`), else `col` (or `col.field`, a struct's field: a transformation).
      if (second !== undefined) {
        const c = find(s, first, second);
        if (c !== undefined) return names.length > 2 ? retyped(c) : c;
      }
      const c = find(s, undefined, first);
      if (c !== undefined) return names.length > 1 ? retyped(c) : c;
    }
    const alias = aliases === undefined ? undefined : find(aliases, undefined, first);
    if (alias !== undefined) return alias;
    throw new Unsupported(`the column ${names.join('.')} is not found in its inputs`);
  }
}

function parseKey(k: Key): [string, string] {
  const parsed: unknown = JSON.parse(k);
  if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string')
    return [parsed[0], parsed[1]];
  throw new Error(`bad lineage key ${k}`);
}

function copy<T extends Made>(m: T): Made {
  const out = empty();
  merge(out, m);
  return out;
}

/** A value computed from `m` (no longer the same value): identities become transformations. */
function retyped(m: Made): Made {
  const out = empty();
  merge(out, m, 'TRANSFORMATION');
  return out;
}

function renamed(rel: Rel, aliases: readonly string[]): Rel {
  if (aliases.length === 0) return rel;
  return { ...rel, columns: rel.columns.map((c, i) => ({ ...c, name: aliases[i] ?? c.name })) };
}
