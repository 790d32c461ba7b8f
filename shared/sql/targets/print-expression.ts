import type { ExprAst, LogicalType } from './expression-ast';
import {
  isNumeric,
  kindOfCast,
  type CastType,
  type Printed,
  type TargetDialect,
  type ValueKind,
} from './target-dialect';

/**
 * Re-prints a DuckDB expression (its parse tree) for another database, with
 * DuckDB's meaning. Whatever the target cannot say the same way is refused,
 * naming the function or construct: the planner then keeps that node in
 * DuckDB rather than run something close to it.
 */

export type PrintResult = { ok: true; sql: string; kind: ValueKind } | { ok: false; construct: string; target: string };

class Refused extends Error {
  constructor(readonly construct: string) {
    super(construct);
  }
}

const COMPARISONS: Readonly<Record<string, string>> = {
  COMPARE_EQUAL: '=',
  COMPARE_NOTEQUAL: '<>',
  COMPARE_LESSTHAN: '<',
  COMPARE_GREATERTHAN: '>',
  COMPARE_LESSTHANOREQUALTO: '<=',
  COMPARE_GREATERTHANOREQUALTO: '>=',
};

function castTypeOf(t: LogicalType): CastType | null {
  switch (t.id) {
    case 'INTEGER':
    case 'BIGINT':
    case 'DOUBLE':
    case 'VARCHAR':
    case 'DATE':
    case 'TIMESTAMP':
    case 'BOOLEAN':
      return { id: t.id };
    case 'DECIMAL': {
      const width = t.type_info?.width;
      const scale = t.type_info?.scale;
      return width === undefined || scale === undefined
        ? { id: 'DECIMAL', width: 18, scale: 3 }
        : { id: 'DECIMAL', width, scale };
    }
    default:
      return null;
  }
}

/** Casts whose result is the same in every target, for values that convert at all (outside DuckDB). */
export function castKeepsMeaning(from: ValueKind, to: CastType, target: TargetDialect): boolean {
  if (target.name === 'duckdb') return true;
  if (target.spell !== undefined && !target.spell.castKeeps(from, to)) return false;
  const toKind = kindOfCast(to);
  if (from === toKind && to.id !== 'DECIMAL') return true;
  switch (toKind) {
    case 'integer':
      // A double rounds half to even in PostgreSQL, away from zero in DuckDB; text that is no number is 0 in MySQL.
      return from === 'integer' || from === 'decimal';
    case 'decimal':
    case 'double':
      return isNumeric(from);
    case 'text':
      // Floating-point numbers print differently in each database.
      return from === 'text' || from === 'integer' || from === 'date';
    case 'date':
      // MySQL turns a bad date into NULL where DuckDB fails.
      return from === 'timestamp' || (from === 'text' && target.name === 'postgres');
    case 'timestamp':
      return from === 'date' || (from === 'text' && target.name === 'postgres');
    case 'boolean':
      return from === 'integer' && target.supports.booleanValues;
    default:
      return false;
  }
}

function numberConstant(value: unknown, type: LogicalType, t: TargetDialect): Printed {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Refused(`constant ${type.id}`);
  if (type.id === 'DECIMAL') {
    const scale = type.type_info?.scale ?? 0;
    if (!Number.isSafeInteger(value)) throw new Refused('constant DECIMAL');
    const digits = String(Math.abs(value)).padStart(scale + 1, '0');
    const text =
      scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
    if (t.spell !== undefined) return { sql: t.spell.decimal(value < 0 ? `-${text}` : text, scale), kind: 'decimal' };
    return { sql: value < 0 ? `(-${text})` : text, kind: 'decimal' };
  }
  if (['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT'].includes(type.id)) {
    if (!Number.isSafeInteger(value)) throw new Refused(`constant ${type.id}`);
    return { sql: value < 0 ? `(${String(value)})` : String(value), kind: 'integer' };
  }
  if (type.id === 'DOUBLE' || type.id === 'FLOAT') return { sql: `CAST(${String(value)} AS DOUBLE)`, kind: 'double' };
  throw new Refused(`constant ${type.id}`);
}

