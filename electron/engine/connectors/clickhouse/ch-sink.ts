import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Column } from '../../../../shared/catalog/node-type';
import { DB_SINK_CONFIG, type DbSinkConfig } from '../../../../shared/external/database';
import { said } from '../../../../shared/messages/diagnostic-messages';
import type { ResolvedConnection } from '../../connections/resolved';
import type { ConnectorSink, SinkContext } from '../../external/connector';
import { ConnectorError, type RowBatch } from '../../external/types';
import { failpoint } from '../../session/failpoints';
import { CLICKHOUSE, displayName, qualified } from '../sql/dialect';
import { requireConnection } from '../sql/server-errors';
import { isStaleStaging, runToken, stagingTable } from '../sql/staging';
import { checkTarget, type TargetTable } from '../sql/target-checks';
import { clickhouseClient, clickhouseQueryError, killQuery, literal, newQueryId } from './ch-connect';
import { parseTsvLine } from './ch-tsv';
import { clickhouseTypeOf } from './ch-types';
import { rowEncoder } from './ch-values';

/**
 * Writes rows to a ClickHouse table. ClickHouse has no transactions, so the
 * rows first go into a staging MergeTree table beside the target: a failure
 * or a cancel while they are sent (the long part) drops it and leaves the
 * target untouched. Then, in one statement on the server:
 * - create (and append to a missing table): `RENAME TABLE stage TO target`;
 * - replace: `RENAME TABLE target TO old, stage TO target`, both names
 *   swapped under the server's DDL lock (readers see the old table or the
 *   new one), then the old one dropped;
 * - append: `INSERT INTO target SELECT … FROM stage`. ClickHouse commits an
 *   insert block by block (about a million rows each), so only a server
 *   crash during that copy could leave part of the rows.
 * New tables are `MergeTree ORDER BY tuple()` with Nullable columns.
 */

interface Existing extends TargetTable {
  engine: string;
}

export class ClickhouseSink implements ConnectorSink {
  private readonly config: DbSinkConfig;
  private readonly connection: ResolvedConnection;

  constructor(ctx: SinkContext) {
    this.config = DB_SINK_CONFIG.parse(ctx.config);
    this.connection = requireConnection(ctx.connection, 'clickhouse');
  }

  private get name(): string {
    return displayName(this.config.schema, this.config.table);
  }

  /** The database as SQL: the one named, or the connection's. */
  private get database(): string {
    return this.config.schema === '' ? 'currentDatabase()' : literal(this.config.schema);
  }

  private at(table: string): string {
    return qualified(CLICKHOUSE, this.config.schema, table);
  }

  async check(columns: readonly Column[], signal: AbortSignal): Promise<void> {
    const client = await clickhouseClient(this.connection);
    try {
      this.refuse(columns, await this.inspect(client, signal));
    } catch (e) {
      throw clickhouseQueryError(this.connection, e, { action: 'write-table', table: this.name }, 'table');
    } finally {
      await client.close();
    }
  }

  private refuse(columns: readonly Column[], existing: Existing): void {
    const c = this.config;
    if (c.mode === 'upsert')
      throw new ConnectorError(said('sink.key/clickhouse', { table: this.name, where: this.connection.label }), {
        param: 'mode',
      });
    checkTarget(c, columns, existing, this.connection.label);
    if (existing.exists && c.mode === 'replace' && existing.engine === 'Distributed')
      throw new ConnectorError(
        said('sink.non-transactional/clickhouse-distributed', { table: this.name, name: this.connection.label }),
        { param: 'mode' },
      );
  }

  async write(
    columns: readonly Column[],
    batches: AsyncIterable<RowBatch>,
    signal: AbortSignal,
  ): Promise<{ rows: number }> {
    const c = this.config;
    const client = await clickhouseClient(this.connection);
    const target = this.at(c.table);
    const token = runToken();
    const stageName = stagingTable(CLICKHOUSE, 'stage', c.table, token);
    const stage = this.at(stageName);
    let staged = false;
    try {
      await this.sweepStaging(client, signal);
      const existing = await this.inspect(client, signal);
      this.refuse(columns, existing);
      const names = columns.map((col) => CLICKHOUSE.ident(col.name));
      const append = c.mode === 'append' && existing.exists;
      // An append stages with the target's own column types, so the final copy converts nothing.
      const definition = append
        ? `ENGINE = MergeTree ORDER BY tuple() AS SELECT ${names.join(', ')} FROM ${target} WHERE 0`
        : `(${columns.map((col) => `${CLICKHOUSE.ident(col.name)} ${clickhouseTypeOf(col)}`).join(', ')}) ENGINE = MergeTree ORDER BY tuple()`;
      await this.command(client, `CREATE TABLE ${stage} ${definition}`, signal);
      staged = true;
      const rows = await this.insertAll(client, stage, names, columns, batches, signal);
      signal.throwIfAborted();
      failpoint('commit.before');
      if (append) {
        // A Distributed target writes to its shards before answering, so a failure is reported, not queued.
        await this.command(
          client,
          `INSERT INTO ${target} (${names.join(', ')}) SELECT ${names.join(', ')} FROM ${stage}`,
          signal,
          { insert_distributed_sync: '1' },
        );
        await this.command(client, `DROP TABLE IF EXISTS ${stage}`, signal);
      } else if (c.mode === 'replace' && existing.exists) {
        const old = this.at(stagingTable(CLICKHOUSE, 'old', c.table, token));
        await this.command(client, `RENAME TABLE ${target} TO ${old}, ${stage} TO ${target}`, signal);
        staged = false;
        await this.command(client, `DROP TABLE IF EXISTS ${old}`, signal);
      } else {
        await this.command(client, `RENAME TABLE ${stage} TO ${target}`, signal);
      }
      staged = false;
      failpoint('commit.after');
      return { rows };
    } catch (e) {
      if (staged) await this.dropQuietly(stage);
      signal.throwIfAborted();
      throw clickhouseQueryError(this.connection, e, { action: 'write-table', table: this.name }, 'table');
    } finally {
      await client.close();
    }
  }

