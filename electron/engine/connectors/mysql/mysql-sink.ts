import type mysql from 'mysql2';
import type { Column } from '../../../../shared/catalog/node-type';
import { DB_SINK_CONFIG, type DbSinkConfig } from '../../../../shared/external/database';
import type { ResolvedConnection } from '../../connections/resolved';
import type { ConnectorSink, SinkContext } from '../../external/connector';
import { duckType } from '../../external/duck-types';
import { ConnectorError, type ExternalValue, type RowBatch } from '../../external/types';
import { MYSQL, displayName, qualified } from '../sql/dialect';
import { isStaleStaging, runToken, stagingTable } from '../sql/staging';
import { requireConnection } from '../sql/server-errors';
import { checkTarget, type TargetTable } from '../sql/target-checks';
import type { LockSettings } from '../../locks/wait-lock';
import { lockMysqlTable } from './mysql-lock';
import { createStateTable, selectState, stateRow, upsertState } from '../sql/load-state-sql';
import { LOAD_STATE_TABLE, type LoadStateWrite, type StoredState } from '../../external/load-state';
import { failpoint } from '../../session/failpoints';
import { connectMysql, end, mysqlGuard, mysqlQueryError, run, stopMysql } from './mysql-connect';
import { mysqlTypeOf } from './mysql-types';
import { insertSelect, sameFamilies, upsertTail } from './mysql-elt';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * Writes rows to a MySQL/MariaDB table with multi-row INSERTs, all or
 * nothing. MySQL commits DDL implicitly, so a new table (create, replace,
 * append to a missing table) is loaded as a staging table in a transaction
 * and then swapped in with one atomic RENAME TABLE; appends and upserts to
 * an existing InnoDB table are one transaction. A failure or a cancel drops
 * the staging table or rolls back: the target is untouched.
 */

const ident = MYSQL.ident;
/** Engines whose tables roll back (ENGINE in information_schema.TABLES, lower case). */
const TRANSACTIONAL_ENGINES = new Set(['innodb', 'xtradb', 'rocksdb', 'tokudb', 'ndbcluster', 'ndb']);
/** Rows per INSERT, and roughly the bytes, well under max_allowed_packet's 16 MB default. */
const BATCH_ROWS = 2000;
const BATCH_BYTES = 4 * 1024 * 1024;

export class MysqlSink implements ConnectorSink {
  private readonly config: DbSinkConfig;
  private readonly connection: ResolvedConnection;
  private readonly lock: LockSettings | undefined;
  private readonly loadState: LoadStateWrite | undefined;

  constructor(ctx: SinkContext) {
    this.config = DB_SINK_CONFIG.parse(ctx.config);
    this.connection = requireConnection(ctx.connection, 'mysql');
    this.lock = ctx.lock;
    this.loadState = ctx.loadState !== undefined && ctx.loadState.entries.length > 0 ? ctx.loadState : undefined;
  }

  /** The watermark committed with the rows of an earlier run, and whether the target holds data. */
  async storedState(pipelineId: string, nodeId: string, signal: AbortSignal): Promise<StoredState> {
    const conn = await connectMysql(this.connection, signal);
    const c = this.config;
    try {
      const existing = await this.inspect(conn);
      const targetHasRows =
        existing.exists && (await run(conn, `SELECT 1 FROM ${qualified(MYSQL, c.schema, c.table)} LIMIT 1`)).length > 0;
      const has = await run(
        conn,
        "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(NULLIF(?, ''), DATABASE()) AND TABLE_NAME = ?",
        [c.schema, LOAD_STATE_TABLE],
      );
      const entry =
        has.length > 0 ? stateRow(await run(conn, selectState(MYSQL, c.schema), [pipelineId, nodeId])) : undefined;
      return { entry, targetHasRows, where: `${displayName(c.schema, LOAD_STATE_TABLE)} in ${this.connection.label}` };
    } catch (e) {
      throw mysqlQueryError(this.connection, e, { action: 'read-state', table: this.name }, 'table');
    } finally {
      await end(conn);
    }
  }

  /** Watermarks written in the current transaction (InnoDB): they commit with the rows. */
  private async writeState(conn: mysql.Connection): Promise<void> {
    if (this.loadState === undefined) return;
    for (const [sql, values] of upsertState(MYSQL, this.config.schema, this.loadState, new Date().toISOString()))
      await run(conn, sql, values);
  }

