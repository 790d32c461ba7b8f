/**
 * How Duto compiles SQL for one database: quoting, types and casts, limits,
 * the functions it can spell with the same meaning as DuckDB, and what else
 * it supports. DuckDB is the reference meaning; a target that cannot say the
 * same thing refuses (see print-expression.ts), it never says something close.
 */

export type TargetName = 'duckdb' | 'postgres' | 'mysql' | 'clickhouse';

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

/** The catalog's aggregate functions a target may spell (transform.aggregate's measures). */
export type AggregateName = 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max' | 'median' | 'first' | 'last';

/** The column an aggregate reads: its SQL, kind and DuckDB type (null: count of rows). */
export interface AggregateArg {
  sql: string;
  kind: ValueKind;
  type: string;
  /**
   * first/last: the ORDER BY whose first row gives the value (reversed for
   * last), already checked to leave no tie that could change it. Absent: no order.
   */
  order?: string;
  /**
   * first/last where the target orders no aggregate (MySQL, MariaDB): a column
   * that is 1 on the group's first row by that order (ROW_NUMBER() over the
   * group, computed below the aggregate), so the value is the one on that row.
   */
  firstRow?: string;
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
  /**
   * The type to cast a computed column to so the source reads it back as exactly
   * `duckType` (`numeric(38, 2)` for `DECIMAL(38,2)`); null when the target has
   * none. Absent: computed columns are read as the database types them.
   */
  resultType?: (duckType: string) => string | null;
  /**
   * An aggregate with the value and type the DuckDB compile of transform.aggregate
   * gives (sum of integers as BIGINT, avg as DOUBLE), or a refusal. Absent: none is pushed.
   */
  aggregate?: (fn: AggregateName, arg: AggregateArg | null) => string | { refuse: string };
  /**
   * Hooks for a target whose plain SQL means something else (ClickHouse): each,
   * when present, replaces the printer's standard spelling. Absent: standard SQL.
   */
  spell?: TargetSpelling;
  /**
   * The target as seen from a DuckDB whose TimeZone setting is `zone`: what
   * depends on it (date_trunc of an instant) is spelled for that zone, or
   * refused. Absent: nothing the target spells depends on the zone.
   */
  inZone?: (zone: string) => TargetDialect;
  supports: {
    /** FULL OUTER JOIN (MySQL has none). */
    fullJoin: boolean;
    /** `NULLS FIRST`/`NULLS LAST` in ORDER BY. */
    nullsOrder: boolean;
    /** `SELECT DISTINCT`. */
    distinct: boolean;
    /** Boolean values in a select list (MySQL gives 0/1 integers instead). */
    booleanValues: boolean;
    /**
     * `=` on text is code-point equality, as in DuckDB (PostgreSQL's deterministic
     * collations). Absent or false (MySQL folds case and trailing spaces): grouping,
     * distinct and join keys compare `bytewise()` values instead.
     */
    codePointEquality?: boolean;
    /** ORDER BY places NaN as DuckDB does (greatest). Absent: yes. */
    nanOrder?: boolean;
    /** GROUP BY and DISTINCT put -0 with 0, as DuckDB does. Absent: yes. */
    doubleGrouping?: boolean;
    /** `SELECT DISTINCT ON (keys) … ORDER BY keys, order` (PostgreSQL). Absent: no. */
    distinctOn?: boolean;
    /** `ROW_NUMBER() OVER (PARTITION BY … ORDER BY …)` (MySQL 8, MariaDB 10.2). Absent: no. */
    rowNumber?: boolean;
    /** Window functions as the catalog's window node uses them: ROW_NUMBER, RANK, DENSE_RANK, LAG, LEAD, a running COUNT. Absent: no. */
    windows?: boolean;
    /** `COALESCE(column, constant)` of the column's type (the fill of empty values). Absent: no. */
    coalesceConstant?: boolean;
    /**
     * A union's bare NULL takes the other inputs' type whole (MySQL/MariaDB: INT stays INT, DECIMAL(10,2) its scale);
     * PostgreSQL drops the type's modifier (a numeric(10,2) becomes plain numeric). Absent: no.
     */
    unionNullKeepsType?: boolean;
    /** `UNION ALL` of inputs whose columns are cast to one type each, NULL where an input lacks one. Absent: no. */
    unionAll?: boolean;
  };
}

/** Spellings a target overrides (see TargetDialect.spell). */
export interface TargetSpelling {
  /** A decimal constant from its text (`-12.34`) and scale: a typed literal where a bare one is a float. */
  decimal: (text: string, scale: number) => string;
  /** AND/OR with SQL's three-valued logic (NULL AND FALSE is FALSE). */
  logic: (op: 'AND' | 'OR', parts: readonly string[]) => string;
  /** `x [NOT] IN (…)`, NULL when x is NULL; or a refusal. */
  inList: (x: Printed, items: readonly Printed[], negated: boolean) => string | { refuse: string };
  /** `x IS [NOT] DISTINCT FROM y`. */
  distinctFrom: (x: string, y: string, not: boolean) => string;
  /** Both operands of an arithmetic operator or a comparison, spelled so the target accepts them with DuckDB's meaning, or a refusal. */
  operands: (op: string, a: Printed, b: Printed) => [string, string] | { refuse: string };
  /** `-x`, or a refusal. */
  negate: (x: Printed) => string | { refuse: string };
  /** TRUE or FALSE (ClickHouse 18 has neither keyword: 1 and 0). */
  truth: (value: boolean) => string;
  /** Whether a cast keeps DuckDB's value there (beyond the printer's common rules). */
  castKeeps: (from: ValueKind, to: CastType) => boolean;
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

/** A cast type from a type name as a user writes it (`DECIMAL(12,2)`, `bigint`, `text`), or null when the printer has none. */
export function castTypeOfName(name: string): CastType | null {
  const t = name.trim().toUpperCase().replace(/\s+/g, ' ');
  const dec = /^(?:DECIMAL|NUMERIC) ?\( ?(\d+) ?, ?(\d+) ?\)$/.exec(t);
  if (dec !== null) {
    const width = Number(dec[1]);
    const scale = Number(dec[2]);
    return width >= 1 && width <= 38 && scale <= width ? { id: 'DECIMAL', width, scale } : null;
  }
  const simple: Readonly<Record<string, CastType['id']>> = {
    INTEGER: 'INTEGER',
    INT: 'INTEGER',
    INT4: 'INTEGER',
    BIGINT: 'BIGINT',
    INT8: 'BIGINT',
    DOUBLE: 'DOUBLE',
    FLOAT8: 'DOUBLE',
    VARCHAR: 'VARCHAR',
    TEXT: 'VARCHAR',
    STRING: 'VARCHAR',
    DATE: 'DATE',
    TIMESTAMP: 'TIMESTAMP',
    BOOLEAN: 'BOOLEAN',
    BOOL: 'BOOLEAN',
  };
  const id = simple[t];
  return id === undefined || id === 'DECIMAL' ? null : { id };
}

/** `DECIMAL(p,s)` as width and scale, or null for another type. */
export function decimalOfType(type: string): { width: number; scale: number } | null {
  const m = /^DECIMAL\((\d+),\s*(\d+)\)$/i.exec(type.trim());
  return m === null ? null : { width: Number(m[1]), scale: Number(m[2]) };
}

/** Integer types whose sum the catalog's aggregate casts to BIGINT (a wider one sums to HUGEINT). */
export const SUMS_TO_BIGINT = /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/i;
