import type pg from 'pg';
import type { Column } from '../../../../shared/catalog/node-type';
import { duckType } from '../../external/duck-types';
import { POSTGRES } from '../sql/dialect';

/**
 * ELT (issue #15): the rows of a pushed part written by PostgreSQL itself,
 * `INSERT … SELECT` into the table the streamed load would have filled.
 * Every value must land as the streamed path lands it: a column DuckDB read
 * as text holds the type's output text (what `COPY … TO` gave), which an
 * assignment cast does not always give (`char(n)` loses its padding, `inet`
 * gains a netmask), so it goes through `format('%s', …)`, the output function.
 */

const ident = POSTGRES.ident;

/** The select list over the part (`duto_elt`, its columns renamed by position to the DuckDB names). */
export function eltSelectList(columns: readonly Column[]): string {
  return columns
    .map((c) => {
      const col = `duto_elt.${ident(c.name)}`;
      return duckType(c.type).family === 'varchar'
        ? `CASE WHEN ${col} IS NULL THEN NULL ELSE format('%s', ${col}) END`
        : col;
    })
    .join(', ');
}

/** `INSERT INTO into SELECT … FROM (select)`: the server's own work, so bounded by the statement timeout and cancel, not the no-progress timeout. */
export async function insertSelect(
  client: pg.Client,
  into: string,
  names: string,
  columns: readonly Column[],
  select: string,
): Promise<number> {
  const r = await client.query(
    `INSERT INTO ${into} (${names}) SELECT ${eltSelectList(columns)} FROM (${select}) AS duto_elt (${names})`,
  );
  return r.rowCount ?? 0;
}

/** The families of column types into which a value lands the same whether COPY parses Duto's text or an INSERT … SELECT converts the server's value. */
function family(type: string): string {
  const t = type.toLowerCase();
  if (t === 'text' || t.startsWith('character')) return 'text';
  if (t.startsWith('numeric')) return 'numeric';
  if (t === 'smallint' || t === 'integer' || t === 'bigint') return 'integer';
  if (t === 'time') return 'time without time zone';
  if (t === 'timetz') return 'time with time zone';
  if (t === 'timestamp') return 'timestamp without time zone';
  if (t === 'timestamptz') return 'timestamp with time zone';
  return t;
}

/**
 * Whether an existing target's columns take the part's values as the streamed load would: each
 * column of the same family as the one Duto would create (`wanted`: name → pgTypeOf). An `inet`
 * column fed text, say, parses it under COPY but refuses it in an INSERT … SELECT: streamed then.
 */
export async function sameFamilies(
  client: pg.Client,
  schema: string,
  table: string,
  wanted: ReadonlyMap<string, string>,
): Promise<boolean> {
  const r = await client.query({
    text: `SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = coalesce(nullif($1, ''), current_schema()) AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped`,
    values: [schema, table],
    rowMode: 'array',
  });
  const have = new Map<string, string>();
  for (const row of r.rows) if (Array.isArray(row)) have.set(String(row[0]), String(row[1]));
  if (have.size === 0) return true;
  for (const [name, type] of wanted) {
    const target = have.get(name);
    // Integers widen or fail alike; numbers into numeric(p,s) round alike (half away from zero).
    const ok =
      target === undefined ||
      family(target) === family(type) ||
      (family(target) === 'numeric' && family(type) === 'integer');
    if (!ok) return false;
  }
  return true;
}