function resultKind(a: ValueKind, b: ValueKind): ValueKind {
  if (a === 'double' || b === 'double') return 'double';
  if (a === 'decimal' || b === 'decimal') return 'decimal';
  return 'integer';
}

class Printer {
  constructor(
    private readonly t: TargetDialect,
    private readonly columnKind: (name: string) => ValueKind,
  ) {}

  /** Both operands of a comparison, spelled to compare as DuckDB does. */
  private comparable(a: Printed, b: Printed, what: string): [string, string] {
    const text = a.kind === 'text' || b.kind === 'text';
    if (this.t.name !== 'duckdb') {
      if (a.kind === 'unknown' || b.kind === 'unknown') {
        if (a.sql !== 'NULL' && b.sql !== 'NULL') throw new Refused(`${what} of a value of unknown type`);
      }
      // Text against a number converts differently in each database.
      if (text && a.kind !== b.kind && a.sql !== 'NULL' && b.sql !== 'NULL')
        throw new Refused(`${what} of ${a.kind} with ${b.kind}`);
    }
    if (text) return [this.t.bytewise(a.sql), this.t.bytewise(b.sql)];
    return this.operands(what, a, b);
  }

  /** Numeric operands as the target takes them (ClickHouse: no decimal with a double), or Refused. */
  private operands(op: string, a: Printed, b: Printed): [string, string] {
    if (this.t.spell === undefined) return [a.sql, b.sql];
    const out = this.t.spell.operands(op, a, b);
    if ('refuse' in out) throw new Refused(out.refuse);
    return out;
  }

  print(e: ExprAst): Printed {
    const t = this.t;
    switch (e.class) {
      case 'COLUMN_REF': {
        const [name, ...rest] = e.column_names;
        if (name === undefined || rest.length > 0) throw new Refused('qualified column reference');
        return { sql: t.ident(name), kind: this.columnKind(name) };
      }
      case 'CONSTANT': {
        const v = e.value;
        if (v.is_null) return { sql: 'NULL', kind: 'unknown' };
        if (v.type.id === 'VARCHAR' && typeof v.value === 'string')
          return { sql: t.str(v.value), kind: 'text', text: v.value };
        return numberConstant(v.value, v.type, t);
      }
      case 'CAST': {
        if (e.try_cast) throw new Refused('TRY_CAST');
        const to = castTypeOf(e.cast_type);
        if (to === null) throw new Refused(`CAST AS ${e.cast_type.id}`);
        // TRUE/FALSE arrive as CAST('t' AS BOOLEAN).
        if (
          to.id === 'BOOLEAN' &&
          e.child.class === 'CONSTANT' &&
          (e.child.value.value === 't' || e.child.value.value === 'f')
        ) {
          const value = e.child.value.value === 't';
          return { sql: t.spell?.truth(value) ?? (value ? 'TRUE' : 'FALSE'), kind: 'boolean' };
        }
        const child = this.print(e.child);
        // A typed literal (DATE '2024-01-31') has one meaning everywhere once its text is checked.
        const literalDate =
          child.text !== undefined &&
          ((to.id === 'DATE' && /^\d{4}-\d{2}-\d{2}$/.test(child.text)) ||
            (to.id === 'TIMESTAMP' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/.test(child.text)));
        if (!literalDate && !castKeepsMeaning(child.kind, to, t))
          throw new Refused(`CAST(${child.kind} AS ${e.cast_type.id})`);
        const name = t.typeName(to);
        if (name === null) throw new Refused(`CAST AS ${e.cast_type.id}`);
        return { sql: `CAST(${child.sql} AS ${name})`, kind: kindOfCast(to) };
      }
      case 'COMPARISON': {
        const a = this.print(e.left);
        const b = this.print(e.right);
        const op = COMPARISONS[e.type];
        if (op !== undefined) {
          const [x, y] = this.comparable(a, b, op);
          return { sql: `(${x} ${op} ${y})`, kind: 'boolean' };
        }
        if (e.type === 'COMPARE_DISTINCT_FROM' || e.type === 'COMPARE_NOT_DISTINCT_FROM') {
          const [x, y] = this.comparable(a, b, 'IS DISTINCT FROM');
          const not = e.type === 'COMPARE_NOT_DISTINCT_FROM';
          if (t.spell !== undefined) return { sql: t.spell.distinctFrom(x, y, not), kind: 'boolean' };
          if (t.name === 'mysql') return { sql: not ? `(${x} <=> ${y})` : `(NOT (${x} <=> ${y}))`, kind: 'boolean' };
          return { sql: `(${x} IS ${not ? 'NOT ' : ''}DISTINCT FROM ${y})`, kind: 'boolean' };
        }
        throw new Refused(e.type);
      }
      case 'CONJUNCTION': {
        const op = e.type === 'CONJUNCTION_AND' ? 'AND' : e.type === 'CONJUNCTION_OR' ? 'OR' : null;
        if (op === null) throw new Refused(e.type);
        const parts = e.children.map((c) => this.print(c).sql);
        if (t.spell !== undefined) return { sql: t.spell.logic(op, parts), kind: 'boolean' };
        return { sql: `(${parts.join(` ${op} `)})`, kind: 'boolean' };
      }
      case 'OPERATOR':
        return this.operator(e.type, e.children);
      case 'CASE': {
        const checks = e.case_checks.map((c) => ({ when: this.print(c.when_expr), then: this.print(c.then_expr) }));
        const otherwise = this.print(e.else_expr);
        const kinds = new Set([...checks.map((c) => c.then.kind), otherwise.kind].filter((k) => k !== 'unknown'));
        // Branches of different types are unified by each database's own rules.
        if (
          t.name !== 'duckdb' &&
          kinds.size > 1 &&
          !(kinds.size === 2 && kinds.has('integer') && kinds.has('decimal'))
        )
          throw new Refused(`CASE mixing ${[...kinds].join(' and ')}`);
        const kind = checks[0]?.then.kind ?? otherwise.kind;
        return {
          sql: `(CASE ${checks.map((c) => `WHEN ${c.when.sql} THEN ${c.then.sql}`).join(' ')} ELSE ${otherwise.sql} END)`,
          kind,
        };
      }
      case 'BETWEEN': {
        const x = this.print(e.input);
        const [a, lo] = this.comparable(x, this.print(e.lower), 'BETWEEN');
        const [, hi] = this.comparable(x, this.print(e.upper), 'BETWEEN');
        return { sql: `(${a} BETWEEN ${lo} AND ${hi})`, kind: 'boolean' };
      }
      case 'FUNCTION':
        return this.call(e);
      case 'OTHER':
        throw new Refused(e.type);
    }
  }

