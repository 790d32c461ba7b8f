import type { ClickHouseClient } from '@clickhouse/client';
import type { Column } from '../../../../shared/catalog/node-type';
import { DB_SOURCE_CONFIG, type DbSourceConfig } from '../../../../shared/external/database';
import type { ResolvedConnection } from '../../connections/resolved';
import type { ConnectorSource, SourceContext } from '../../external/connector';
import type { ExternalValue, RowBatch } from '../../external/types';
import { CLICKHOUSE } from '../sql/dialect';
import { requireConnection, type ServerAction } from '../sql/server-errors';
import { buildSelect, readAction, readParam } from '../sql/select';
import { READ_ONLY, clickhouseClient, clickhouseQueryError, killQuery, literal, newQueryId } from './ch-connect';
import { parseTsvLine } from './ch-tsv';
import { describeClickhouseType, isDateTime, type ClickhouseValueKind } from './ch-types';

/**
 * Reads a ClickHouse table (a Distributed one reads every shard) or a query.
 * The columns come from a `LIMIT 0` of the same statement; rows stream as
 * TSV, one HTTP response read as DuckDB takes the batches (the socket is
 * not read ahead, so memory holds a batch). Every statement runs with
 * readonly=2: the server refuses any write, and one request is one
 * statement. DateTime columns are selected as UTC text, so they arrive as
 * the instants they are (TIMESTAMPTZ) whatever the server's time zone.
 */

const BATCH_ROWS = 5000;
const HEADER_LINES = 2;

interface Shape {
  columns: Column[];
  /** The ClickHouse types, as the server names them. */
  types: string[];
  kinds: ClickhouseValueKind[];
}

/** A watermark on a DateTime is text like `2024-05-01 10:00:00+00`: the server parses it. */
const watermarkExpr = (col: string, placeholder: string, kind: 'timestamp' | 'id'): string =>
  kind === 'timestamp' ? `${col} > parseDateTimeBestEffort(${placeholder})` : `${col} > ${placeholder}`;

export class ClickhouseSource implements ConnectorSource {
  private readonly config: DbSourceConfig;
  private readonly connection: ResolvedConnection;
  private shape: Shape | undefined;

  constructor(private readonly ctx: SourceContext) {
    this.config = DB_SOURCE_CONFIG.parse(ctx.config);
    this.connection = requireConnection(ctx.connection, 'clickhouse');
  }

  private select(limit?: number): string {
    return buildSelect(CLICKHOUSE, this.config.read, {
      incremental: this.ctx.incremental,
      watermarkExpr,
      literal,
      ...(limit === undefined ? {} : { limit }),
    }).sql;
  }

  private what(): ServerAction {
    return readAction(this.config.read);
  }

  async columns(signal: AbortSignal): Promise<Column[]> {
    return (await this.describe(signal)).columns;
  }

  private async describe(signal: AbortSignal): Promise<Shape> {
    if (this.shape !== undefined) return this.shape;
    const client = await clickhouseClient(this.connection);
    try {
      const header: string[][] = [];
      for await (const line of this.lines(client, this.select(0), signal)) {
        header.push(parseTsvLine(line).map((v) => v ?? ''));
        if (header.length === HEADER_LINES) break;
      }
      const names = header[0] ?? [];
      const types = header[1] ?? [];
      const described = types.map(describeClickhouseType);
      this.shape = {
        columns: names.map((name, i) => ({ name, type: described[i]?.type ?? 'VARCHAR' })),
        types,
        kinds: described.map((d) => d.kind),
      };
      return this.shape;
    } catch (e) {
      signal.throwIfAborted();
      throw clickhouseQueryError(this.connection, e, this.what(), readParam(this.config.read));
    } finally {
      await client.close();
    }
  }

  /** The statement's TabSeparatedWithNamesAndTypes lines, as the server sends them. */
  private async *lines(client: ClickHouseClient, sql: string, signal: AbortSignal): AsyncIterable<string> {
    const queryId = newQueryId();
    const onAbort = (): void => void killQuery(this.connection, queryId);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await client.query({
        query: sql,
        format: 'TabSeparatedWithNamesAndTypes',
        query_id: queryId,
        abort_signal: signal,
        clickhouse_settings: READ_ONLY,
      });
      for await (const rows of result.stream()) {
        for (const row of rows) yield row.text;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async *rows(options: { limit?: number; signal: AbortSignal }): AsyncIterable<RowBatch> {
    const { signal } = options;
    const shape = await this.describe(signal);
    // DateTime as UTC text whatever the server's (or the column's) time zone: the instant, not a wall clock.
    const list = shape.columns
      .map((c, i) => {
        const col = CLICKHOUSE.ident(c.name);
        return isDateTime(shape.types[i] ?? '') ? `toString(${col}, 'UTC') AS ${col}` : col;
      })
      .join(', ');
    const sql = `SELECT ${list} FROM (\n${this.select(options.limit)}\n)`;
    const client = await clickhouseClient(this.connection);
    try {
      let skipped = 0;
      let batch: RowBatch = [];
      for await (const line of this.lines(client, sql, signal)) {
        if (skipped < HEADER_LINES) {
          skipped++;
          continue;
        }
        const fields = parseTsvLine(line);
        if (fields.length !== shape.columns.length || SERVER_EXCEPTION.test(line)) throw new Error(line);
        batch.push(fields.map((v, i) => toValue(v, shape.kinds[i] ?? 'text')));
        if (batch.length >= BATCH_ROWS) {
          signal.throwIfAborted();
          yield batch;
          batch = [];
        }
      }
      signal.throwIfAborted();
      if (batch.length > 0) yield batch;
    } catch (e) {
      signal.throwIfAborted();
      throw clickhouseQueryError(this.connection, e, this.what(), readParam(this.config.read));
    } finally {
      await client.close();
    }
  }

  async close(): Promise<void> {
    this.shape = undefined;
  }
}

/**
 * An error after the first rows: the HTTP status (200) is long sent, so the
 * server writes its exception into the body as a last line. Such a line, or
 * one with the wrong number of fields, fails the read instead of passing as data.
 */
const SERVER_EXCEPTION = /^Code: \d+[,.] (?:e\.displayText\(\) = )?DB::Exception/;

/** `0000-00-00` is how ClickHouse prints its day 0 (1970-01-01), not a missing date. */
const ZERO_DATE = /^0000-00-00/;

function toValue(v: string | null, kind: ClickhouseValueKind): ExternalValue {
  if (v === null) return null;
  switch (kind) {
    case 'date':
      return v.replace(ZERO_DATE, '1970-01-01');
    case 'utc':
      return `${v.replace(ZERO_DATE, '1970-01-01')}+00`;
    case 'float':
      // DuckDB reads inf/-inf/nan as text; ClickHouse prints them in lower case.
      return v;
    case 'bool':
      return v === 'true' || v === '1';
    case 'text':
      return v;
  }
}
