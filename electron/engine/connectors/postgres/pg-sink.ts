import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Column } from '../../../../shared/catalog/node-type';
import { DB_SINK_CONFIG, type DbSinkConfig } from '../../../../shared/external/database';
import type { ResolvedConnection } from '../../connections/resolved';
import type { ConnectorSink, SinkContext } from '../../external/connector';
import type { RowBatch } from '../../external/types';
import { csvBlocks } from '../sql/csv-text';
import { POSTGRES, displayName, qualified } from '../sql/dialect';
import { runToken, stagingTable } from '../sql/staging';
import { requireConnection } from '../sql/server-errors';
import { checkTarget, type TargetTable } from '../sql/target-checks';
import type { LockSettings } from '../../locks/wait-lock';
import { lockPgTable } from './pg-lock';
import { createStateTable, selectState, stateRow, stateTable, upsertState } from '../sql/load-state-sql';
import { LOAD_STATE_TABLE, type LoadStateWrite, type StoredState } from '../../external/load-state';
import { failpoint } from '../../session/failpoints';
import { connectPg, pgGuard, pgQueryError, stopPg } from './pg-connect';
import type { StallGuard } from '../sql/stall-guard';
import { pgTypeOf } from './pg-types';
import { insertSelect, sameFamilies } from './pg-elt';

/**
 * Writes rows to a PostgreSQL table in ONE transaction, loading with
 * `COPY … FROM STDIN` (CSV rendered by DuckDB). Replace loads a staging
 * table and swaps it in; upsert loads a temporary table and merges with
 * `INSERT … ON CONFLICT`. A failure or a cancel rolls everything back.
 */

const ident = POSTGRES.ident;

export class PostgresSink implements ConnectorSink {
  readonly csvBlobs = 'hex-prefixed';
  private readonly config: DbSinkConfig;
  private readonly connection: ResolvedConnection;
  private readonly lock: LockSettings | undefined;
  private readonly loadState: LoadStateWrite | undefined;

  constructor(ctx: SinkContext) {
    this.config = DB_SINK_CONFIG.parse(ctx.config);
    this.connection = requireConnection(ctx.connection, 'postgres');
    this.lock = ctx.lock;
    this.loadState = ctx.loadState;
  }