  private get name(): string {
    return displayName(this.config.schema, this.config.table);
  }

  async check(columns: readonly Column[], signal: AbortSignal): Promise<void> {
    const conn = await connectMysql(this.connection, signal);
    try {
      const existing = await this.inspect(conn);
      checkTarget(this.config, columns, existing, this.connection.label, true);
      this.checkEngine(existing);
    } catch (e) {
      throw mysqlQueryError(this.connection, e, { action: 'write-table', table: this.name }, 'table');
    } finally {
      await end(conn);
    }
  }

  write(columns: readonly Column[], batches: AsyncIterable<RowBatch>, signal: AbortSignal): Promise<{ rows: number }> {
    return this.load(
      columns,
      (conn, into, upsert) => this.insertAll(conn, into, columns, batches, signal, upsert),
      signal,
    );
  }

  /** ELT: the rows of `select` (a pushed part on this connection) written by the server, with the same tables and transaction as `write`. */
  writeSelect(columns: readonly Column[], select: string, signal: AbortSignal): Promise<{ rows: number }> {
    return this.load(
      columns,
      (conn, into, upsert) => insertSelect(conn, into, columns, select, upsert ? this.config.keyColumns : undefined),
      signal,
    );
  }

  /** ELT: whether the server's INSERT … SELECT lands values as `write` would (a new table always; an existing one by its column types). */
  async canWriteSelect(columns: readonly Column[], signal: AbortSignal): Promise<boolean> {
    const c = this.config;
    if (c.mode === 'create' || c.mode === 'replace') return true;
    const conn = await connectMysql(this.connection, signal);
    try {
      const found = await run(
        conn,
        "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(NULLIF(?, ''), DATABASE()) AND TABLE_NAME = ?",
        [c.schema, c.table],
      );
      const have = new Map<string, string>();
      for (const r of found) if (Array.isArray(r)) have.set(String(r[0]), String(r[1]));
      const keys = c.mode === 'upsert' ? c.keyColumns : [];
      return sameFamilies(have, new Map(columns.map((col) => [col.name, mysqlTypeOf(col, keys.includes(col.name))])));
    } catch {
      // The streamed load meets the same problem and reports it as it does today.
      return false;
    } finally {
      await end(conn);
    }
  }

  /** The load around `fill` (which puts the rows into a table and counts them): lock, checks, staging, state, commit and swap. */
  private async load(
    columns: readonly Column[],
    fill: (conn: mysql.Connection, into: string, upsert: boolean) => Promise<number>,
    signal: AbortSignal,
  ): Promise<{ rows: number }> {
    const conn = await connectMysql(this.connection, signal);
    const onAbort = stopMysql(conn, this.connection);
    signal.addEventListener('abort', onAbort, { once: true });
    const c = this.config;
    const target = qualified(MYSQL, c.schema, c.table);
    let staging: string | undefined;
    try {
      // One writer per table: taken before anything is written, gone with the connection.
      if (this.lock !== undefined)
        await lockMysqlTable(conn, c.schema, c.table, `${this.name} (${this.connection.label})`, this.lock, signal);
      await this.sweepStaging(conn);
      const existing = await this.inspect(conn);
      checkTarget(c, columns, existing, this.connection.label, true);
      this.checkEngine(existing);
      // With watermarks to commit, an append to a missing table creates it empty first (DDL commits on its own), so rows and state share one transaction.
      const direct = this.loadState !== undefined && (c.mode === 'append' || c.mode === 'upsert');
      if (direct && !existing.exists)
        await run(
          conn,
          `CREATE TABLE ${target} (${this.definitions(columns)}) ENGINE=InnoDB${await this.charset(conn)}`,
        );
      const fresh = c.mode === 'create' || c.mode === 'replace' || (!existing.exists && !direct);
      const token = runToken();
      const into = fresh
        ? qualified(MYSQL, c.schema, (staging = stagingTable(MYSQL, 'stage', c.table, token)))
        : target;
      if (fresh)
        await run(conn, `CREATE TABLE ${into} (${this.definitions(columns)}) ENGINE=InnoDB${await this.charset(conn)}`);
      if (this.loadState !== undefined) await run(conn, createStateTable(MYSQL, c.schema));
      await run(conn, 'START TRANSACTION');
      const rows = await fill(conn, into, c.mode === 'upsert');
      if (!fresh) await this.writeState(conn);
      signal.throwIfAborted();
      failpoint('commit.before');
      await run(conn, 'COMMIT');
      if (staging !== undefined) {
        if (c.mode === 'replace' && existing.exists) {
          const old = qualified(MYSQL, c.schema, stagingTable(MYSQL, 'old', c.table, token));
          // One statement swaps both names atomically: readers see the old table or the new one.
          await run(conn, `RENAME TABLE ${target} TO ${old}, ${into} TO ${target}`);
          staging = undefined;
          await run(conn, `DROP TABLE ${old}`);
        } else {
          await run(conn, `RENAME TABLE ${into} TO ${target}`);
          staging = undefined;
        }
        // RENAME commits on its own: a replace's state follows it (a replace read again writes the same table, so a kill in between doubles nothing).
        if (this.loadState !== undefined) {
          await run(conn, 'START TRANSACTION');
          await this.writeState(conn);
          await run(conn, 'COMMIT');
        }
      }
      failpoint('commit.after');
      return { rows };
    } catch (e) {
      // A stalled connection is gone (the server rolls back what it held); the staging table needs a connection of its own.
      if (!signal.aborted && mysqlGuard(conn)?.tripped !== true) {
        await run(conn, 'ROLLBACK').catch(() => undefined);
        if (staging !== undefined)
          await run(conn, `DROP TABLE IF EXISTS ${qualified(MYSQL, c.schema, staging)}`).catch(() => undefined);
      } else if (staging !== undefined) {
        await this.dropAfterCancel(qualified(MYSQL, c.schema, staging));
      }
      signal.throwIfAborted();
      throw mysqlQueryError(this.connection, e, { action: 'write-table', table: this.name }, 'table');
    } finally {
      signal.removeEventListener('abort', onAbort);
      await end(conn);
    }
  }

