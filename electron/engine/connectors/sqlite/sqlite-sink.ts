import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from 'sql.js';
import type { Column } from '../../../../shared/catalog/node-type';
import { DB_SINK_CONFIG, type DbSinkConfig } from '../../../../shared/external/database';
import { commitTemp, discardTemp, prepareTemp, sweepOrphans, tempTargetFor } from '../../sinks/atomic-sink';
import type { ConnectorSink, SinkContext } from '../../external/connector';
import type { ExternalValue, RowBatch } from '../../external/types';
import { SQLITE } from '../sql/dialect';
import { checkTarget, type TargetTable } from '../sql/target-checks';
import { createStateTable, selectState, stateRow, upsertState } from '../sql/load-state-sql';
import { LOAD_STATE_TABLE, type LoadStateWrite, type StoredState } from '../../external/load-state';
import { failpoint } from '../../session/failpoints';
import { bindValues, openSqliteFile, sqliteError } from './sqlite-file';
import { sqliteTypeOf } from './sqlite-types';

/**
 * Writes a table of a SQLite file: the database is loaded in memory, changed
 * in one transaction, then written to a temporary file in the same folder,
 * fsynced and renamed over the original — like the file sinks, a failed or
 * cancelled run leaves the file as it was. Rows go in as multi-row INSERTs.
 */

const ident = SQLITE.ident;
/** SQLite binds at most 32766 parameters per statement. */
const MAX_PARAMS = 32766;
const MAX_ROWS_PER_INSERT = 500;

export class SqliteSink implements ConnectorSink {
  private readonly config: DbSinkConfig;
  private readonly loadState: LoadStateWrite | undefined;

  constructor(ctx: SinkContext) {
    this.config = DB_SINK_CONFIG.parse(ctx.config);
    this.loadState = ctx.loadState !== undefined && ctx.loadState.entries.length > 0 ? ctx.loadState : undefined;
  }

  /** The watermark committed with the rows of an earlier run, and whether the target holds data. */
  async storedState(pipelineId: string, nodeId: string, signal: AbortSignal): Promise<StoredState> {
    signal.throwIfAborted();
    const db = await openSqliteFile(this.file, false);
    try {
      const found = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE", [
        this.config.table,
      ])[0]?.values[0]?.[0];
      const targetHasRows =
        found !== undefined && found !== null && db.exec(`SELECT 1 FROM ${ident(String(found))} LIMIT 1`).length > 0;
      const hasState =
        db.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [LOAD_STATE_TABLE]).length > 0;
      const entry = hasState
        ? stateRow(db.exec(selectState(SQLITE, ''), [pipelineId, nodeId])[0]?.values ?? [])
        : undefined;
      return { entry, targetHasRows, where: `${LOAD_STATE_TABLE} in ${this.file}` };
    } finally {
      db.close();
    }
  }

  private get file(): string {
    return this.config.path;
  }

  /** The database file is read, changed and replaced whole: runs hold its lock file meanwhile, or one run's rows would be lost. */
  targetFile(): string {
    return this.config.path;
  }

  async check(columns: readonly Column[], signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const db = await openSqliteFile(this.file, false);
    try {
      checkTarget(this.config, columns, inspect(db, this.config.table), this.file, true);
    } finally {
      db.close();
    }
  }

  async write(
    columns: readonly Column[],
    batches: AsyncIterable<RowBatch>,
    signal: AbortSignal,
  ): Promise<{ rows: number }> {
    const c = this.config;
    // What killed runs left beside the file, as file sinks do.
    sweepOrphans(dirname(this.file));
    const db = await openSqliteFile(this.file, false);
    const temp = tempTargetFor(this.file, false);
    try {
      const existing = inspect(db, c.table);
      checkTarget(c, columns, existing, this.file, true);
      db.run('BEGIN');
      const defs = columns.map((col) => `${ident(col.name)} ${sqliteTypeOf(col)}`);
      const keys = c.keyColumns.map(ident).join(', ');
      let into = ident(c.table);
      if (c.mode === 'replace') {
        into = ident(`${c.table}__duto_staging`);
        db.run(`DROP TABLE IF EXISTS ${into}`);
        db.run(`CREATE TABLE ${into} (${defs.join(', ')})`);
      } else if (!existing.exists) {
        db.run(
          `CREATE TABLE ${into} (${(c.mode === 'upsert' ? [...defs, `PRIMARY KEY (${keys})`] : defs).join(', ')})`,
        );
      }
      const rows = await insertAll(db, into, columns, batches, signal, c.mode === 'upsert' ? c.keyColumns : undefined);
      if (c.mode === 'replace') {
        db.run(`DROP TABLE IF EXISTS ${ident(c.table)}`);
        db.run(`ALTER TABLE ${into} RENAME TO ${ident(c.table)}`);
      }
      // The watermark lives in the same file, in the same transaction: one rename commits both.
      if (this.loadState !== undefined) {
        db.run(createStateTable(SQLITE, ''));
        for (const [sql, values] of upsertState(SQLITE, '', this.loadState, new Date().toISOString()))
          db.run(sql, values.map(String));
      }
      signal.throwIfAborted();
      db.run('COMMIT');
      prepareTemp(temp);
      writeFileSync(temp.temp, db.export());
      failpoint('commit.before');
      commitTemp(temp);
      failpoint('commit.after');
      return { rows };
    } catch (e) {
      discardTemp(temp);
      signal.throwIfAborted();
      throw sqliteError(e, this.file, `cannot write table ${c.table}`, 'table');
    } finally {
      db.close();
    }
  }
}

