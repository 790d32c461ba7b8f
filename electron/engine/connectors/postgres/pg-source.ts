import type pg from 'pg';
import type Cursor from 'pg-cursor';
import type { Column } from '../../../../shared/catalog/node-type';
import { DB_SOURCE_CONFIG, type DbSourceConfig } from '../../../../shared/external/database';
import type { ResolvedConnection } from '../../connections/resolved';
import type { ConnectorSource, SourceContext } from '../../external/connector';
import { ConnectorError, type CsvExport, type ExternalValue, type RowBatch } from '../../external/types';
import { POSTGRES } from '../sql/dialect';
import { requireConnection } from '../sql/server-errors';
import { buildSelect, readAction, readParam, type BuiltSelect } from '../sql/select';
import type { ServerAction } from '../sql/server-errors';
import { connectPg, pgGuard, pgQueryError, stopPg } from './pg-connect';
import { BYTEA_OID, duckTypeOfPg, isUnconstrainedNumeric } from './pg-types';
import { approximateWarnings } from '../sql/approximate-numbers';
import type { SourceWarning } from '../../external/types';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * A describe reads no row (`LIMIT 0`), but PostgreSQL still starts its executor for the plan it made: for a
 * pushed-down aggregate over millions of rows, JIT compiling and parallel workers took 0.6 s of a 5 ms answer
 * (measured on the canonical pipeline). For this transaction only (set_config's `true`), neither is used;
 * neither changes a column's type. Read from pg_settings, so a server without JIT (before 11) has nothing to set.
 */
const DESCRIBE_SETTINGS = `SELECT set_config(name, CASE name WHEN 'jit' THEN 'off' ELSE '0' END, true) FROM pg_settings WHERE name IN ('jit', 'max_parallel_workers_per_gather')`;

/**
 * Reads a PostgreSQL table or query. Design time: the columns come from a
 * `LIMIT 0` of the very statement (so a bad column or condition shows then),
 * and previews read `limit` rows through a server-side cursor. Runs export
 * with `COPY (…) TO STDOUT` as CSV, which DuckDB parses in bulk. Every read,
 * the `LIMIT 0` included, is one READ ONLY transaction, rolled back.
 */

const BATCH_ROWS = 5000;
/** Every value as the server's text: DuckDB casts it exactly. */
const TEXT_TYPES = {
  getTypeParser:
    () =>
    (value: string): string =>
      value,
};

interface Shape {
  columns: Column[];
  bytea: boolean[];
  /** Unconstrained numerics, read as DOUBLE (the source warns). */
  approximate: string[];
}

export class PostgresSource implements ConnectorSource {
  private readonly config: DbSourceConfig;
  private readonly connection: ResolvedConnection;
  private shape: Shape | undefined;

  constructor(private readonly ctx: SourceContext) {
    this.config = DB_SOURCE_CONFIG.parse(ctx.config);
    this.connection = requireConnection(ctx.connection, 'postgres');
  }

  private select(limit?: number, inline = false): BuiltSelect {
    const built = buildSelect(POSTGRES, this.config.read, {
      incremental: this.ctx.incremental,
      ...(limit === undefined ? {} : { limit }),
      ...(inline ? { literal: pgLiteral } : {}),
    });
    return { sql: built.sql, params: built.params.map(String) };
  }

  private get param(): string {
    return readParam(this.config.read);
  }

  async columns(signal: AbortSignal): Promise<Column[]> {
    return (await this.describe(signal)).columns;
  }

  private async describe(signal: AbortSignal): Promise<Shape> {
    if (this.shape !== undefined) return this.shape;
    const client = await connectPg(this.connection, signal);
    const g = pgGuard(client, this.connection);
    try {
      // Planning alone can run a function (an IMMUTABLE one is folded): in a READ ONLY transaction,
      // rolled back, one that writes or calls nextval() is refused, so a check never changes data.
      await g.wait(client.query(`BEGIN TRANSACTION READ ONLY; ${DESCRIBE_SETTINGS}`));
      const q = this.select(0);
      // A named statement goes through the extended protocol: one statement only.
      const r = await g.wait(
        client.query({
          name: `duto_describe_${String(Date.now())}`,
          text: q.sql,
          values: q.params,
          rowMode: 'array',
          types: TEXT_TYPES,
        }),
      );
      this.shape = {
        columns: r.fields.map((f) => ({ name: f.name, type: duckTypeOfPg(f.dataTypeID, f.dataTypeModifier) })),
        bytea: r.fields.map((f) => f.dataTypeID === BYTEA_OID),
        approximate: r.fields
          .filter((f) => isUnconstrainedNumeric(f.dataTypeID, f.dataTypeModifier))
          .map((f) => f.name),
      };
      return this.shape;
    } catch (e) {
      throw pgQueryError(this.connection, e, this.what(), this.param);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end().catch(() => undefined);
    }
  }

  warnings(): SourceWarning[] {
    return approximateWarnings(this.shape?.approximate ?? [], this.param);
  }

  private what(): ServerAction {
    return readAction(this.config.read);
  }

  async *rows(options: { limit?: number; signal: AbortSignal }): AsyncIterable<RowBatch> {
    const { signal } = options;
    const shape = await this.describe(signal);
    const client = await connectPg(this.connection, signal);
    const onAbort = stopPg(client, this.connection);
    signal.addEventListener('abort', onAbort, { once: true });
    let cursor: Cursor<unknown[]> | undefined;
    const g = pgGuard(client, this.connection);
    try {
      await g.wait(client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY'));
      const q = this.select(options.limit);
      const { default: CursorClass } = await import('pg-cursor');
      cursor = client.query(new CursorClass<unknown[]>(q.sql, q.params, { rowMode: 'array', types: TEXT_TYPES }));
      let left = options.limit ?? Infinity;
      while (left > 0) {
        const rows = await g.wait(cursor.read(Math.min(BATCH_ROWS, left)));
        signal.throwIfAborted();
        if (rows.length === 0) break;
        left -= rows.length;
        yield rows.map((r) => r.map((v, i) => toValue(v, shape.bytea[i] === true)));
      }
      await cursor.close();
      // A read has nothing to keep: rolled back, whatever the query did cannot survive it.
      await client.query('ROLLBACK');
    } catch (e) {
      signal.throwIfAborted();
      throw pgQueryError(this.connection, e, this.what(), this.param);
    } finally {
      signal.removeEventListener('abort', onAbort);
      await client.end().catch(() => undefined);
    }
  }

  async csv(signal: AbortSignal): Promise<CsvExport> {
    const shape = await this.describe(signal);
    const client = await connectPg(this.connection, signal);
    // COPY takes no parameters: values go in as literals (standard_conforming_strings is on for the session).
    const q = this.select(undefined, true);
    try {
      await pgGuard(client, this.connection).wait(
        client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY'),
      );
      const { to: copyTo } = await import('pg-copy-streams');
      const stream = client.query(copyTo(`COPY (${q.sql}) TO STDOUT WITH (FORMAT csv)`));
      return { decode: shape.bytea.map((b) => (b ? 'hex' : 'cast')), bytes: this.guarded(stream, client, signal) };
    } catch (e) {
      await client.end().catch(() => undefined);
      signal.throwIfAborted();
      throw pgQueryError(this.connection, e, this.what(), this.param);
    }
  }

  /** The COPY stream, ending the transaction and the connection whatever happens. */
  private async *guarded(
    stream: AsyncIterable<unknown> & { destroy(): void },
    client: pg.Client,
    signal: AbortSignal,
  ): AsyncIterable<Uint8Array> {
    const stop = stopPg(client, this.connection);
    const onAbort = (): void => {
      stream.destroy();
      stop();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const g = pgGuard(client, this.connection);
    try {
      for await (const chunk of g.iterate(stream)) {
        if (chunk instanceof Uint8Array) yield chunk;
      }
      await g.wait(client.query('ROLLBACK'));
    } catch (e) {
      signal.throwIfAborted();
      throw pgQueryError(this.connection, e, this.what(), this.param);
    } finally {
      signal.removeEventListener('abort', onAbort);
      await client.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.shape = undefined;
  }
}

function toValue(v: unknown, bytea: boolean): ExternalValue {
  if (v === null || v === undefined) return null;
  const s = String(v);
  return bytea ? Buffer.from(s.slice(2), 'hex') : s;
}

/** A string literal for a session with standard_conforming_strings on: quotes doubled, backslashes plain. */
export function pgLiteral(v: string | bigint): string {
  if (typeof v === 'bigint') return v.toString();
  if (v.includes('\u0000')) throw new ConnectorError(said('sql.value', {}));
  return `'${v.replaceAll("'", "''")}'`;
}
