import type { DuckDBConnection } from '@duckdb/node-api';
import type { Column } from '../../../../shared/catalog/node-type';
import { ONNX_SCORE_CONFIG, type OnnxScoreConfig } from '../../../../shared/external/onnx';
import { said } from '../../../../shared/messages/diagnostic-messages';
import type { ConnectorSource, SourceContext } from '../../external/connector';
import { ConnectorError, type RowBatch, type TableSource } from '../../external/types';
import { loadOnnxModel, readOnnxFile, type OnnxModel } from '../../ml/onnx/onnx-file';
import { planOnnx, type OnnxPlan } from '../../ml/onnx/onnx-plan';
import { scoreOnnx } from '../../ml/onnx/onnx-score';
import type { TrustMode } from '../../trust/trust-report';
import { readOne } from '../../walls/one-statement';

/**
 * `ml.score` with an ONNX model: a source whose rows are its input's with
 * the model's scores added. Its columns are known without the runtime (the
 * graph is read by Duto, onnx-graph.ts); the runtime is loaded on the first
 * rows asked for, once per session, and the table filled by scoreOnnx.
 */
export class OnnxSource implements ConnectorSource, TableSource {
  private readonly config: OnnxScoreConfig;
  private readonly trust: TrustMode;
  private plan: OnnxPlan | undefined;
  private model: Promise<OnnxModel> | undefined;

  constructor(private readonly ctx: SourceContext) {
    this.config = ONNX_SCORE_CONFIG.parse(ctx.config);
    // A session that says nothing of its trust is treated as the least trusted.
    this.trust = ctx.trust ?? 'restricted';
  }

  private async withConnection<T>(use: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const instance = this.ctx.instance;
    if (instance === undefined) throw new ConnectorError(said('connector.unknown/read', { kind: 'onnx' }));
    const conn = await instance.connect();
    try {
      return await use(conn);
    } finally {
      conn.closeSync();
    }
  }

  async columns(): Promise<Column[]> {
    const { file, features, input } = this.config;
    const { graph } = readOnnxFile(file, this.trust);
    const described = await this.withConnection((conn) => readOne(conn, `DESCRIBE SELECT * FROM ${input}`));
    const inputs = described
      .getRowObjectsJS()
      .map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
    const plan = planOnnx(file, graph, inputs, features);
    this.plan = plan;
    return [...inputs, ...plan.fetches.flatMap((f) => f.columns.map((c) => ({ name: c.name, type: c.type })))];
  }

  // eslint-disable-next-line require-yield -- the engine fills this source's table through fillTable
  async *rows(): AsyncIterable<RowBatch> {
    throw new ConnectorError(said('connector.unknown/read', { kind: 'onnx' }));
  }

  async fillTable(
    target: { conn: DuckDBConnection; writer: DuckDBConnection; table: string; schema: string; catalog: string },
    options: { limit?: number; signal: AbortSignal; onRows: (rows: number) => void },
  ): Promise<number> {
    const plan = this.plan ?? (await this.columns().then(() => this.plan));
    if (plan === undefined) return 0;
    this.model ??= loadOnnxModel(this.config.file, this.trust, 1);
    const model = await this.model;
    return scoreOnnx(model, plan, {
      ...target,
      input: this.config.input,
      signal: options.signal,
      onRows: options.onRows,
      ...(options.limit === undefined ? {} : { limit: options.limit }),
    });
  }

  async close(): Promise<void> {
    const model = this.model;
    this.model = undefined;
    if (model !== undefined) await (await model.catch(() => undefined))?.session.release();
  }
}
