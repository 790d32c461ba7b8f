import { readFileSync } from 'node:fs';
import type { Database, SqlJsStatic, Statement } from 'sql.js';
import type { ExternalValue } from '../../external/types';
import { ConnectorError } from '../../external/types';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * sql.js (SQLite compiled to WebAssembly): the whole database lives in
 * memory, loaded from the file's bytes; writes are persisted by exporting
 * the bytes and replacing the file atomically.
 */

let engine: Promise<SqlJsStatic> | undefined;

function sqlJs(): Promise<SqlJsStatic> {
  // Loaded on first use: a run without SQLite never parses sql.js.
  engine ??= import('sql.js').then((m) => m.default());
  return engine;
}

export async function openSqliteFile(path: string, mustExist: boolean): Promise<Database> {
  const SQL = await sqlJs();
  let bytes: Uint8Array | undefined;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    if (code !== 'ENOENT' || mustExist)
      throw new ConnectorError(
        code === 'ENOENT'
          ? said('source.missing/sqlite-none', { file: path })
          : said('source.missing/sqlite', { file: path, detail: String(e) }),
        { param: 'path', file: path },
      );
  }
  try {
    const db = new SQL.Database(bytes ?? null);
    // Reading a page proves it is a database (sql.js opens anything lazily).
    db.exec('SELECT count(*) FROM sqlite_master');
    return db;
  } catch (e) {
    throw new ConnectorError(
      said('source.malformed/sqlite', { file: path, detail: e instanceof Error ? e.message : String(e) }),
      { param: 'path', file: path },
    );
  }
}

/** Prepares exactly one statement: text after it (`; DROP TABLE …`) is refused, not silently ignored. */
export function prepareOne(db: Database, sql: string): Statement {
  const it = db.iterateStatements(sql);
  const first = it.next();
  if (first.done) throw new ConnectorError(said('sql.invalid/empty', {}));
  if (it.getRemainingSQL().trim().replace(/^;+/, '').trim() !== '') {
    first.value.free();
    throw new ConnectorError(said('sql.invalid/one', {}));
  }
  return first.value;
}

/** A row with 64-bit integers as bigint (sql.js's `useBigInt`, which its types do not declare). */
export function rowValues(stmt: Statement): ExternalValue[] {
  const row: unknown = Reflect.apply(stmt.get, stmt, [null, { useBigInt: true }]);
  if (!Array.isArray(row)) return [];
  return row.map((v: unknown): ExternalValue =>
    typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string' || v instanceof Uint8Array ? v : null,
  );
}

/** Binds values: bigints as text (SQLite's integer affinity makes them integers again), booleans as 0/1. */
export function bindValues(stmt: Statement, values: readonly ExternalValue[]): void {
  stmt.bind(
    values.map((v) =>
      typeof v === 'bigint'
        ? v.toString()
        : typeof v === 'boolean'
          ? v
            ? 1
            : 0
          : v instanceof Date
            ? v.toISOString()
            : v,
    ),
  );
}

export function sqliteError(e: unknown, file: string, what: string, param: string): ConnectorError {
  if (e instanceof ConnectorError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  const failed = { what, file, detail: raw };
  const s = /no such (table|column)/.test(raw)
    ? said('source.missing/query', failed)
    : /syntax error|incomplete input/.test(raw)
      ? said('sql.invalid/query', failed)
      : said('database.error/query', failed);
  return new ConnectorError(s, { param, file });
}
