import type mysql from 'mysql2';
import { z } from 'zod';
import type { Column } from '../../../../shared/catalog/node-type';
import { MYSQL } from '../sql/dialect';

/**
 * ELT (issue #15): the rows of a pushed part written by MySQL/MariaDB itself,
 * `INSERT … SELECT` into the table (or staging table) the streamed load
 * would have filled, with the same upsert clause.
 */

const ident = MYSQL.ident;

/** What an upsert updates on a duplicate key: every other column (the first one, to itself, when all are keys). */
export function upsertTail(columns: readonly Column[], keyColumns: readonly string[]): string {
  const keys = new Set(keyColumns);
  const updates = columns
    .filter((col) => !keys.has(col.name))
    .map((col) => `${ident(col.name)} = VALUES(${ident(col.name)})`);
  const first = ident(columns[0]?.name ?? '');
  return ` ON DUPLICATE KEY UPDATE ${updates.length > 0 ? updates.join(', ') : `${first} = ${first}`}`;
}

const header = z.object({ affectedRows: z.number(), info: z.string().optional() });

/**
 * `INSERT INTO into SELECT * FROM (select)`; `keyColumns` makes it an upsert. Returns the rows the SELECT
 * gave (the server's "Records:", as a streamed load counts its input), not the affected rows (an update counts 2).
 * The server's own work: bounded by the statement timeout and cancel (KILL QUERY), not the no-progress timeout.
 */
export async function insertSelect(
  conn: mysql.Connection,
  into: string,
  columns: readonly Column[],
  select: string,
  keyColumns: readonly string[] | undefined,
): Promise<number> {
  const names = columns.map((col) => ident(col.name)).join(', ');
  const tail = keyColumns === undefined ? '' : upsertTail(columns, keyColumns);
  const sql = `INSERT INTO ${into} (${names}) SELECT * FROM (${select}) AS duto_elt${tail}`;
  const result = await new Promise<unknown>((resolve, reject) => {
    conn.query(sql, (err, res) => (err === null ? resolve(res) : reject(err)));
  });
  const h = header.parse(result);
  const records = /Records:\s*(\d+)/.exec(h.info ?? '');
  return records === null ? h.affectedRows : Number(records[1]);
}

/** The family of a MySQL column type (`int(11)`, `DECIMAL(10,2)`, `TIMESTAMP(6) NULL`, `tinyint(1)`…). */
function family(type: string): string {
  const t = type.toLowerCase().replace(/\s+null$/, '');
  if (t === 'tinyint(1)' || t === 'boolean') return 'boolean';
  if (/^(tiny|small|medium|big)?int\b/.test(t)) return t.includes('unsigned') ? 'unsigned' : 'integer';
  if (/^(decimal|numeric)\b/.test(t)) return 'decimal';
  if (/^(var)?char\b|^(tiny|medium|long)?text\b/.test(t)) return 'text';
  if (/^(var)?binary\b|^(tiny|medium|long)?blob\b/.test(t)) return 'bytes';
  if (/^(datetime|timestamp)\b/.test(t)) return 'datetime';
  return t.replace(/\(.*$/, '');
}

/**
 * Whether an existing target's columns (`have`: name → COLUMN_TYPE) take the part's values as the streamed
 * load's literals would: each of the same family as the one Duto would create (`wanted`: name → mysqlTypeOf).
 */
export function sameFamilies(have: ReadonlyMap<string, string>, wanted: ReadonlyMap<string, string>): boolean {
  const lower = new Map([...have].map(([k, v]) => [k.toLowerCase(), v]));
  for (const [name, type] of wanted) {
    const target = lower.get(name.toLowerCase());
    if (target !== undefined && family(target) !== family(type)) return false;
  }
  return true;
}