  /** One statement, stopped on the server if the run is cancelled. */
  private async command(
    client: ClickHouseClient,
    sql: string,
    signal: AbortSignal,
    settings: Record<string, string> = {},
  ): Promise<void> {
    const queryId = newQueryId();
    const onAbort = (): void => void killQuery(this.connection, queryId);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await client.command({ query: sql, query_id: queryId, abort_signal: signal, clickhouse_settings: settings });
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** A small answer (catalog lookups), as TSV: the one format every ClickHouse version speaks. */
  private async query(client: ClickHouseClient, sql: string, signal: AbortSignal): Promise<string[][]> {
    const result = await client.query({ query: sql, format: 'TabSeparated', abort_signal: signal });
    const text = await result.text();
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => parseTsvLine(line).map((v) => v ?? ''));
  }

  /** The rows as TSV, streamed: one HTTP request, fed as DuckDB hands over batches. */
  private async insertAll(
    client: ClickHouseClient,
    into: string,
    names: readonly string[],
    columns: readonly Column[],
    batches: AsyncIterable<RowBatch>,
    signal: AbortSignal,
  ): Promise<number> {
    const encode = rowEncoder(columns);
    let rows = 0;
    let failure: unknown;
    async function* body(): AsyncIterable<Buffer> {
      try {
        for await (const batch of batches) {
          signal.throwIfAborted();
          yield Buffer.concat(batch.map(encode));
          rows += batch.length;
        }
      } catch (e) {
        // A value refused on Duto's side: the request is cut, and this error, not the broken pipe's, is reported.
        failure = e;
        throw e;
      }
    }
    const queryId = newQueryId();
    const onAbort = (): void => void killQuery(this.connection, queryId);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await client.insert({
        table: into,
        columns: [names[0] ?? '', ...names.slice(1)],
        values: Readable.from(body(), { objectMode: false }),
        format: 'TabSeparated',
        query_id: queryId,
        abort_signal: signal,
      });
    } catch (e) {
      throw failure ?? e;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (failure !== undefined) throw failure;
    return rows;
  }

  private async inspect(client: ClickHouseClient, signal: AbortSignal): Promise<Existing> {
    const table = literal(this.config.table);
    const found = await this.query(
      client,
      `SELECT engine FROM system.tables WHERE database = ${this.database} AND name = ${table}`,
      signal,
    );
    const engine = found[0]?.[0];
    if (engine === undefined) return { exists: false, columns: [], uniqueKeys: [], engine: '' };
    const cols = await this.query(
      client,
      `SELECT name FROM system.columns WHERE database = ${this.database} AND table = ${table}`,
      signal,
    );
    return { exists: true, columns: cols.map((r) => r[0] ?? ''), uniqueKeys: [], engine };
  }

  /** Staging tables of this target that dead runs left (a kill between CREATE and RENAME): dropped before loading. */
  private async sweepStaging(client: ClickHouseClient, signal: AbortSignal): Promise<string[]> {
    const stale = await this.staleStaging(client, signal);
    for (const name of stale) await this.command(client, `DROP TABLE IF EXISTS ${this.at(name)}`, signal);
    return stale;
  }

  private async staleStaging(client: ClickHouseClient, signal: AbortSignal): Promise<string[]> {
    const found = await this.query(
      client,
      `SELECT name FROM system.tables WHERE database = ${this.database} AND substring(name, 1, 7) = '__duto_'`,
      signal,
    );
    return found.map((r) => r[0] ?? '').filter((name) => isStaleStaging(name, this.config.table));
  }

  /** `duto clean`: the staging tables of this target that runs which are over left; dropped when asked. */
  async leftovers(remove: boolean, signal: AbortSignal): Promise<{ found: string[]; removed: string[] }> {
    const client = await clickhouseClient(this.connection);
    try {
      const show = (name: string): string => `${displayName(this.config.schema, name)} (${this.connection.label})`;
      if (!remove) return { found: (await this.staleStaging(client, signal)).map(show), removed: [] };
      const removed = (await this.sweepStaging(client, signal)).map(show);
      return { found: removed, removed };
    } catch (e) {
      throw clickhouseQueryError(this.connection, e, { action: 'staging', table: this.name }, 'table');
    } finally {
      await client.close();
    }
  }

  /** A failed or cancelled load's staging table, dropped on a client of its own (the run's signal may be aborted). */
  private async dropQuietly(stage: string): Promise<void> {
    const client = await clickhouseClient(this.connection);
    try {
      await client.command({ query: `DROP TABLE IF EXISTS ${stage}`, abort_signal: AbortSignal.timeout(10_000) });
    } catch {
      // The server is gone: the next run's sweep drops it.
    } finally {
      await client.close();
    }
  }
}
