import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Column, ExternalSinkSpec, ExternalSourceSpec } from '../../../shared/catalog/node-type';
import { EXTERNAL_CATALOG, externalTable } from '../../../shared/compiler/compile';
import type { TrustMode } from '../trust/trust-report';
import { diagnosticOf, type Diagnostic } from '../../../shared/diagnostics';
import { ident } from '../../../shared/sql/quote';
import { describe } from '../bind/describe-view';
import { type ConnectionLookup, type ResolvedConnection } from '../connections/resolved';
import { appendBatches } from './append-rows';
import type { ConnectorFactory, ConnectorSink, ConnectorSource } from './connector';
import { duckType, INTEGER_FAMILIES, isPlainTypeName } from './duck-types';
import { connectorDiagnostic, connectorFailure, redactArgs } from './failures';
import { isReset, readState, saveWatermarks, sourceIdentity, type Watermark } from './incremental-state';
import { clearIntent, recordSwap, resolveIntent } from './file-intent';
import type { LoadStateWrite, StoredState } from './load-state';
import { decideAfter, type IncrementalPlan } from './resolve-state';
import { watermarkProblem } from './watermark-check';
import { failpoint } from '../session/failpoints';
import { basename } from 'node:path';
import { loadCsvParts } from './load-csv';
import type { SecretLookup } from './secret-lookup';
import type { Redactor } from '../sandbox/redactor';
import { connectorFor } from './registry';
import { csvFileBlocks, utcText, valueBatches } from './sink-input';
import { serverSelectOf } from './server-select';
import { ConnectorError, type NamedInput, type RowBatch, type SinkLeftovers } from './types';
import { readOne, runOne } from '../walls/one-statement';
import { lockFileTarget, type HeldFileLock } from '../locks/file-lock';
import type { LockSettings } from '../locks/wait-lock';
import { said } from '../../../shared/messages/diagnostic-messages';
import { makeFolderSync } from '../files/make-folder';

/**
 * A session's external nodes: sources a connector reads into a DuckDB table
 * (`duto_ext.main."<node>"`, on disk in the spill folder) and sinks a
 * connector writes. Design time: a source's columns (cached) and an empty
 * table, so downstream views bind; previews fill the table with only the
 * rows they need; runs read everything, then downstream views read the
 * table. Every failure is a DutoError naming the node and param.
 */

export interface ExternalOptions {
  instance: DuckDBInstance;
  spillDir: string;
  connections: ConnectionLookup | undefined;
  /** Where incremental watermarks are kept; without one, incremental sources read every row. */
  stateFile: string | undefined;
  /** Values of `${secret:NAME}` references (HTTP headers, query values). */
  secrets: SecretLookup;
  /** Knows every secret resolved in the session: failures are redacted with it. */
  redactor: Redactor;
  /** The session's trust, for sources that must know it (ONNX scoring runs no model for a restricted one). */
  trust: TrustMode;
}

interface SourceEntry {
  spec: ExternalSourceSpec;
  source: ConnectorSource;
  columns: Column[] | undefined;
  /** What the table holds: the first `rows` rows, or all of them. */
  loaded: { rows: number; complete: boolean };
  /** Serializes loads of the table (previews and runs). */
  lock: Promise<unknown>;
  /** The watermark this session reads after (null: every row), and where it was read (for messages). */
  after: string | null;
  afterFrom: string;
  /** A new source object reading after another watermark (the run's, from the targets' state). */
  remake: (after: string | null) => ConnectorSource;
  /** What the source's last finished read warned of (error cells…), as diagnostics on the node. */
  warnings: Diagnostic[];
}

export class ExternalNodes {
  private readonly sources = new Map<string, SourceEntry>();
  private readonly pending = new Map<string, Watermark>();

  constructor(private readonly o: ExternalOptions) {}

  private readonly redact = (text: string): string => this.o.redactor.text(text);

  private factory(kind: string, nodeId: string, param: string): ConnectorFactory {
    const f = connectorFor(kind);
    if (f === undefined)
      throw connectorFailure(new ConnectorError(said('connector.unknown', { kind })), {
        nodeId,
        param,
        redact: this.redact,
      });
    return f;
  }

