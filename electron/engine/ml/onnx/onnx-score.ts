import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Tensor } from 'onnxruntime-node';
import { said } from '../../../../shared/messages/diagnostic-messages';
import { ident } from '../../../../shared/sql/quote';
import { ConnectorError } from '../../external/types';
import { runOne, streamOne } from '../../walls/one-statement';
import type { OnnxModel } from './onnx-file';
import type { Feed, Fetch, OnnxPlan } from './onnx-plan';

/**
 * Scores a relation with an ONNX model into a new table: the input's rows,
 * in order, with the plan's columns added. The rows stream from DuckDB
 * chunk by chunk; every `batchRows` rows the session runs once and the
 * chunks, with their scores, go into the table through the Appender — JS
 * holds one batch, whatever the size of the input.
 */

/** Rows per run of the session: large enough that the runtime's per-call cost vanishes, small enough to stay a few MB. */
export const ONNX_BATCH_ROWS = 10_000;

export interface ScoreTarget {
  /** Reads the input (a stream: nothing else may run on it meanwhile). */
  conn: DuckDBConnection;
  /** Appends the scored rows, in its own transaction: another connection of the same database. */
  writer: DuckDBConnection;
  /** A relation `conn` can read FROM (a quoted table or view name, or a parenthesized SELECT). */
  input: string;
  /** The table made (unquoted name), in `schema` of `catalog` when given. */
  table: string;
  schema?: string;
  catalog?: string;
  batchRows?: number;
  /** Only the input's first rows (previews). */
  limit?: number;
  signal: AbortSignal;
  onRows?: (rows: number) => void;
}

const FEED_CAST = { float: 'DOUBLE', double: 'DOUBLE', int64: 'BIGINT', string: 'VARCHAR' } as const;
const OUT_TYPE: Record<Fetch['columns'][number]['type'], DuckDBType> = { DOUBLE, BIGINT, VARCHAR, BOOLEAN };

interface Batch {
  chunks: DuckDBDataChunk[];
  rows: number;
  /** Rows scored before this batch (for messages: rows are counted from 1). */
  before: number;
}

/** The table scoreOnnx fills, made empty: the input's columns and the plan's. */
export async function createScoredTable(conn: DuckDBConnection, plan: OnnxPlan, t: ScoreTarget): Promise<void> {
  const empty = plan.fetches
    .flatMap((f) => f.columns)
    .map((c) => `CAST(NULL AS ${c.type}) AS ${ident(c.name)}`)
    .join(', ');
  await runOne(conn, `CREATE TABLE ${tableName(t)} AS SELECT *, ${empty} FROM ${t.input} LIMIT 0`);
}

function tableName(t: ScoreTarget): string {
  return [t.catalog, t.schema, t.table]
    .filter((p) => p !== undefined)
    .map(ident)
    .join('.');
}

/**
 * Appends the scored rows to the table (existing, empty, with the input's
 * columns then the plan's); returns how many. The appender has its own
 * connection because a statement on the reading one would end its stream;
 * its one transaction is rolled back on any failure.
 */
