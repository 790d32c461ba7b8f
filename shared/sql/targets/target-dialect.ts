/**
 * How Duto compiles SQL for one database: quoting, types and casts, limits,
 * the functions it can spell with the same meaning as DuckDB, and what else
 * it supports. DuckDB is the reference meaning; a target that cannot say the
 * same thing refuses (see print-expression.ts), it never says something close.
 */

export type TargetName = 'duckdb' | 'postgres' | 'mysql';

/** The coarse kind of a value, enough to choose a spelling that keeps DuckDB's meaning. */
export type ValueKind = 'text' | 'integer' | 'decimal' | 'double' | 'boolean' | 'date' | 'timestamp' | 'unknown';

/** A cast target the printer knows, in DuckDB terms. */
export type CastType =
  | { id: 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'VARCHAR' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN' }
  | { id: 'DECIMAL'; width: number; scale: number };

/** One printed argument: its SQL and its kind. */
export interface Printed {
  sql: string;
  kind: ValueKind;
  /** The value of a string constant (date_trunc's part, LIKE's pattern). */
  text?: string;
}

/** Prints a function call from printed arguments, or says why it cannot (null: the target has no such function). */
export type FunctionSpelling = (args: readonly Printed[]) => Printed | { refuse: string };

export interface TargetDialect {
  name: TargetName;
  /** The database's name for messages and the canvas badge. */
  label: string;
  ident(name: string): string;
  str(value: string): string;
  /** `LIMIT n` (every target here spells it so; kept for those that do not, like T-SQL's TOP). */
  limit(n: number): string;
  /** The target's name for a cast type, or null when it has none with DuckDB's meaning. */
  typeName(t: CastType): string | null;
  /** String concatenation of two operands (MySQL's `||` is OR). */
  concat(a: string, b: string): string;
  /** Division with DuckDB's meaning: `/` is floating-point, and by zero gives ±Infinity or NaN (IEEE). */
  divide(a: Printed, b: Printed): string | { refuse: string };
  /** A text comparison operand spelled so it compares by code point, as DuckDB does. */
  bytewise(sql: string): string;
  /** A LIKE with DuckDB's case-sensitive meaning, or a refusal. */
  like(value: string, pattern: Printed, negated: boolean): string | { refuse: string };
  /** Functions by DuckDB name. */
  functions: ReadonlyMap<string, FunctionSpelling>;
  supports: {
    /** FULL OUTER JOIN (MySQL has none). */
    fullJoin: boolean;
    /** `NULLS FIRST`/`NULLS LAST` in ORDER BY. */
    nullsOrder: boolean;
    /** `SELECT DISTINCT`. */
    distinct: boolean;
    /** Boolean values in a select list (MySQL gives 0/1 integers instead). */
    booleanValues: boolean;
  };
}

/** The kind of a DuckDB type name (`DECIMAL(18,2)`, `VARCHAR`, `TIMESTAMP WITH TIME ZONE`…). */
export function kindOfType(type: string): ValueKind {
  const t = type.trim().toUpperCase();
  if (t === 'VARCHAR' || t.startsWith('VARCHAR(') || t === 'TEXT') return 'text';
  if (/^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(t)) return 'integer';
  if (t.startsWith('DECIMAL') || t.startsWith('NUMERIC')) return 'decimal';
  if (t === 'DOUBLE' || t === 'FLOAT' || t === 'REAL') return 'double';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE') return 'date';
  if (t === 'TIMESTAMP') return 'timestamp';
  return 'unknown';
}

/** The kind a cast produces. */
export function kindOfCast(t: CastType): ValueKind {
  switch (t.id) {
    case 'INTEGER':
    case 'BIGINT':
      return 'integer';
    case 'DECIMAL':
      return 'decimal';
    case 'DOUBLE':
      return 'double';
    case 'VARCHAR':
      return 'text';
    case 'DATE':
      return 'date';
    case 'TIMESTAMP':
      return 'timestamp';
    case 'BOOLEAN':
      return 'boolean';
  }
}

/** Whether a kind is a number. */
export function isNumeric(k: ValueKind): boolean {
  return k === 'integer' || k === 'decimal' || k === 'double';
}

/** A spelling that keeps the same name and takes `arity` arguments, giving `kind` (or the first argument's kind). */
export function same(name: string, arity: readonly number[], kind?: ValueKind): FunctionSpelling {
  return (args) => {
    if (!arity.includes(args.length)) return { refuse: `${name}/${String(args.length)}` };
    return { sql: `${name}(${args.map((a) => a.sql).join(', ')})`, kind: kind ?? args[0]?.kind ?? 'unknown' };
  };
}

/** Whether printed SQL is a number constant other than zero. */
export function isNonZeroConstant(p: Printed): boolean {
  return /^\(?-?\d+(\.\d+)?\)?$/.test(p.sql) && /[1-9]/.test(p.sql);
}