  private connection(
    f: ConnectorFactory,
    spec: { connection?: { name: string; param: string } },
    nodeId: string,
  ): ResolvedConnection | undefined {
    if (spec.connection === undefined) return undefined;
    const param = spec.connection.param;
    try {
      if (this.o.connections === undefined)
        throw new ConnectorError(said('connection.none', { name: spec.connection.name }));
      const c = this.o.connections.resolve(spec.connection.name);
      if (f.connectionKind !== undefined && c.kind !== f.connectionKind)
        throw new ConnectorError(said('connection.kind', { name: c.label, kind: c.kind, want: f.connectionKind }));
      return c;
    } catch (e) {
      throw connectorFailure(
        e instanceof ConnectorError && e.param === undefined ? new ConnectorError(e.said, { param }) : e,
        { nodeId, param, redact: this.redact },
      );
    }
  }

  private entry(nodeId: string, spec: ExternalSourceSpec): SourceEntry {
    const known = this.sources.get(nodeId);
    if (known !== undefined) return known;
    const f = this.factory(spec.kind, nodeId, spec.param);
    if (f.source === undefined)
      throw connectorFailure(new ConnectorError(said('connector.unknown/read', { kind: spec.kind })), {
        nodeId,
        param: spec.param,
        redact: this.redact,
      });
    if (spec.incremental !== undefined && f.incremental !== true) {
      throw connectorFailure(
        new ConnectorError(said('connector.incremental', { kind: spec.kind }), { param: spec.incremental.param }),
        { nodeId, param: spec.param, redact: this.redact },
      );
    }
    const connection = this.connection(f, spec, nodeId);
    const after = this.watermarkOf(nodeId, spec);
    const make = f.source;
    const remake = (a: string | null): ConnectorSource =>
      make({
        nodeId,
        config: spec.config,
        connection,
        secrets: this.o.secrets,
        instance: this.o.instance,
        trust: this.o.trust,
        incremental:
          spec.incremental === undefined
            ? undefined
            : { column: spec.incremental.column, kind: spec.incremental.kind, after: a },
      });
    const e: SourceEntry = {
      spec,
      source: remake(after),
      columns: undefined,
      loaded: { rows: 0, complete: false },
      lock: Promise.resolve(),
      after,
      afterFrom: this.o.stateFile ?? '',
      remake,
      warnings: [],
    };
    this.sources.set(nodeId, e);
    return e;
  }

  private watermarkOf(nodeId: string, spec: ExternalSourceSpec): string | null {
    if (spec.incremental === undefined || this.o.stateFile === undefined) return null;
    const state = readState(this.o.stateFile);
    const w = state.watermarks[nodeId];
    return w !== undefined && w.source === sourceIdentity(spec) && !isReset(state, nodeId) ? w.value : null;
  }

  /** The sources read incrementally. */
  incrementalIds(): string[] {
    return [...this.sources].filter(([, e]) => e.spec.incremental !== undefined).map(([id]) => id);
  }

  /** Before a run sweeps orphans: what a killed run's intent record says (file sinks). */
  resolveIntents(): void {
    if (this.o.stateFile !== undefined) resolveIntent(this.o.stateFile);
  }

  /** The pipeline's name in the state tables of its targets. */
  private get pipelineId(): string | undefined {
    return this.o.stateFile === undefined ? undefined : basename(this.o.stateFile, '.json');
  }