export async function scoreOnnx(model: OnnxModel, plan: OnnxPlan, t: ScoreTarget): Promise<number> {
  const { conn, writer } = t;
  const featureCols = plan.feeds.flatMap((f) => f.columns);
  const casts = featureCols.map((c, i) => `CAST(${ident(c)} AS ${feedCast(plan, i)}) AS ${ident(`__duto_onnx_${i}`)}`);
  const outCols = plan.fetches.flatMap((f) => f.columns);
  let app: DuckDBAppender | undefined;
  try {
    await writer.run('BEGIN TRANSACTION');
    app = await writer.createAppender(t.table, t.schema ?? null, t.catalog ?? null);
    const limit = t.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(t.limit))}`;
    const result = await streamOne(conn, `SELECT *, ${casts.join(', ')} FROM (SELECT * FROM ${t.input}${limit})`);
    const passthrough = result.columnCount - featureCols.length;
    const types = [...result.columnTypes().slice(0, passthrough), ...outCols.map((c) => OUT_TYPE[c.type])];
    const size = t.batchRows ?? ONNX_BATCH_ROWS;
    let batch: Batch = { chunks: [], rows: 0, before: 0 };
    for (;;) {
      t.signal.throwIfAborted();
      const chunk = await result.fetchChunk();
      const done = chunk === null || chunk.rowCount === 0;
      if (!done) {
        batch.chunks.push(chunk);
        batch.rows += chunk.rowCount;
      }
      if (batch.rows > 0 && (done || batch.rows >= size)) {
        await scoreBatch(model, plan, batch, { passthrough, types, app });
        const before = batch.before + batch.rows;
        t.onRows?.(before);
        batch = { chunks: [], rows: 0, before };
      }
      if (done) break;
    }
    app.closeSync();
    await writer.run('COMMIT');
    return batch.before;
  } catch (e) {
    try {
      app?.clear();
      app?.closeSync();
    } catch {
      // The appender is gone either way.
    }
    await writer.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

function feedCast(plan: OnnxPlan, i: number): string {
  let at = i;
  for (const f of plan.feeds) {
    if (at < f.columns.length) return FEED_CAST[f.type];
    at -= f.columns.length;
  }
  return 'DOUBLE';
}

/** The feed's tensor for the batch: rows × columns, read from the cast feature columns that follow the passthrough ones. */
async function feedTensor(feed: Feed, batch: Batch, first: number, file: string): Promise<Tensor> {
  const { Tensor: OrtTensor } = await import('onnxruntime-node');
  const k = feed.columns.length;
  const n = batch.rows;
  const dims = feed.flat ? [n] : [n, k];
  const values = batch.chunks.map((c) => feed.columns.map((_, j) => c.getColumnValues(first + j)));
  if (feed.type === 'string') {
    const data: string[] = [];
    for (const cols of values) {
      const rows = cols[0]?.length ?? 0;
      for (let r = 0; r < rows; r++) for (const col of cols) data.push(String(col[r] ?? ''));
    }
    return new OrtTensor('string', data, dims);
  }
  if (feed.type === 'int64') {
    const data = new BigInt64Array(n * k);
    let at = 0;
    let row = batch.before;
    for (const cols of values) {
      const rows = cols[0]?.length ?? 0;
      for (let r = 0; r < rows; r++, row++)
        for (const [j, col] of cols.entries()) {
          const v = col[r];
          if (typeof v !== 'bigint')
            throw new ConnectorError(
              said('ml.input/null', { column: feed.columns[j] ?? '', row: row + 1, input: feed.input }),
              { file },
            );
          data[at++] = v;
        }
    }
    return new OrtTensor('int64', data, dims);
  }
  // float and double: NULL is NaN, the missing value scikit-learn's imputers and tree models expect.
  const data = feed.type === 'float' ? new Float32Array(n * k) : new Float64Array(n * k);
  let at = 0;
  for (const cols of values) {
    const rows = cols[0]?.length ?? 0;
    for (let r = 0; r < rows; r++)
      for (const col of cols) {
        const v = col[r];
        data[at++] = typeof v === 'number' ? v : NaN;
      }
  }
  return data instanceof Float32Array ? new OrtTensor('float32', data, dims) : new OrtTensor('float64', data, dims);
}

async function scoreBatch(
  model: OnnxModel,
  plan: OnnxPlan,
  batch: Batch,
  out: { passthrough: number; types: DuckDBType[]; app: DuckDBAppender },
): Promise<void> {
  const feeds: Record<string, Tensor> = {};
  let first = out.passthrough;
  for (const f of plan.feeds) {
    feeds[f.input] = await feedTensor(f, batch, first, model.file);
    first += f.columns.length;
  }
  const from = batch.before + 1;
  const to = batch.before + batch.rows;
  let results: Record<string, Tensor>;
  try {
    results = await model.session.run(
      feeds,
      plan.fetches.map((f) => f.output),
    );
  } catch (e) {
    const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    throw new ConnectorError(said('ml.model/run', { file: model.file, from, to, detail }), { file: model.file });
  }
  const columns = plan.fetches.flatMap((f) => outputColumns(model.file, f, results[f.output], batch.rows, from, to));
  let offset = 0;
  for (const chunk of batch.chunks) {
    const rows = chunk.rowCount;
    const o = DuckDBDataChunk.create(out.types, rows);
    for (let i = 0; i < out.passthrough; i++) o.setColumnValues(i, chunk.getColumnValues(i));
    for (const [j, col] of columns.entries()) o.setColumnValues(out.passthrough + j, col.slice(offset, offset + rows));
    out.app.appendDataChunk(o);
    offset += rows;
  }
  out.app.flushSync();
}

/** A fetched tensor as one array of values per column it fills. */
function outputColumns(
  file: string,
  fetch: Fetch,
  tensor: Tensor | undefined,
  rows: number,
  from: number,
  to: number,
): DuckDBValue[][] {
  const width = fetch.columns.length;
  const data = tensor?.data;
  if (tensor === undefined || data === undefined || data.length !== rows * width)
    throw new ConnectorError(
      said('ml.model/output-size', {
        file,
        output: fetch.output,
        from,
        to,
        values: data?.length ?? 0,
        want: rows * width,
      }),
      { file },
    );
  return fetch.columns.map((c, j) => {
    const col: DuckDBValue[] = new Array<DuckDBValue>(rows);
    for (let r = 0; r < rows; r++) {
      const v = data[r * width + j];
      col[r] =
        c.type === 'DOUBLE'
          ? Number(v)
          : c.type === 'BIGINT'
            ? BigInt(typeof v === 'bigint' ? v : Math.trunc(Number(v)))
            : c.type === 'BOOLEAN'
              ? Boolean(v)
              : String(v);
    }
    return col;
  });
}