  private operator(type: string, children: readonly ExprAst[]): Printed {
    const args = children.map((c) => this.print(c));
    const [first, ...rest] = args;
    if (first === undefined) throw new Refused(type);
    switch (type) {
      case 'OPERATOR_NOT':
        return { sql: `(NOT ${first.sql})`, kind: 'boolean' };
      case 'OPERATOR_IS_NULL':
        return { sql: `(${first.sql} IS NULL)`, kind: 'boolean' };
      case 'OPERATOR_IS_NOT_NULL':
        return { sql: `(${first.sql} IS NOT NULL)`, kind: 'boolean' };
      case 'OPERATOR_COALESCE': {
        const kinds = new Set(args.map((a) => a.kind).filter((k) => k !== 'unknown'));
        // Arguments of different types are unified by each database's own rules.
        const numbers = kinds.size === 2 && kinds.has('integer') && kinds.has('decimal');
        if (
          this.t.name !== 'duckdb' &&
          ((kinds.size > 1 && !numbers) || args.some((a) => a.kind === 'unknown' && a.sql !== 'NULL'))
        )
          throw new Refused(`coalesce of ${[...kinds].join(' and ')}`);
        return { sql: `COALESCE(${args.map((a) => a.sql).join(', ')})`, kind: numbers ? 'decimal' : first.kind };
      }
      case 'COMPARE_IN':
      case 'COMPARE_NOT_IN': {
        const pairs = rest.map((r) => this.comparable(first, r, 'IN'));
        if (this.t.spell !== undefined) {
          const out = this.t.spell.inList(first, rest, type === 'COMPARE_NOT_IN');
          if (typeof out !== 'string') throw new Refused(out.refuse);
          return { sql: out, kind: 'boolean' };
        }
        const left = pairs[0]?.[0] ?? first.sql;
        return {
          sql: `(${left} ${type === 'COMPARE_IN' ? 'IN' : 'NOT IN'} (${pairs.map(([, r]) => r).join(', ')}))`,
          kind: 'boolean',
        };
      }
      default:
        throw new Refused(type);
    }
  }