  /**
   * Before a run reads anything: each incremental source reads after the
   * watermark its database targets committed with their rows (the truth),
   * else the state file's; a target holding data with no state for it is
   * refused (`state.missing`) unless the run is a full refresh.
   */
  async resolveForRun(plans: readonly IncrementalPlan[], fullRefresh: boolean, signal: AbortSignal): Promise<void> {
    const stateFile = this.o.stateFile;
    const pipelineId = this.pipelineId;
    if (stateFile === undefined || pipelineId === undefined) return;
    resolveIntent(stateFile);
    const state = readState(stateFile);
    for (const plan of plans) {
      const e = this.sources.get(plan.sourceId);
      const inc = e?.spec.incremental;
      if (e === undefined || inc === undefined) continue;
      const where = { nodeId: plan.sourceId, param: inc.param, redact: this.redact };
      const fingerprint = sourceIdentity(e.spec);
      const file = state.watermarks[plan.sourceId];
      const fromFile = file !== undefined && file.source === fingerprint ? file.value : null;
      const refresh = fullRefresh || isReset(state, plan.sourceId);
      const stored: Array<{ sinkId: string; mode: string; state: StoredState }> = [];
      if (!refresh) {
        for (const t of plan.databaseTargets) {
          const sink = this.sink(t.sinkId, t.spec);
          if (sink.storedState === undefined) continue;
          try {
            stored.push({
              sinkId: t.sinkId,
              mode: t.mode,
              state: await sink.storedState(pipelineId, plan.sourceId, signal),
            });
          } catch (err) {
            throw connectorFailure(err, { nodeId: t.sinkId, param: t.spec.param, redact: this.redact, signal });
          }
        }
      }
      let decided: { after: string | null; from: string };
      try {
        decided = refresh
          ? { after: null, from: 'a full refresh' }
          : decideAfter({
              sourceId: plan.sourceId,
              fingerprint,
              fromFile,
              stateFile,
              stored,
              fileTargets: plan.fileTargets,
            });
      } catch (err) {
        throw connectorFailure(err, where);
      }
      if (decided.after !== null) this.checkWatermark(e, decided.after, decided.from, where);
      if (decided.after !== e.after) {
        await e.source.close().catch(() => undefined);
        e.source = e.remake(decided.after);
        e.after = decided.after;
      }
      e.afterFrom = decided.from;
    }
  }

  private checkWatermark(
    e: SourceEntry,
    value: string,
    from: string,
    where: { nodeId: string; param: string; redact: (t: string) => string },
  ): void {
    const inc = e.spec.incremental;
    const col = e.columns?.find((c) => c.name.toLowerCase() === inc?.column.toLowerCase());
    const problem = col === undefined ? undefined : watermarkProblem(col, value);
    if (problem !== undefined) {
      throw connectorFailure(
        new ConnectorError(
          said('state.invalid', { node: where.nodeId, file: from, value: JSON.stringify(value), detail: problem }),
          { param: where.param, file: from },
        ),
        where,
      );
    }
  }

  /** What a sink below these nodes commits with its rows: the new watermarks of the incremental sources among them. */
  loadStateFor(lineage: readonly string[]): LoadStateWrite | undefined {
    const pipelineId = this.pipelineId;
    if (pipelineId === undefined) return undefined;
    const entries = lineage.flatMap((id) => {
      const w = this.pending.get(id);
      return w === undefined ? [] : [{ nodeId: id, fingerprint: w.source, watermark: w.value }];
    });
    return entries.length === 0 ? undefined : { pipelineId, entries };
  }

  /** Before a file sink below these nodes swaps its output in: the intent record that makes it exactly once. */
  noteSwap(lineage: readonly string[], temp: { temp: string; target: string; directory: boolean }): void {
    if (this.o.stateFile === undefined) return;
    const marks = new Map(
      lineage.flatMap((id) => {
        const w = this.pending.get(id);
        return w === undefined ? [] : [[id, w] as const];
      }),
    );
    if (marks.size === 0) return;
    // A partitioned write of no rows makes no folder; the record needs one to tell "not swapped" apart.
    if (temp.directory) makeFolderSync(temp.temp);
    recordSwap(this.o.stateFile, marks, temp);
  }

  /** Design time: the source's columns, and its table created empty (so views over it bind). */
  async prepare(conn: DuckDBConnection, nodeId: string, spec: ExternalSourceSpec): Promise<Column[]> {
    const e = this.entry(nodeId, spec);
    const where = { nodeId, param: spec.param, redact: this.redact };
    if (e.columns === undefined) {
      try {
        e.columns = uniqueNames(await e.source.columns(new AbortController().signal));
      } catch (err) {
        throw connectorFailure(err, where);
      }
      e.warnings = sourceWarnings(e, nodeId, this.redact);
      checkIncremental(e, nodeId, this.redact);
      const inc = e.spec.incremental;
      if (e.after !== null && inc !== undefined)
        this.checkWatermark(e, e.after, e.afterFrom, { nodeId, param: inc.param, redact: this.redact });
      for (const c of e.columns) {
        if (!isPlainTypeName(c.type))
          throw connectorFailure(new ConnectorError(said('connector.type', { column: c.name, type: c.type })), where);
      }
    }
    await this.recreate(conn, nodeId, e.columns, e.spec);
    e.loaded = { rows: 0, complete: false };
    return e.columns;
  }