function inspect(db: Database, table: string): TargetTable {
  const found = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE", [table])[0]
    ?.values[0]?.[0];
  if (found === undefined || found === null) return { exists: false, columns: [], uniqueKeys: [] };
  const name = ident(String(found));
  const info = db.exec(`PRAGMA table_info(${name})`)[0]?.values ?? [];
  const columns = info.map((r) => String(r[1]));
  const pk = info
    .filter((r) => Number(r[5]) > 0)
    .sort((a, b) => Number(a[5]) - Number(b[5]))
    .map((r) => String(r[1]));
  const uniqueKeys: string[][] = pk.length > 0 ? [pk] : [];
  for (const idx of db.exec(`PRAGMA index_list(${name})`)[0]?.values ?? []) {
    if (Number(idx[2]) !== 1) continue;
    uniqueKeys.push((db.exec(`PRAGMA index_info(${ident(String(idx[1]))})`)[0]?.values ?? []).map((r) => String(r[2])));
  }
  return { exists: true, columns, uniqueKeys };
}

async function insertAll(
  db: Database,
  into: string,
  columns: readonly Column[],
  batches: AsyncIterable<RowBatch>,
  signal: AbortSignal,
  keys: readonly string[] | undefined,
): Promise<number> {
  const names = columns.map((c) => ident(c.name)).join(', ');
  const one = `(${columns.map(() => '?').join(', ')})`;
  const rest =
    keys === undefined
      ? []
      : columns.filter((c) => !keys.includes(c.name)).map((c) => `${ident(c.name)} = excluded.${ident(c.name)}`);
  const tail =
    keys === undefined
      ? ''
      : ` ON CONFLICT (${keys.map(ident).join(', ')}) ${rest.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${rest.join(', ')}`}`;
  const perInsert = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMS / Math.max(1, columns.length))));
  const sqlFor = (n: number): string =>
    `INSERT INTO ${into} (${names}) VALUES ${Array.from({ length: n }, () => one).join(', ')}${tail}`;
  const full = db.prepare(sqlFor(perInsert));
  let pending: ExternalValue[] = [];
  let count = 0;
  let rows = 0;
  try {
    for await (const batch of batches) {
      signal.throwIfAborted();
      for (const row of batch) {
        for (const v of row) pending.push(v);
        count++;
        if (count === perInsert) {
          bindValues(full, pending);
          full.step();
          full.reset();
          rows += count;
          pending = [];
          count = 0;
        }
      }
    }
    if (count > 0) {
      const last = db.prepare(sqlFor(count));
      try {
        bindValues(last, pending);
        last.step();
      } finally {
        last.free();
      }
      rows += count;
    }
  } finally {
    full.free();
  }
  return rows;
}