  /** Staging tables of this target that dead runs left (a kill between CREATE and RENAME): dropped before loading. */
  private async sweepStaging(conn: mysql.Connection): Promise<string[]> {
    const stale = await this.staleStaging(conn);
    for (const name of stale) await run(conn, `DROP TABLE IF EXISTS ${qualified(MYSQL, this.config.schema, name)}`);
    return stale;
  }

  private async staleStaging(conn: mysql.Connection): Promise<string[]> {
    const found = await run(
      conn,
      "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(NULLIF(?, ''), DATABASE()) AND (TABLE_NAME LIKE '\\_\\_duto\\_stage\\_%' OR TABLE_NAME LIKE '\\_\\_duto\\_old\\_%')",
      [this.config.schema],
    );
    return found
      .map((r) => (Array.isArray(r) ? String(r[0]) : ''))
      .filter((name) => isStaleStaging(name, this.config.table));
  }

  /** `duto clean`: the staging tables of this target that runs which are over left; dropped when asked, under the table's lock. */
  async leftovers(remove: boolean, signal: AbortSignal): Promise<{ found: string[]; removed: string[] }> {
    const conn = await connectMysql(this.connection, signal);
    try {
      const show = (name: string): string => `${displayName(this.config.schema, name)} (${this.connection.label})`;
      if (!remove) return { found: (await this.staleStaging(conn)).map(show), removed: [] };
      if (this.lock !== undefined)
        await lockMysqlTable(
          conn,
          this.config.schema,
          this.config.table,
          `${this.name} (${this.connection.label})`,
          this.lock,
          signal,
        );
      const removed = (await this.sweepStaging(conn)).map(show);
      return { found: removed, removed };
    } catch (e) {
      throw mysqlQueryError(this.connection, e, { action: 'staging', table: this.name }, 'table');
    } finally {
      await end(conn);
    }
  }