  /** The source's table, empty; and the table of the rows it sets aside, when it keeps some. */
  private async recreate(
    conn: DuckDBConnection,
    nodeId: string,
    columns: readonly Column[],
    spec: ExternalSourceSpec,
  ): Promise<void> {
    const defs = columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
    await runOne(
      conn,
      `CREATE OR REPLACE TABLE ${externalTable(nodeId)} (${defs.length === 0 ? '"(no columns)" VARCHAR' : defs})`,
    );
    const rejected = spec.rejected;
    if (rejected !== undefined)
      await runOne(
        conn,
        `CREATE OR REPLACE TABLE ${externalTable(rejected.table)} (${rejected.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`,
      );
  }

  has(nodeId: string): boolean {
    return this.sources.has(nodeId);
  }

  /** Warnings of the source's last finished read: at design time its schema's, after a run the whole read's. */
  warnings(nodeId: string): Diagnostic[] {
    return this.sources.get(nodeId)?.warnings ?? [];
  }

  /** Previews: the table of each source holds at least `rows` rows (reading only those). */
  async ensureSample(nodeIds: readonly string[], rows: number, signal: AbortSignal): Promise<void> {
    for (const nodeId of nodeIds) {
      const e = this.sources.get(nodeId);
      if (e === undefined) continue;
      await this.locked(e, async () => {
        if (e.loaded.complete || e.loaded.rows >= rows) return;
        const n = await this.load(e, nodeId, signal, () => undefined, rows);
        e.loaded = { rows: n, complete: n < rows };
      });
    }
  }

  /** Runs: every row (after the watermark) into the table; the new watermark waits for the run to succeed. */
  async ingest(
    conn: DuckDBConnection,
    nodeId: string,
    signal: AbortSignal,
    onRows: (rows: number) => void,
  ): Promise<number> {
    const e = this.sources.get(nodeId);
    if (e === undefined) return 0;
    return this.locked(e, async () => {
      e.loaded = { rows: 0, complete: false };
      const n = await this.load(e, nodeId, signal, onRows, undefined, conn);
      e.loaded = { rows: n, complete: true };
      await this.noteWatermark(conn, nodeId, e);
      return n;
    });
  }

  private async locked<T>(e: SourceEntry, work: () => Promise<T>): Promise<T> {
    const run = e.lock.then(work, work);
    e.lock = run.catch(() => undefined);
    return run;
  }

  private async load(
    e: SourceEntry,
    nodeId: string,
    signal: AbortSignal,
    onRows: (n: number) => void,
    limit?: number,
    given?: DuckDBConnection,
  ): Promise<number> {
    const columns = e.columns;
    if (columns === undefined) return 0;
    const conn = given ?? (await this.o.instance.connect());
    const where = { nodeId, param: e.spec.param, redact: this.redact, signal };
    try {
      await this.recreate(conn, nodeId, columns, e.spec);
      const csv = limit === undefined ? e.source.csv : undefined;
      const rejected: RowBatch = [];
      const rows =
        e.source.fillTable !== undefined
          ? await this.fillTable(e.source, conn, nodeId, { ...(limit === undefined ? {} : { limit }), signal, onRows })
          : csv !== undefined
            ? await loadCsvParts(
                conn,
                nodeId,
                columns,
                await csv.call(e.source, signal),
                this.o.spillDir,
                signal,
                onRows,
              )
            : await appendBatches(
                conn,
                nodeId,
                columns,
                takingRejected(
                  e.source,
                  e.source.rows({ ...(limit === undefined ? {} : { limit }), signal }),
                  rejected,
                ),
                signal,
                onRows,
              );
      const into = e.spec.rejected;
      if (into !== undefined && rejected.length > 0)
        await appendBatches(conn, into.table, into.columns, oneBatch(rejected), signal, () => undefined);
      e.warnings = sourceWarnings(e, nodeId, this.redact);
      return rows;
    } catch (err) {
      throw connectorFailure(err, where);
    } finally {
      if (given === undefined) conn.closeSync();
    }
  }