  /** The watermark committed with the rows of an earlier run, and whether the target holds data. */
  async storedState(pipelineId: string, nodeId: string, signal: AbortSignal): Promise<StoredState> {
    const client = await connectPg(this.connection, signal);
    const g = pgGuard(client, this.connection);
    const c = this.config;
    try {
      const existing = await this.inspect(client);
      const targetHasRows =
        existing.exists &&
        (await g.wait(client.query(`SELECT 1 FROM ${qualified(POSTGRES, c.schema, c.table)} LIMIT 1`))).rows.length > 0;
      const table = stateTable(POSTGRES, c.schema);
      const has = (
        await g.wait(client.query({ text: 'SELECT to_regclass($1) IS NOT NULL', values: [table], rowMode: 'array' }))
      ).rows[0];
      const entry =
        Array.isArray(has) && has[0] === true
          ? stateRow(
              (
                await g.wait(
                  client.query({
                    text: selectState(POSTGRES, c.schema),
                    values: [pipelineId, nodeId],
                    rowMode: 'array',
                  }),
                )
              ).rows,
            )
          : undefined;
      return { entry, targetHasRows, where: `${displayName(c.schema, LOAD_STATE_TABLE)} in ${this.connection.label}` };
    } catch (e) {
      throw pgQueryError(this.connection, e, { action: 'read-state', table: this.name }, 'table');
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private get name(): string {
    return displayName(this.config.schema, this.config.table);
  }

  async check(columns: readonly Column[], signal: AbortSignal): Promise<void> {
    const client = await connectPg(this.connection, signal);
    try {
      checkTarget(this.config, columns, await this.inspect(client), this.connection.label);
    } catch (e) {
      throw pgQueryError(this.connection, e, { action: 'write-table', table: this.name }, 'table');
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  write(columns: readonly Column[], batches: AsyncIterable<RowBatch>, signal: AbortSignal): Promise<{ rows: number }> {
    return this.writeCsv(columns, csvBlocks(batches), signal);
  }

  writeCsv(
    columns: readonly Column[],
    blocks: AsyncIterable<Uint8Array>,
    signal: AbortSignal,
  ): Promise<{ rows: number }> {
    return this.load(columns, (client, g, into, names) => copyInto(client, g, into, names, blocks, signal), signal);
  }

  /** ELT: the rows of `select` (a pushed part on this connection) written by the server, in the same transaction as a streamed load. */
  writeSelect(columns: readonly Column[], select: string, signal: AbortSignal): Promise<{ rows: number }> {
    return this.load(columns, (client, _g, into, names) => insertSelect(client, into, names, columns, select), signal);
  }

  /** ELT: whether the server's INSERT … SELECT lands values as `writeCsv` would (a new table always; an existing one by its column types). */
  async canWriteSelect(columns: readonly Column[], signal: AbortSignal): Promise<boolean> {
    const c = this.config;
    if (c.mode === 'create' || c.mode === 'replace') return true;
    const client = await connectPg(this.connection, signal);
    try {
      const wanted = new Map(columns.map((col) => [col.name, pgTypeOf(col)]));
      return await pgGuard(client, this.connection).wait(sameFamilies(client, c.schema, c.table, wanted));
    } catch {
      // The streamed load meets the same problem and reports it as it does today.
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** The load around `fill` (which puts the rows into a table and counts them): lock, checks, mode, state, one COMMIT. */
  private async load(columns: readonly Column[], fill: Fill, signal: AbortSignal): Promise<{ rows: number }> {
    const client = await connectPg(this.connection, signal);
    const g = pgGuard(client, this.connection);
    const onAbort = stopPg(client, this.connection);
    signal.addEventListener('abort', onAbort, { once: true });
    const c = this.config;
    const target = qualified(POSTGRES, c.schema, c.table);
    const names = columns.map((col) => ident(col.name)).join(', ');
    const defs = columns.map((col) => `${ident(col.name)} ${pgTypeOf(col)}`);
    try {
      // One writer per table: taken before anything is written, gone with the connection.
      if (this.lock !== undefined)
        await lockPgTable(client, c.schema, c.table, `${this.name} (${this.connection.label})`, this.lock, signal);
      await g.wait(client.query('BEGIN'));
      const existing = await this.inspect(client);
      checkTarget(c, columns, existing, this.connection.label);
      let rows: number;
      if (c.mode === 'create' || (c.mode === 'append' && !existing.exists)) {
        await g.wait(client.query(`CREATE TABLE ${target} (${defs.join(', ')})`));
        rows = await fill(client, g, target, names);
      } else if (c.mode === 'append') {
        rows = await fill(client, g, target, names);
      } else if (c.mode === 'replace') {
        const staging = stagingTable(POSTGRES, 'stage', c.table, runToken());
        const stagingQ = qualified(POSTGRES, c.schema, staging);
        await g.wait(client.query(`CREATE TABLE ${stagingQ} (${defs.join(', ')})`));
        rows = await fill(client, g, stagingQ, names);
        await g.wait(client.query(`DROP TABLE IF EXISTS ${target}`));
        await g.wait(client.query(`ALTER TABLE ${stagingQ} RENAME TO ${ident(c.table)}`));
      } else {
        const keys = c.keyColumns.map(ident).join(', ');
        if (!existing.exists)
          await g.wait(client.query(`CREATE TABLE ${target} (${[...defs, `PRIMARY KEY (${keys})`].join(', ')})`));
        const temp = ident(`duto_upsert_${randomBytes(4).toString('hex')}`);
        await g.wait(client.query(`CREATE TEMPORARY TABLE ${temp} (${defs.join(', ')}) ON COMMIT DROP`));
        rows = await fill(client, g, temp, names);
        const rest = columns
          .filter((col) => !c.keyColumns.includes(col.name))
          .map((col) => `${ident(col.name)} = EXCLUDED.${ident(col.name)}`);
        const action = rest.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${rest.join(', ')}`;
        // The merge is the server's own work and may rightly take long: bounded by statementTimeoutSeconds, not the no-progress timeout.
        await client.query(
          `INSERT INTO ${target} (${names}) SELECT ${names} FROM ${temp} ON CONFLICT (${keys}) ${action}`,
        );
      }
      // The watermark commits with the rows, or not at all (exactly once).
      if (this.loadState !== undefined && this.loadState.entries.length > 0) {
        await g.wait(client.query(createStateTable(POSTGRES, c.schema)));
        for (const [text, values] of upsertState(POSTGRES, c.schema, this.loadState, new Date().toISOString()))
          await g.wait(client.query({ text, values }));
      }
      signal.throwIfAborted();
      failpoint('commit.before');
      await g.wait(client.query('COMMIT'));
      failpoint('commit.after');
      return { rows };
    } catch (e) {
      if (!g.tripped) await g.wait(client.query('ROLLBACK')).catch(() => undefined);
      signal.throwIfAborted();
      throw pgQueryError(this.connection, e, { action: 'write-table', table: this.name }, 'table');
    } finally {
      signal.removeEventListener('abort', onAbort);
      await client.end().catch(() => undefined);
    }
  }

  /** Whether the target exists, its columns and its unique keys (from the catalog: no data read). */
  private async inspect(client: pg.Client): Promise<TargetTable> {
    const c = this.config;
    const g = pgGuard(client, this.connection);
    const where = `n.nspname = coalesce(nullif($1, ''), current_schema()) AND c.relname = $2`;
    const rel = await g.wait(
      client.query({
        text: `SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${where}`,
        values: [c.schema, c.table],
      }),
    );
    const kind: unknown = rel.rows[0]?.relkind;
    if (kind === undefined) return { exists: false, columns: [], uniqueKeys: [] };
    if (kind !== 'r' && kind !== 'p')
      throw new Error(`${this.name} is not a table (it is a view or another kind of relation)`);
    const cols = await g.wait(
      client.query({
        text: `SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${where} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
        values: [c.schema, c.table],
      }),
    );
    const keys = await g.wait(
      client.query({
        text: `SELECT array_agg(a.attname::text ORDER BY k.ord) AS cols FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
             WHERE ${where} AND i.indisunique AND i.indpred IS NULL GROUP BY i.indexrelid`,
        values: [c.schema, c.table],
      }),
    );
    return {
      exists: true,
      columns: cols.rows.map((r: { attname: unknown }) => String(r.attname)),
      uniqueKeys: keys.rows.map((r: { cols: unknown }) => (Array.isArray(r.cols) ? r.cols.map(String) : [])),
    };
  }
}

/** Puts the rows into `table` (its columns `names`), returning how many. */
type Fill = (client: pg.Client, g: StallGuard, table: string, names: string) => Promise<number>;

/** COPY … FROM STDIN, with backpressure; the server's error (a bad value, a duplicate key) surfaces as it happens. */
async function copyInto(
  client: pg.Client,
  g: StallGuard,
  table: string,
  names: string,
  blocks: AsyncIterable<Uint8Array>,
  signal: AbortSignal,
): Promise<number> {
  const { from: copyFrom } = await import('pg-copy-streams');
  const stream = client.query(copyFrom(`COPY ${table} (${names}) FROM STDIN WITH (FORMAT csv)`));
  let failure: unknown;
  const failed = new Promise<never>((_, reject) => {
    stream.on('error', (e) => {
      failure = e;
      reject(e);
    });
  });
  failed.catch(() => undefined);
  const finished = new Promise<void>((resolve) => stream.on('finish', () => resolve()));
  try {
    for await (const block of blocks) {
      if (failure !== undefined) throw failure;
      signal.throwIfAborted();
      // A write buffer that never drains is a server (or network) that stopped reading.
      if (!stream.write(block))
        await g.wait(Promise.race([new Promise<void>((resolve) => stream.once('drain', () => resolve())), failed]));
    }
  } catch (e) {
    // CopyFail ends the COPY on the server, so the connection can roll back.
    if (failure === undefined) {
      stream.destroy(e instanceof Error ? e : new Error(String(e)));
      await failed.catch(() => undefined);
    }
    throw e;
  }
  stream.end();
  await g.wait(Promise.race([finished, failed]));
  return stream.rowCount;
}
