import type mysql from 'mysql2';
import type { Column } from '../../../../shared/catalog/node-type';
import { DB_SOURCE_CONFIG, type DbSourceConfig } from '../../../../shared/external/database';
import type { ResolvedConnection } from '../../connections/resolved';
import type { ConnectorSource, SourceContext } from '../../external/connector';
import type { ExternalValue, RowBatch } from '../../external/types';
import { MYSQL } from '../sql/dialect';
import { requireConnection } from '../sql/server-errors';
import { buildSelect, readAction, readParam, type BuiltSelect } from '../sql/select';
import type { ServerAction } from '../sql/server-errors';
import { connectMysql, end, mysqlQueryError, run, mysqlGuard } from './mysql-connect';
import { describeMysqlField, type MysqlField, type MysqlValueKind } from './mysql-types';

/**
 * Reads a MySQL/MariaDB table or query, streaming rows (the connection is
 * paused while DuckDB catches up, so memory stays bounded). The columns come
 * from a `LIMIT 0` of the same statement. Every read, the `LIMIT 0`
 * included, runs in one READ ONLY transaction that is rolled back.
 */

const BATCH_ROWS = 5000;

interface Shape {
  columns: Column[];
  kinds: MysqlValueKind[];
}

/** Every value as raw bytes; converted per column below (text, bytes, booleans, bits). */
const rawBytes = (field: { buffer(): Buffer | null }): Buffer | null => field.buffer();

export class MysqlSource implements ConnectorSource {
  private readonly config: DbSourceConfig;
  private readonly connection: ResolvedConnection;
  private shape: Shape | undefined;

  constructor(private readonly ctx: SourceContext) {
    this.config = DB_SOURCE_CONFIG.parse(ctx.config);
    this.connection = requireConnection(ctx.connection, 'mysql');
  }

  private select(limit?: number): BuiltSelect {
    return buildSelect(MYSQL, this.config.read, {
      incremental: this.ctx.incremental,
      ...(limit === undefined ? {} : { limit }),
    });
  }

  private get param(): string {
    return readParam(this.config.read);
  }

  private what(): ServerAction {
    return readAction(this.config.read);
  }

  async columns(signal: AbortSignal): Promise<Column[]> {
    return (await this.describe(signal)).columns;
  }

  private async describe(signal: AbortSignal): Promise<Shape> {
    if (this.shape !== undefined) return this.shape;
    const conn = await connectMysql(this.connection, signal);
    try {
      // LIMIT 0 still runs a derived table's functions (NEXTVAL, one that writes): inside a READ ONLY
      // transaction, rolled back, the server refuses them instead, so a check never changes data.
      await run(conn, 'START TRANSACTION READ ONLY');
      const q = this.select(0);
      const fields = await new Promise<MysqlField[]>((resolve, reject) => {
        conn.query({ sql: q.sql, values: q.params, rowsAsArray: true }, (err, _rows, fs) => {
          if (err !== null) reject(err);
          else resolve((Array.isArray(fs) ? fs : []).map(toField));
        });
      });
      const described = fields.map(describeMysqlField);
      this.shape = {
        columns: fields.map((f, i) => ({ name: f.name, type: described[i]?.type ?? 'VARCHAR' })),
        kinds: described.map((d) => d.kind),
      };
      return this.shape;
    } catch (e) {
      throw mysqlQueryError(this.connection, e, this.what(), this.param);
    } finally {
      await run(conn, 'ROLLBACK').catch(() => undefined);
      await end(conn);
    }
  }

  async *rows(options: { limit?: number; signal: AbortSignal }): AsyncIterable<RowBatch> {
    const { signal } = options;
    const shape = await this.describe(signal);
    const conn = await connectMysql(this.connection, signal);
    const onAbort = (): void => conn.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await run(conn, 'START TRANSACTION READ ONLY');
      const q = this.select(options.limit);
      const stream = conn
        .query({ sql: q.sql, values: q.params, rowsAsArray: true, typeCast: rawBytes })
        .stream({ highWaterMark: BATCH_ROWS });
      let batch: RowBatch = [];
      const guard = mysqlGuard(conn);
      for await (const row of guard === undefined ? stream : guard.iterate<unknown>(stream)) {
        if (!Array.isArray(row)) continue;
        batch.push(row.map((v: unknown, i: number) => toValue(v, shape.kinds[i] ?? 'text')));
        if (batch.length >= BATCH_ROWS) {
          signal.throwIfAborted();
          yield batch;
          batch = [];
        }
      }
      signal.throwIfAborted();
      if (batch.length > 0) yield batch;
      // A read has nothing to keep: rolled back, whatever the query did cannot survive it.
      await run(conn, 'ROLLBACK');
    } catch (e) {
      signal.throwIfAborted();
      throw mysqlQueryError(this.connection, e, this.what(), this.param);
    } finally {
      signal.removeEventListener('abort', onAbort);
      await end(conn);
    }
  }

  async close(): Promise<void> {
    this.shape = undefined;
  }
}

function toField(f: mysql.FieldPacket): MysqlField {
  return {
    name: f.name,
    columnType: f.columnType ?? 253,
    flags: typeof f.flags === 'number' ? f.flags : 0,
    columnLength: f.columnLength ?? 0,
    decimals: f.decimals,
    characterSet: f.characterSet ?? 0,
    ...(f.extendedFormat === undefined ? {} : { extendedFormat: f.extendedFormat }),
    ...(f.extendedTypeName === undefined ? {} : { extendedTypeName: f.extendedTypeName }),
  };
}

function toValue(v: unknown, kind: MysqlValueKind): ExternalValue {
  if (!(v instanceof Uint8Array)) return null;
  const buf = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  switch (kind) {
    case 'bytes':
      return new Uint8Array(buf);
    case 'bits': {
      let n = 0n;
      for (const b of buf) n = (n << 8n) | BigInt(b);
      return n;
    }
    case 'bool':
      return buf.toString('latin1') !== '0';
    case 'date': {
      // MySQL's "zero" dates have no meaning outside MySQL: NULL.
      const s = buf.toString('latin1');
      return s.startsWith('0000-00-00') ? null : s;
    }
    case 'utc': {
      const s = buf.toString('latin1');
      return s.startsWith('0000-00-00') ? null : `${s}+00`;
    }
    case 'text':
      return buf.toString('utf8');
  }
}