  /** A source that writes its own table: it gets a second connection for the rows, the first may be streaming. */
  private async fillTable(
    source: ConnectorSource,
    conn: DuckDBConnection,
    nodeId: string,
    options: { limit?: number; signal: AbortSignal; onRows: (rows: number) => void },
  ): Promise<number> {
    const writer = await this.o.instance.connect();
    try {
      const target = { conn, writer, table: nodeId, schema: 'main', catalog: EXTERNAL_CATALOG };
      return (await source.fillTable?.(target, options)) ?? 0;
    } finally {
      writer.closeSync();
    }
  }

  private async noteWatermark(conn: DuckDBConnection, nodeId: string, e: SourceEntry): Promise<void> {
    const inc = e.spec.incremental;
    if (inc === undefined || this.o.stateFile === undefined) return;
    const col = e.columns?.find((c) => c.name.toLowerCase() === inc.column.toLowerCase());
    if (col === undefined) return;
    const q = ident(col.name);
    const text = duckType(col.type).family === 'timestamptz' ? utcText(`max(${q})`) : `CAST(max(${q}) AS VARCHAR)`;
    const value = (await readOne(conn, `SELECT ${text} FROM ${externalTable(nodeId)}`)).getRowsJson()[0]?.[0];
    if (typeof value !== 'string') return;
    this.pending.set(nodeId, {
      column: inc.column,
      kind: inc.kind,
      source: sourceIdentity(e.spec),
      value,
      updatedAt: new Date().toISOString(),
    });
  }

  /**
   * After a run: the tables it filled are emptied again (views still bind),
   * which frees their disk at once and spares the database a checkpoint of
   * them when it closes (measured: 1.3 s after a 10M-row read, 25 ms emptied).
   * Later previews read a sample again.
   */
  async release(conn: DuckDBConnection): Promise<void> {
    for (const [nodeId, e] of this.sources) {
      if (!e.loaded.complete || e.columns === undefined) continue;
      const columns = e.columns;
      await this.locked(e, async () => {
        await this.recreate(conn, nodeId, columns, e.spec);
        e.loaded = { rows: 0, complete: false };
      });
    }
  }

  /** After a run that succeeded as a whole: the watermarks of these sources move on (the local cache of what the targets hold). */
  commitWatermarks(nodeIds: Iterable<string>): string[] {
    if (this.o.stateFile === undefined) return [];
    const fed = new Set(nodeIds);
    const updates = new Map<string, Watermark>();
    for (const id of fed) {
      const w = this.pending.get(id);
      if (w !== undefined) updates.set(id, w);
    }
    const ran = new Set([...fed].filter((id) => this.sources.get(id)?.spec.incremental !== undefined));
    saveWatermarks(this.o.stateFile, updates, ran);
    failpoint('state.after-save');
    clearIntent(this.o.stateFile);
    for (const [id, w] of updates) {
      const e = this.sources.get(id);
      if (e !== undefined) e.after = w.value;
    }
    this.pending.clear();
    return [...updates.keys()];
  }

  /** Forgets what a failed or cancelled run read; a file output it already swapped in keeps its watermark (its intent record). */
  discardWatermarks(): void {
    this.pending.clear();
    if (this.o.stateFile !== undefined) resolveIntent(this.o.stateFile);
  }

  private sink(nodeId: string, spec: ExternalSinkSpec, lock?: LockSettings, loadState?: LoadStateWrite): ConnectorSink {
    const f = this.factory(spec.kind, nodeId, spec.param);
    if (f.sink === undefined)
      throw connectorFailure(new ConnectorError(said('connector.unknown/write', { kind: spec.kind })), {
        nodeId,
        param: spec.param,
        redact: this.redact,
      });
    const connection = this.connection(f, spec, nodeId);
    return f.sink({
      nodeId,
      config: spec.config,
      connection,
      ...(lock === undefined ? {} : { lock }),
      ...(loadState === undefined ? {} : { loadState }),
    });
  }

