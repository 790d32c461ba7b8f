import type { Database } from 'sql.js';
import type { Column } from '../../../../shared/catalog/node-type';
import { DB_SOURCE_CONFIG, type DbSourceConfig } from '../../../../shared/external/database';
import type { ConnectorSource, SourceContext } from '../../external/connector';
import { ConnectorError, type RowBatch } from '../../external/types';
import { SQLITE } from '../sql/dialect';
import { buildSelect, readParam, type BuiltSelect } from '../sql/select';
import { bindValues, openSqliteFile, prepareOne, rowValues, sqliteError } from './sqlite-file';
import { duckTypeOfSqlite, inferType } from './sqlite-types';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * Reads a table or a query from a SQLite file. Columns come from the
 * declared types of a temporary view over the statement (no data read),
 * except undeclared ones, typed from their first 100 values.
 */

const BATCH_ROWS = 5000;
const INFER_ROWS = 100;

/** Timestamps compare as instants whatever their text form (ISO with T or a space). */
const watermarkExpr = (col: string, placeholder: string, kind: 'timestamp' | 'id'): string =>
  kind === 'timestamp' ? `julianday(${col}) > julianday(${placeholder})` : `${col} > ${placeholder}`;

/** A SQLite literal: text with quotes doubled (SQLite has no backslash escapes), integers as digits. */
function sqliteLiteral(v: string | bigint): string {
  if (typeof v === 'bigint') return v.toString();
  if (v.includes('\u0000')) throw new ConnectorError(said('sql.value', {}));
  return `'${v.replaceAll("'", "''")}'`;
}

export class SqliteSource implements ConnectorSource {
  private readonly config: DbSourceConfig;
  private db: Promise<Database> | undefined;
  private described: Column[] | undefined;

  constructor(private readonly ctx: SourceContext) {
    this.config = DB_SOURCE_CONFIG.parse(ctx.config);
  }

  private get file(): string {
    return this.config.path;
  }

  private get param(): string {
    return readParam(this.config.read);
  }

  private select(limit?: number): BuiltSelect {
    return buildSelect(SQLITE, this.config.read, {
      incremental: this.ctx.incremental,
      watermarkExpr,
      ...(limit === undefined ? {} : { limit }),
    });
  }

  private open(): Promise<Database> {
    this.db ??= openSqliteFile(this.file, true);
    return this.db;
  }

  async columns(signal: AbortSignal): Promise<Column[]> {
    if (this.described !== undefined) return this.described;
    const db = await this.open();
    signal.throwIfAborted();
    try {
      const q = this.select();
      prepareOne(db, q.sql).free();
      // Views take no parameters: the view is the same statement with its values as literals.
      const literal = buildSelect(SQLITE, this.config.read, {
        incremental: this.ctx.incremental,
        watermarkExpr,
        literal: sqliteLiteral,
      });
      db.run(`CREATE TEMP VIEW duto_describe AS ${literal.sql}`);
      let info: Array<{ name: string; declared: string }>;
      try {
        const r = db.exec('PRAGMA table_info(duto_describe)')[0];
        info = (r?.values ?? []).map((row) => ({ name: String(row[1]), declared: String(row[2] ?? '') }));
      } finally {
        db.run('DROP VIEW IF EXISTS duto_describe');
      }
      // A table's own declarations are exact; a view reports an undeclared column as BLOB, so those are checked against values.
      const read = this.config.read;
      const declared = new Map<string, string>();
      if (read.mode === 'table') {
        for (const row of db.exec(`PRAGMA table_xinfo(${SQLITE.ident(read.table)})`)[0]?.values ?? [])
          declared.set(String(row[1]), String(row[2] ?? ''));
      }
      const types = info.map((c) => {
        const d = read.mode === 'table' ? (declared.get(c.name) ?? c.declared) : c.declared;
        return read.mode === 'query' && d.toUpperCase() === 'BLOB' ? undefined : duckTypeOfSqlite(d);
      });
      if (types.some((t) => t === undefined)) {
        const sample = await this.sample(db, INFER_ROWS);
        info.forEach((_, i) => (types[i] ??= inferType(sample.map((row) => row[i] ?? null))));
      }
      this.described = info.map((c, i) => ({ name: c.name, type: types[i] ?? 'VARCHAR' }));
      return this.described;
    } catch (e) {
      throw sqliteError(e, this.file, `cannot read ${this.what()}`, this.param);
    }
  }

  private what(): string {
    const r = this.config.read;
    return r.mode === 'table' ? `table ${r.table}` : 'the query';
  }

  private async sample(db: Database, n: number): Promise<RowBatch> {
    const out: RowBatch = [];
    for await (const batch of this.read(db, n, new AbortController().signal)) out.push(...batch);
    return out;
  }

  async *rows(options: { limit?: number; signal: AbortSignal }): AsyncIterable<RowBatch> {
    const db = await this.open();
    try {
      yield* this.read(db, options.limit, options.signal);
    } catch (e) {
      options.signal.throwIfAborted();
      throw sqliteError(e, this.file, `cannot read ${this.what()}`, this.param);
    }
  }

  private async *read(db: Database, limit: number | undefined, signal: AbortSignal): AsyncIterable<RowBatch> {
    const q = this.select(limit);
    const stmt = prepareOne(db, q.sql);
    try {
      bindValues(stmt, q.params);
      let batch: RowBatch = [];
      while (stmt.step()) {
        batch.push(rowValues(stmt));
        if (batch.length >= BATCH_ROWS) {
          signal.throwIfAborted();
          yield batch;
          batch = [];
        }
      }
      signal.throwIfAborted();
      if (batch.length > 0) yield batch;
    } finally {
      stmt.free();
    }
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    this.described = undefined;
    if (db !== undefined) (await db.catch(() => undefined))?.close();
  }
}
