/**
 * The one place where user text becomes SQL text. Every identifier and every
 * literal that reaches DuckDB goes through these helpers, so nothing a user
 * types can leave its place in a statement.
 */

/** Quotes an identifier: `my "col"` → `"my ""col"""`. */
export function ident(name: string): string {
  if (name.includes('\u0000')) throw new Error('identifiers cannot contain NUL characters');
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal: `it's` → `'it''s'`. */
export function str(value: string): string {
  if (value.includes('\u0000')) throw new Error('string literals cannot contain NUL characters');
  return `'${value.replaceAll("'", "''")}'`;
}

/** A number literal; refuses NaN and infinities, which have no literal form. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

/** A boolean literal. */
export function bool(value: boolean): string {
  return value ? 'true' : 'false';
}

/** A list of string literals: `['a', 'b']`. */
export function strList(values: readonly string[]): string {
  return `[${values.map(str).join(', ')}]`;
}

/** A comma-separated list of quoted identifiers. */
export function identList(names: readonly string[]): string {
  return names.map(ident).join(', ');
}

/** A literal of any JSON scalar. */
export function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number') return num(value);
  return bool(value);
}

/** Keyword arguments of a table function: `delim=',', header=true`. */
export function namedArgs(args: ReadonlyArray<readonly [string, string]>): string {
  return args.map(([k, v]) => `${k}=${v}`).join(', ');
}

/**
 * DuckDB type names a user may pick. A type is checked against this grammar
 * rather than quoted, since types are syntax, not values.
 */
const TYPE_PATTERN =
  /^(BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL\(\d{1,2},\s*\d{1,2}\)|DECIMAL|VARCHAR|DATE|TIME|TIMESTAMP|TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE|INTERVAL|BLOB|UUID|JSON)(\[\])?$/;

/** Whether {@link typeName} takes this type (a preview filter compares other types as text). */
export function isSafeType(type: string): boolean {
  return TYPE_PATTERN.test(type.trim().toUpperCase());
}

/** A type name checked against TYPE_PATTERN, upper-cased. */
export function typeName(type: string): string {
  const t = type.trim().toUpperCase();
  if (!TYPE_PATTERN.test(t)) throw new Error(`unsupported type: ${type}`);
  return t;
}

/** Quotes a MySQL/MariaDB identifier: `a`b` → `` `a``b` ``. */
export function backtickIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('identifiers cannot contain NUL characters');
  return `\`${name.replaceAll('`', '``')}\``;
}

/**
 * Quotes a MySQL/MariaDB string literal. Backslash is an escape there unless
 * NO_BACKSLASH_ESCAPES is set, so it is doubled too; a doubled backslash means
 * one backslash in either mode only when escapes are on, which is MySQL's default
 * and the mode Duto's connections keep.
 */
export function mysqlStr(value: string): string {
  if (value.includes('\u0000')) throw new Error('string literals cannot contain NUL characters');
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}