  /** `duto clean`: what killed runs left in these sinks' targets (MySQL staging tables), dropped when asked. */
  async leftovers(
    sinks: ReadonlyMap<string, ExternalSinkSpec>,
    remove: boolean,
    lock: LockSettings,
    signal: AbortSignal,
  ): Promise<SinkLeftovers[]> {
    const out: SinkLeftovers[] = [];
    for (const [nodeId, spec] of sinks) {
      try {
        const sink = this.sink(nodeId, spec, lock);
        if (sink.leftovers !== undefined) out.push({ nodeId, ...(await sink.leftovers(remove, signal)) });
      } catch (e) {
        // One target out of reach does not hide the others'.
        out.push({
          nodeId,
          found: [],
          removed: [],
          problem: connectorDiagnostic(e, { nodeId, param: spec.param, redact: this.redact, signal }),
        });
      }
    }
    return out;
  }

  /** Before a run: the sink may refuse (its target exists, lacks columns, has no matching key). */
  async checkSink(
    nodeId: string,
    spec: ExternalSinkSpec,
    columns: readonly Column[],
    signal: AbortSignal,
  ): Promise<void> {
    const sink = this.sink(nodeId, spec);
    if (sink.check === undefined) return;
    try {
      await sink.check(columns, signal);
    } catch (e) {
      throw connectorFailure(e, { nodeId, param: spec.param, redact: this.redact, signal });
    }
  }

  /** Streams the sink's input from DuckDB to the connector; all or nothing. A file target is locked first (a database sink locks its own table). */
  async writeSink(
    conn: DuckDBConnection,
    nodeId: string,
    spec: ExternalSinkSpec,
    columns: readonly Column[],
    signal: AbortSignal,
    onProgress: (p: { rows?: number; share?: number }) => void,
    lock?: LockSettings,
    /** The nodes above the sink: the watermarks of those read incrementally commit with its rows. */
    lineage: readonly string[] = [],
  ): Promise<number> {
    const sink = this.sink(nodeId, spec, lock, this.loadStateFor(lineage));
    let held: HeldFileLock | undefined;
    try {
      const file = sink.targetFile?.();
      if (file !== undefined && lock !== undefined) held = await lockFileTarget(file, lock, signal);
      if (spec.inputs !== undefined && spec.inputs.length > 1) {
        if (sink.writeMany === undefined)
          throw new ConnectorError(said('connector.one-input', { kind: spec.kind, count: spec.inputs.length }));
        // Each input's own columns (the bound schema is the first input's); rows counted across all of them.
        const inputs: NamedInput[] = [];
        let before = 0;
        for (const input of spec.inputs) {
          const cols = await describe(conn, `SELECT * FROM ${input.sql}`);
          const batches = valueBatches(conn, input.sql, cols, signal, (rows) => onProgress({ rows: before + rows }));
          const onEnd = (rows: number): void => {
            before += rows;
          };
          inputs.push({ name: input.name, columns: cols, batches: counted(batches, onEnd) });
        }
        return (await sink.writeMany(inputs, signal)).rows;
      }
      if (sink.writeCsv !== undefined) {
        return (
          await sink.writeCsv(
            columns,
            csvFileBlocks(conn, spec.input, columns, this.o.spillDir, signal, (share) => onProgress({ share })),
            signal,
          )
        ).rows;
      }
      return (
        await sink.write(
          columns,
          valueBatches(conn, spec.input, columns, signal, (rows) => onProgress({ rows })),
          signal,
        )
      ).rows;
    } catch (e) {
      throw connectorFailure(e, { nodeId, param: spec.param, redact: this.redact, signal });
    } finally {
      held?.release();
    }
  }

  /** ELT: the SELECT the sink writes on its own server in place of reading `sourceId` into DuckDB; undefined: it streams. */
  async serverSelect(
    nodeId: string,
    spec: ExternalSinkSpec,
    sourceId: string,
    columns: readonly Column[],
    signal: AbortSignal,
  ): Promise<string | undefined> {
    const source = this.sources.get(sourceId);
    if (source === undefined || source.columns === undefined) return undefined;
    const select = serverSelectOf(source.spec, spec);
    const sink = this.sink(nodeId, spec);
    if (select === undefined || sink.canWriteSelect === undefined) return undefined;
    return (await sink.canWriteSelect(columns, signal)) ? select : undefined;
  }

