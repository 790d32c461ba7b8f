import { ConnectorError } from '../../external/types';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * How each database spells identifiers and parameters. Every table and
 * column name a user gives reaches a database through `ident`, every value
 * as a bound parameter: nothing typed into a pipeline becomes SQL text,
 * except the conditions and queries that are SQL by design (run read-only).
 */
export interface Dialect {
  name: 'postgres' | 'mysql' | 'sqlite' | 'clickhouse';
  /** A quoted identifier. */
  ident(name: string): string;
  /** The n-th (1-based) parameter placeholder. */
  param(n: number): string;
  /** Longest identifier the database keeps whole. */
  maxIdentifier: number;
}

function quoteWith(q: string): (name: string) => string {
  return (name) => {
    if (name.includes('\u0000')) throw new ConnectorError(said('sql.identifier', {}));
    return `${q}${name.split(q).join(q + q)}${q}`;
  };
}

export const POSTGRES: Dialect = {
  name: 'postgres',
  ident: quoteWith('"'),
  param: (n) => `$${String(n)}`,
  maxIdentifier: 63,
};
export const MYSQL: Dialect = { name: 'mysql', ident: quoteWith('`'), param: () => '?', maxIdentifier: 64 };
/** ClickHouse takes no bound parameters over HTTP before 19.x: its sources write values as literals (clickhouse-sql.ts). */
export const CLICKHOUSE: Dialect = {
  name: 'clickhouse',
  ident: quoteWith('`'),
  param: () => '?',
  maxIdentifier: 200,
};
export const SQLITE: Dialect = { name: 'sqlite', ident: quoteWith('"'), param: () => '?', maxIdentifier: Infinity };

/** `schema.table`, or `table` when no schema is given. */
export function qualified(d: Dialect, schema: string, table: string): string {
  return schema === '' ? d.ident(table) : `${d.ident(schema)}.${d.ident(table)}`;
}

/** `public.orders` for messages. */
export function displayName(schema: string, table: string): string {
  return schema === '' ? table : `${schema}.${table}`;
}