  private call(e: Extract<ExprAst, { class: 'FUNCTION' }>): Printed {
    const t = this.t;
    const name = e.function_name.toLowerCase();
    if (
      (e.schema !== '' && e.schema !== 'main') ||
      e.distinct ||
      (e.filter !== undefined && e.filter !== null) ||
      (e.order_bys?.orders.length ?? 0) > 0
    )
      throw new Refused(name);
    const args = e.children.map((c) => this.print(c));
    const [a, b] = args;
    if (e.is_operator && a !== undefined) {
      if (name === '~~' || name === '!~~') {
        if (b === undefined) throw new Refused('LIKE');
        if (t.name !== 'duckdb' && (a.kind !== 'text' || b.kind !== 'text')) throw new Refused(`LIKE on ${a.kind}`);
        const out = t.like(a.sql, b, name === '!~~');
        if (typeof out !== 'string') throw new Refused(`${out.refuse}`);
        return { sql: out, kind: 'boolean' };
      }
      if (name === '||' && b !== undefined) {
        const ok = (k: ValueKind): boolean => k === 'text' || k === 'integer';
        if (t.name !== 'duckdb' && (!ok(a.kind) || !ok(b.kind))) throw new Refused(`|| on ${a.kind} and ${b.kind}`);
        return { sql: t.concat(a.sql, b.sql), kind: 'text' };
      }
      if (b === undefined && (name === '-' || name === '+')) {
        if (t.name !== 'duckdb' && !isNumeric(a.kind)) throw new Refused(`${name}${a.kind}`);
        if (name === '-' && t.spell !== undefined) {
          const out = t.spell.negate(a);
          if (typeof out !== 'string') throw new Refused(out.refuse);
          return { sql: out, kind: a.kind };
        }
        return { sql: `(${name}${a.sql})`, kind: a.kind };
      }
      if (b !== undefined && args.length === 2 && ['+', '-', '*', '/', '%'].includes(name)) {
        if (t.name !== 'duckdb') {
          // Date arithmetic and text that looks like numbers mean different things per database.
          if (!isNumeric(a.kind) || !isNumeric(b.kind)) throw new Refused(`${a.kind} ${name} ${b.kind}`);
          if (name === '%' && (a.kind !== 'integer' || b.kind !== 'integer'))
            throw new Refused(`% on ${resultKind(a.kind, b.kind)}`);
        }
        if (name === '/') {
          const q = t.divide(a, b);
          if (typeof q !== 'string') throw new Refused(q.refuse);
          return { sql: q, kind: 'double' };
        }
        const [x, y] = this.operands(name, a, b);
        return { sql: `(${x} ${name} ${y})`, kind: resultKind(a.kind, b.kind) };
      }
      throw new Refused(`operator ${name}`);
    }
    const spell = t.functions.get(name);
    if (spell === undefined) throw new Refused(`${name}()`);
    const out = spell(args);
    if ('refuse' in out) throw new Refused(`${out.refuse}()`);
    return out;
  }
}

/**
 * Prints `e` for `target`. `columnKind` gives each input column's kind (from
 * its DuckDB type); `asValue` refuses a boolean result on a target without
 * boolean values (MySQL), where a condition (WHERE, CASE WHEN) is fine.
 */
export function printExpression(
  e: ExprAst,
  target: TargetDialect,
  columnKind: (name: string) => ValueKind,
  asValue = false,
): PrintResult {
  try {
    const out = new Printer(target, columnKind).print(e);
    if (asValue && out.kind === 'boolean' && !target.supports.booleanValues)
      return { ok: false, construct: 'a true/false value', target: target.label };
    return { ok: true, sql: out.sql, kind: out.kind };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, construct: err.construct, target: target.label };
    throw err;
  }
}