  /** ELT: the sink writes the rows of `select` on its server (nothing is read into DuckDB); all or nothing, like writeSink. */
  async writeSinkSelect(
    nodeId: string,
    spec: ExternalSinkSpec,
    select: string,
    columns: readonly Column[],
    signal: AbortSignal,
    lock?: LockSettings,
    lineage: readonly string[] = [],
  ): Promise<number> {
    const sink = this.sink(nodeId, spec, lock, this.loadStateFor(lineage));
    try {
      if (sink.writeSelect === undefined)
        throw new ConnectorError(said('connector.unknown/write', { kind: spec.kind }));
      return (await sink.writeSelect(columns, select, signal)).rows;
    } catch (e) {
      throw connectorFailure(e, { nodeId, param: spec.param, redact: this.redact, signal });
    }
  }

  async close(): Promise<void> {
    const all = [...this.sources.values()];
    this.sources.clear();
    await Promise.all(all.map((e) => e.source.close().catch(() => undefined)));
  }
}

/** The batches as they are, telling `onDone` how many rows they held once they end (so the next input's progress starts there). */
async function* counted(batches: AsyncIterable<RowBatch>, onDone: (rows: number) => void): AsyncIterable<RowBatch> {
  let rows = 0;
  for await (const batch of batches) {
    rows += batch.length;
    yield batch;
  }
  onDone(rows);
}

function sourceWarnings(e: SourceEntry, nodeId: string, redact: (text: string) => string): Diagnostic[] {
  return (e.source.warnings?.() ?? []).map((w) => {
    const where = { nodeId, param: w.param ?? e.spec.param, ...(w.file === undefined ? {} : { file: w.file }) };
    const d = diagnosticOf('warning', w.said, where);
    // A source's warning may quote what it read: redacted like its errors, in every language.
    return { ...d, message: redact(d.message), args: redactArgs(w.said.args, redact) };
  });
}

/** DuckDB names are case-insensitive: a second `id`/`ID` becomes `ID_2`. */
function uniqueNames(columns: readonly Column[]): Column[] {
  const seen = new Set<string>();
  return columns.map((c) => {
    let name = c.name;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${c.name}_${String(i)}`;
    seen.add(name.toLowerCase());
    return { name, type: c.type };
  });
}

function checkIncremental(e: SourceEntry, nodeId: string, redact: (text: string) => string): void {
  const inc = e.spec.incremental;
  if (inc === undefined) return;
  const where = { nodeId, param: inc.param, redact };
  const col = e.columns?.find((c) => c.name.toLowerCase() === inc.column.toLowerCase());
  if (col === undefined)
    throw connectorFailure(
      new ConnectorError(said('source.watermark', { column: inc.column }), { param: inc.param }),
      where,
    );
  const f = duckType(col.type).family;
  const ok =
    inc.kind === 'timestamp'
      ? ['date', 'timestamp', 'timestamptz', 'varchar'].includes(f)
      : INTEGER_FAMILIES.has(f) || f === 'decimal';
  if (!ok) {
    const want = inc.kind === 'timestamp' ? 'a date or timestamp' : 'an integer';
    throw connectorFailure(
      new ConnectorError(said('source.watermark/type', { column: col.name, type: col.type, want }), {
        param: inc.param,
      }),
      where,
    );
  }
}

/** The source's batches, passed on; the rows it set aside on the way are gathered into `into` (a source that sets none aside gives none). */
async function* takingRejected(
  source: ConnectorSource,
  batches: AsyncIterable<RowBatch>,
  into: RowBatch,
): AsyncGenerator<RowBatch, void, undefined> {
  const take = (): void => {
    // One by one: a spread of many rows would overflow the call stack.
    for (const row of source.takeRejected?.() ?? []) into.push(row);
  };
  for await (const batch of batches) {
    take();
    yield batch;
  }
  take();
}

async function* oneBatch(rows: RowBatch): AsyncGenerator<RowBatch, void, undefined> {
  yield rows;
}