  /** A cancel or a stall destroyed the connection (rolling back what it held); the staging table needs a connection of its own. */
  private async dropAfterCancel(staging: string): Promise<void> {
    const conn = await connectMysql(this.connection, new AbortController().signal).catch(() => undefined);
    if (conn === undefined) return;
    await run(conn, `DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
    await end(conn);
  }

  /**
   * MyISAM, MEMORY, ARCHIVE, CSV… ignore ROLLBACK: an append or upsert that
   * fails halfway would leave half its rows. Refused unless the user opts in;
   * replace stays safe (a new InnoDB table swapped in by RENAME TABLE).
   */
  private checkEngine(existing: TargetTable & { engine?: string }): void {
    const c = this.config;
    if (!existing.exists || (c.mode !== 'append' && c.mode !== 'upsert') || c.allowNonAtomic === true) return;
    const engine = existing.engine ?? '';
    if (TRANSACTIONAL_ENGINES.has(engine.toLowerCase())) return;
    throw new ConnectorError(
      said('sink.non-transactional', { table: this.name, name: this.connection.label, engine, mode: c.mode }),
      { param: 'mode' },
    );
  }

  /** New tables take the database's own character set and collation when it holds any text (utf8mb4); utf8mb4 otherwise. */
  private async charset(conn: mysql.Connection): Promise<string> {
    const r = await run(
      conn,
      "SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = COALESCE(NULLIF(?, ''), DATABASE())",
      [this.config.schema],
    );
    const first = r[0];
    return Array.isArray(first) && String(first[0]) === 'utf8mb4' ? '' : ' DEFAULT CHARSET=utf8mb4';
  }

  private definitions(columns: readonly Column[]): string {
    const keys = this.config.mode === 'upsert' ? this.config.keyColumns : [];
    const defs = columns.map((col) => `${ident(col.name)} ${mysqlTypeOf(col, keys.includes(col.name))}`);
    if (keys.length > 0) defs.push(`PRIMARY KEY (${keys.map(ident).join(', ')})`);
    return defs.join(', ');
  }

  private async insertAll(
    conn: mysql.Connection,
    into: string,
    columns: readonly Column[],
    batches: AsyncIterable<RowBatch>,
    signal: AbortSignal,
    upsert: boolean,
  ): Promise<number> {
    const names = columns.map((col) => ident(col.name)).join(', ');
    const tail = upsert ? upsertTail(columns, this.config.keyColumns) : '';
    const sql = `INSERT INTO ${into} (${names}) VALUES ?${tail}`;
    const utc = columns.map((col) => duckType(col.type).family === 'timestamptz');
    let pending: unknown[][] = [];
    let bytes = 0;
    let rows = 0;
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      await run(conn, sql, [pending]);
      rows += pending.length;
      pending = [];
      bytes = 0;
    };
    for await (const batch of batches) {
      signal.throwIfAborted();
      for (const row of batch) {
        pending.push(row.map((v, i) => toParam(v, utc[i] === true)));
        bytes += approxBytes(row);
        if (pending.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
      }
    }
    await flush();
    return rows;
  }

  private async inspect(conn: mysql.Connection): Promise<TargetTable & { engine?: string }> {
    const c = this.config;
    const schema = "COALESCE(NULLIF(?, ''), DATABASE())";
    const t = await run(
      conn,
      `SELECT TABLE_TYPE, ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ${schema} AND TABLE_NAME = ?`,
      [c.schema, c.table],
    );
    const first = t[0];
    if (!Array.isArray(first)) return { exists: false, columns: [], uniqueKeys: [] };
    if (String(first[0]) !== 'BASE TABLE') throw new Error(`${this.name} is not a table (it is a view)`);
    const cols = await run(
      conn,
      `SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ${schema} AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      [c.schema, c.table],
    );
    const idx = await run(
      conn,
      `SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ${schema} AND TABLE_NAME = ? AND NON_UNIQUE = 0 ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
      [c.schema, c.table],
    );
    const keys = new Map<string, string[]>();
    for (const r of idx)
      if (Array.isArray(r)) keys.set(String(r[0]), [...(keys.get(String(r[0])) ?? []), String(r[1])]);
    return {
      exists: true,
      columns: cols.map((r) => (Array.isArray(r) ? String(r[0]) : '')),
      uniqueKeys: [...keys.values()],
      engine: String(first[1] ?? ''),
    };
  }
}

/** A value as mysql2 escapes it: bytes as a Buffer, UTC timestamps without their offset (the session is in UTC). */
function toParam(v: ExternalValue, utc: boolean): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (utc && typeof v === 'string') return v.replace(/[+-]\d\d(:?\d\d)?$/, '');
  return v;
}

function approxBytes(row: readonly ExternalValue[]): number {
  let n = 0;
  for (const v of row)
    n += typeof v === 'string' ? v.length * 2 + 4 : v instanceof Uint8Array ? v.byteLength * 2 + 4 : 12;
  return n;
}
