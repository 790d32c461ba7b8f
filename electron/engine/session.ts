import { resolve } from 'node:path';
import { catalog } from '../../shared/catalog';
import type { Column } from '../../shared/catalog/node-type';
import { analyze, type AnalyzeOptions } from '../../shared/compiler/analyze';
import { reachable, upstreamClosure } from '../../shared/compiler/graph';
import type { Analysis } from '../../shared/compiler/plan';
import { DutoError, error, hasErrors, raisedBy, warning, type Diagnostic } from '../../shared/diagnostics';
import type { PipelineDocument } from '../../shared/format/document';
import {
  EXTERNAL_PREVIEW_ROWS,
  PREVIEW_CHECK_ROWS,
  PREVIEW_MAX_ROWS,
  type OpenOptions,
  type PipelineSession,
  type PreviewResult,
  type ProfileResult,
  type RunOptions,
  type RunResult,
  type SchemaResult,
  type ValidateResult,
} from './api';
import { discardTemp, recoverSwap } from './sinks/atomic-sink';
import { prefetchPins } from './bind/prefetch-pins';
import { bindViews, type BoundPlan } from './bind/bind-views';
import { diagnoseDuckDBError } from './duck/duckdb-errors';
import { ExternalNodes } from './external/external-nodes';
import { environmentSecrets, type SecretLookup } from './external/secret-lookup';
import { jsonCheckOf, jsonFileProblems } from './json-check/json-source';
import { fileOwner, planAccess, sandboxAccess, type PlanAccess } from './bind/plan-access';
import { heldBack, runRefusal, trustReport } from './trust/trust-report';
import type {
  ChartResultData,
  ChartSpecData,
  DeltaVersionsData,
  ModelCardData,
  TrustReport,
} from '../../shared/ipc/results';
import { fingerprint, previewKey } from './preview/preview-cache';
import { engineCaches, type EngineCaches } from './session/engine-caches';
import { withConnection } from './session/with-connection';
import { plainDocument, quickKey } from './run/quick-check';
import { evaluateQuality } from './preview/quality';
import { lineageOf, type Lineage } from './preview/lineage';
import { columnLineageOf } from './preview/column-lineage';
import type { ColumnLineage } from '../../shared/lineage/column-lineage';
import { profileView } from './preview/profile';
import { chartView } from './preview/chart-query';
import { isDataError, locateFailure } from './run/locate-failure';
import { previewCell, previewSelectList } from './preview/preview-values';
import { openRunCache, type RunCache } from './run/run-cache';
import { ancestorsAndSelf, runPipeline } from './run/run-pipeline';
import { prepareReads, useDetectingViews } from './bind/detecting-views';
import { isActive, viewClauses, VIEWED, whereClause, type PreviewView } from './preview/preview-view';
import type { SinkLeftovers } from './external/types';
import type { LockSettings } from './locks/wait-lock';
import { newRunId } from './run/run-id';
import { openSandbox, type Sandbox } from './sandbox/sandbox';
import { nodeCacheFiles, planNodeCache, type NodeCachePlan } from './node-cache/node-cache-plan';
import { chooseStandIns, standInAnalysis, standInsWhole, withoutStandIns, type StandIns } from './node-cache/stand-ins';
import { cachedRelation } from './preview/preview-from-cache';
import { LookEntries } from './preview/look-entry';
import { pipelineScript } from './bind/sql-script';
import { expandGlob, statPath } from './walls/file-boundary';
import { boundedSniffer } from './csv-dialect/bounded-sniffer';
import { boundedModelReader } from './ml/model-reader';
import { modelCardOf } from './ml/model-card';
import { DeltaTables } from './delta/delta-tables';
import { deltaVersionsOf } from './delta/delta-versions';
import type { MessageLocale } from '../../shared/messages/template';
import { gatherReport } from './report/gather-report';
import { reportHtml } from './report/report-html';
import { writeReport } from './report/write-report';
import { reportRefusals } from './report/report-refusals';
import { sinkRefusals } from './walls/sink-guard';
import { readOne } from './walls/one-statement';
import { collectRejected, countRejected } from './run/rejects';
import { refNode, refPort } from '../../shared/format/document';
import { recordingConnections, recordingSecrets, redactedSession } from './session/redacted-session';
import { Redactor } from './sandbox/redactor';

/**
 * Opens a pipeline: analyzes it, starts a DuckDB instance sandboxed to the
 * files it names, and binds every node's view. The session then answers
 * schemas and previews at design time, and runs. A changed document (or
 * changed files) needs a new session: the sandbox is locked. Every secret
 * value it resolves is redacted from all it returns (redacted-session.ts).
 */
export async function openPipeline(doc: PipelineDocument, opts: OpenOptions): Promise<PipelineSession> {
  const redactor = opts.redactor ?? new Redactor();
  try {
    const connections = opts.connections === undefined ? undefined : recordingConnections(opts.connections, redactor);
    const secrets = recordingSecrets(opts.secrets ?? environmentSecrets(), redactor);
    // Opened once here: the run session a design session opens shares them.
    const caches = opts.caches ?? engineCaches();
    return redactedSession(
      await openSession(
        doc,
        { ...opts, ...(connections === undefined ? {} : { connections }), secrets, caches },
        redactor,
      ),
      redactor,
    );
  } catch (e) {
    throw redactor.error(e);
  }
}

async function openSession(
  doc: PipelineDocument,
  opts: OpenOptions & { caches: EngineCaches },
  redactor: Redactor,
): Promise<Session> {
  const baseDir = resolve(opts.baseDir);
  const deltaTables = new DeltaTables(baseDir, opts.trust);
  const analyzeOptions: AnalyzeOptions = {
    catalog,
    ...(opts.params === undefined ? {} : { params: opts.params }),
    resolvePath: (p) => resolve(baseDir, p),
    statPath,
    glob: expandGlob,
    // Only the file a CSV source names is sniffed; a restricted pipeline's, only inside its folder.
    csvDialect: boundedSniffer(baseDir, opts.trust),
    // ml.score's model: size-capped and schema-checked; a restricted pipeline's, only inside its folder.
    readModel: boundedModelReader(baseDir, opts.trust),
    // source.delta's table versions, read just below, before any node compiles.
    readDelta: deltaTables.lookup,
  };
  let analysis = analyze(doc, analyzeOptions);
  await deltaTables.preload(analysis, {
    ...(opts.memoryLimit === undefined ? {} : { memoryLimit: opts.memoryLimit }),
    ...(opts.threads === undefined ? {} : { threads: opts.threads }),
  });
  let pa = planAccess(analysis);
  const purpose = opts.purpose ?? 'design';
  const report = trustReport(analysis, pa, baseDir, opts.trust);
  const restricted = opts.trust === 'restricted';
  // Restricted: the nodes that would reach beyond the folder fail before DuckDB opens, and are given nothing.
  if (restricted) analysis.diagnostics.push(...heldBack(analysis, report));
  // An output a killed run left half-swapped is put back before anything looks at it.
  if (!restricted) for (const s of pa.sinks.values()) if (s.spec.directory) recoverSwap(s.spec.path);
  analysis.diagnostics.push(
    ...sinkRefusals(pa, baseDir, opts.file, opts.nodeCache?.dir),
    ...reportRefusals(pa, analysis),
  );
  const skip = new Set(
    analysis.diagnostics.filter((d) => d.severity === 'error' && d.nodeId !== undefined).map((d) => d.nodeId ?? ''),
  );
  // Kept node results (node-cache/): a run reuses and keeps them, a design session previews from them; DuckDB is given just their entries (and a run, the names it writes).
  let nodeCache =
    opts.nodeCache !== undefined && !restricted
      ? planNodeCache(analysis, pa, { ...opts.nodeCache, looks: purpose !== 'run' })
      : undefined;
  // A whole run reads the nearest whole results in their nodes' place and binds nothing above them (stand-ins.ts).
  const chosen =
    opts.standIns === true && purpose === 'run' && nodeCache !== undefined
      ? chooseStandIns(analysis, nodeCache, skip)
      : undefined;
  const narrowed =
    chosen === undefined ? undefined : standInAnalysis(analysis, doc, chosen, (d) => analyze(d, analyzeOptions));
  const standIns = narrowed === undefined ? undefined : chosen;
  if (narrowed !== undefined && chosen !== undefined && nodeCache !== undefined) {
    analysis = narrowed;
    pa = planAccess(analysis);
    nodeCache = withoutStandIns(nodeCache, chosen);
  }
  const access = sandboxAccess(pa, { skip, sinks: purpose === 'run' && !restricted });
  const sandbox = await openSandbox(
    nodeCache === undefined
      ? access
      : { files: [...access.files, ...nodeCacheFiles(nodeCache, purpose === 'run')], dirs: access.dirs },
    {
      ...(opts.memoryLimit === undefined ? {} : { memoryLimit: opts.memoryLimit }),
      ...(opts.spillLimit === undefined ? {} : { spillLimit: opts.spillLimit }),
      ...(opts.threads === undefined ? {} : { threads: opts.threads }),
      externalStore: pa.externalSources.size > 0,
    },
  );
  const externals = new ExternalNodes({
    instance: sandbox.instance,
    spillDir: sandbox.spillDir,
    connections: restricted ? undefined : opts.connections,
    stateFile: opts.stateFile,
    secrets: restricted ? noSecrets : (opts.secrets ?? environmentSecrets()),
    redactor,
    trust: opts.trust,
  });
  const onAbort = (): void => sandbox.connection.interrupt();
  opts.signal?.addEventListener('abort', onAbort);
  try {
    const owner = fileOwner(analysis, pa);
    await prefetchPins(analysis, sandbox.instance, opts.caches.pins);
    const bound = await bindViews(
      analysis,
      sandbox.connection,
      opts.caches.pins,
      owner,
      externals,
      opts.signal,
      sandbox.spillDir,
    );
    // A run session reads its sources' detecting views only when it computes them (a result the node cache holds is not read).
    if (purpose !== 'run') await useDetectingViews(sandbox.connection, bound);
    // An abort that landed between two statements interrupted nothing: it still ends the open.
    if (opts.signal?.aborted === true) throw new DutoError([abortError(opts.signal)]);
    const openForRun = (): Promise<Session> => openSession(doc, { ...opts, purpose: 'run' }, redactor);
    // A stand-in found damaged when the run starts: the run is the whole pipeline's, bound in full.
    const openWhole = (): Promise<Session> => openSession(doc, { ...opts, standIns: false }, redactor);
    return new Session(
      doc,
      analysis,
      pa,
      sandbox,
      bound,
      externals,
      opts.runCacheFile === undefined ? undefined : openRunCache(opts.runCacheFile),
      // The record names the files a run read: one that read stand-ins does not know its sources' (stand-ins.ts).
      standIns !== undefined ||
        opts.quickCheckFile === undefined ||
        opts.file === undefined ||
        opts.trust !== 'trusted' ||
        !plainDocument(doc, opts.params ?? {})
        ? undefined
        : { file: opts.quickCheckFile, key: quickKey(doc, opts.params ?? {}, opts.file) },
      nodeCache,
      opts.caches,
      report,
      purpose === 'run' ? null : openForRun,
      redactor,
      standIns === undefined ? undefined : { ...standIns, openWhole },
    );
  } catch (e) {
    await externals.close();
    sandbox.close();
    if (opts.signal?.aborted === true) throw new DutoError([abortError(opts.signal)]);
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** A timeout (AbortSignal.timeout) says so; any other abort is a cancel. */
function abortError(signal: AbortSignal): Diagnostic {
  const reason: unknown = signal.reason;
  const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
  return timedOut ? error('open.timeout', {}) : error('open.cancelled', {});
}

/** A restricted session resolves no secret. */
const noSecrets: SecretLookup = () => ({ problem: { reason: 'untrusted', args: {} } });

/** How long a failed preview may spend naming the node above that raised its error. */
const PREVIEW_LOCATE_BUDGET_MS = 2_000;

class Session implements PipelineSession {
  private closed = false;
  private running: Promise<RunResult> | null = null;
  private readonly owner: ReturnType<typeof fileOwner>;
  /** Whole outputs a profile or chart wrote once, read by the next (look-entry.ts). */
  private readonly looks: LookEntries;

  constructor(
    readonly document: PipelineDocument,
    private readonly analysis: Analysis,
    private readonly access: PlanAccess,
    private readonly sandbox: Sandbox,
    private readonly bound: BoundPlan,
    private readonly externals: ExternalNodes,
    private readonly runCache: RunCache | undefined,
    /** Where a trusted run records that it left everything up to date (run/quick-check.ts). */
    private readonly quickCheck: { file: string; key: string } | undefined,
    private readonly nodeCache: NodeCachePlan | undefined,
    /** What the sessions of one owner share: previews, charts and profiles by fingerprint, sniffed sources. */
    private readonly caches: EngineCaches,
    private readonly report: TrustReport,
    /** A design session runs in a session of its own that may write its sinks (null: this one may). */
    private readonly openForRun: (() => Promise<Session>) | null,
    /** Knows the secrets the session resolved: a report names none of them. */
    private readonly redactor: Redactor,
    /** Results read in their nodes' place (node-cache/stand-ins.ts), and how to open the whole pipeline instead. */
    private readonly standIns?: StandIns & { openWhole: () => Promise<Session> },
  ) {
    this.owner = fileOwner(analysis, access);
    this.looks = new LookEntries(nodeCache);
  }

  async validate(): Promise<ValidateResult> {
    this.assertOpen();
    const diagnostics = [...this.bound.diagnostics, ...(await this.fileChecks(new Set(this.bound.stepById.keys())))];
    const detected = Object.fromEntries(
      [...this.bound.stepById].flatMap(([id, step]) => (step.detected === undefined ? [] : [[id, step.detected]])),
    );
    return {
      ok: !hasErrors(diagnostics),
      diagnostics,
      schemas: Object.fromEntries(this.bound.schemas),
      trust: this.report,
      ...(Object.keys(detected).length === 0 ? {} : { detected }),
    };
  }

  async schema(ref: string): Promise<SchemaResult> {
    const started = performance.now();
    // `node` or `node.port`, as in a preview.
    const nodeId = refNode(ref);
    const columns = ref === nodeId ? this.columnsOf(nodeId) : this.portColumns(nodeId, refPort(ref));
    return { nodeId: ref, columns, elapsedMs: Math.round(performance.now() - started) };
  }

  async preview(
    ref: string,
    limit: number,
    offset = 0,
    signal?: AbortSignal,
    view?: PreviewView,
  ): Promise<PreviewResult> {
    const started = performance.now();
    // `node` or `node.port` (a source's rejected rows).
    const nodeId = refNode(ref);
    const port = ref === nodeId ? undefined : refPort(ref);
    const columns = port === undefined ? this.columnsOf(nodeId) : this.portColumns(nodeId, port);
    const step = this.bound.stepById.get(nodeId);
    const relation =
      port === undefined
        ? (step?.view?.name ?? step?.sink?.input ?? step?.externalSink?.input ?? step?.deltaSink?.input)
        : step?.ports?.[port]?.name;
    if (relation === undefined) throw this.nothingToRead(nodeId, 'preview.none');
    const n = Math.max(0, Math.min(PREVIEW_MAX_ROWS, Math.floor(limit)));
    const o = Math.max(0, Math.floor(offset));
    // A port's rows are gathered by a read of the node: never from the cache.
    const print = port === undefined ? fingerprint(this.bound.stepById, nodeId) : undefined;
    const viewed = isActive(view) ? view : undefined;
    const key =
      print === undefined
        ? undefined
        : `${previewKey(print, n, o)}${viewed === undefined ? '' : `:${JSON.stringify(viewed)}`}`;
    const hit = key === undefined ? undefined : this.caches.previews.get(key);
    if (hit !== undefined) return { ...hit, elapsedMs: Math.round(performance.now() - started) };
    // A JSON file changed since the session bound it is checked again before DuckDB reads it.
    const changed = (await this.fileChecks(ancestorsAndSelf(this.analysis, nodeId))).filter(
      (d) => d.severity === 'error',
    );
    if (changed.length > 0) throw new DutoError(changed);
    return withConnection(this.sandbox.instance, nodeId, signal, async (conn) => {
      try {
        const sample = await this.sampleExternals(nodeId, o + n + 1, signal);
        await prepareReads(conn, this.bound, ancestorsAndSelf(this.analysis, nodeId));
        if (port === 'rejected' && step?.rejects !== undefined && step.view !== undefined)
          await collectRejected(conn, step.view.name, step.rejects);
        // Sorted or filtered by the user: over the node's whole output (preview-view.ts).
        const clauses = viewed === undefined ? '' : ` ${viewClauses(columns, viewed, nodeId)}`;
        // A node a run kept: its rows come from the cache entry, not computed again (never a check's rows or a port's).
        const kept =
          port === undefined && step?.quality === undefined
            ? await cachedRelation(conn, this.nodeCache, nodeId, relation)
            : undefined;
        // Else a copy a profile or chart kept: a sort or filter over the whole output reads it, not the sources again.
        const look =
          kept === undefined && port === undefined && this.lookable(nodeId)
            ? await this.looks.kept(conn, nodeId, relation)
            : undefined;
        const reader = await readOne(
          conn,
          `SELECT ${previewSelectList(columns)} FROM ${kept ?? look ?? relation} AS ${VIEWED}${clauses} LIMIT ${String(n + 1)} OFFSET ${String(o)}`,
        );
        const raw = reader.getRowsJson();
        const rows = raw.slice(0, n).map((r) => columns.map((c, i) => previewCell(r[i], c)));
        // Once per preview: "load more" pages (offset > 0) show rows only.
        const outcome =
          step?.quality === undefined || step.view === undefined || o > 0
            ? undefined
            : await evaluateQuality(
                conn,
                nodeId,
                `(SELECT * FROM ${step.quality.rows} LIMIT ${String(PREVIEW_CHECK_ROWS)})`,
                {
                  ...step.quality,
                  onFailure: 'warn',
                  checks: step.quality.checks.map((c) => ({ ...c, action: c.action === 'fail' ? 'warn' : c.action })),
                },
              );
        const checks = outcome === undefined ? undefined : { rows: outcome.rows, failures: outcome.failures };
        // The node's own design-time warnings, and the rows its read set aside (counted on this preview's rows).
        const warnings = this.bound.diagnostics.filter(
          (d) => d.severity === 'warning' && d.nodeId === nodeId && d.code !== 'node.unused',
        );
        if (port === undefined && step?.rejects !== undefined) {
          const count = await countRejected(conn, step.rejects);
          if (count.rows > 0) {
            const n = { count: count.rows };
            const where = { nodeId, param: 'badRows' };
            const first =
              count.first === undefined
                ? undefined
                : { ...n, line: String(count.first.line), reason: count.first.reason };
            if (step.rejects.policy === 'quarantine')
              warnings.push(
                first === undefined
                  ? warning('source.rejected/preview-aside', n, where)
                  : warning('source.rejected/preview-aside-first', first, where),
              );
            else
              warnings.push(
                first === undefined
                  ? warning('source.rejected/preview-skipped', n, where)
                  : warning('source.rejected/preview-skipped-first', first, where),
              );
          }
        }
        const matching =
          viewed === undefined || o > 0
            ? undefined
            : Number(
                (
                  await readOne(
                    conn,
                    `SELECT count(*) FROM ${kept ?? look ?? relation} AS ${VIEWED} ${whereClause(columns, viewed, nodeId)}`,
                  )
                ).getRows()[0]?.[0] ?? 0,
              );
        const result: PreviewResult = {
          nodeId: ref,
          columns,
          rows,
          offset: o,
          more: raw.length > n,
          elapsedMs: Math.round(performance.now() - started),
          ...(sample === undefined ? {} : { sample }),
          ...(checks === undefined ? {} : { checks }),
          ...(warnings.length === 0 ? {} : { warnings }),
          ...(matching === undefined ? {} : { matching }),
          ...(kept === undefined ? {} : { origin: 'cache' as const }),
        };
        if (key !== undefined) this.caches.previews.remember(key, result);
        return result;
      } catch (e) {
        if (e instanceof DutoError) throw e;
        const d = diagnoseDuckDBError(e, { nodeId, ownerOfFile: this.owner, files: this.filesAbove(nodeId) });
        if (d.nodeId !== nodeId || !isDataError(e) || signal?.aborted === true) throw new DutoError([d]);
        // As a run does: name the node above whose own rows raise it, looking at as many rows as this preview.
        const above = upstreamClosure(
          this.analysis.order,
          nodeId,
          (id) => this.analysis.nodes.get(id)?.upstream ?? [],
        ).filter((id) => id !== nodeId && !this.externals.has(id));
        const culprit = await locateFailure(conn, e, {
          nodeIds: above,
          bound: this.bound,
          budgetMs: PREVIEW_LOCATE_BUDGET_MS,
          rows: o + n + 1,
        });
        throw new DutoError([culprit === undefined ? d : raisedBy(d, culprit)]);
      }
    });
  }

  /**
   * External sources above a preview hold only the rows it needs: its own
   * rows for the source itself, a sample of EXTERNAL_PREVIEW_ROWS for the
   * nodes below it (a filter may need more rows than it shows).
   */
  private async sampleExternals(
    nodeId: string,
    rows: number,
    signal: AbortSignal | undefined,
  ): Promise<PreviewResult['sample']> {
    // In pipeline order: a source that reads another's table (ONNX scoring) is sampled after it.
    const above = ancestorsAndSelf(this.analysis, nodeId);
    const ids = this.analysis.order.filter((id) => above.has(id) && this.externals.has(id));
    if (ids.length === 0) return undefined;
    const direct = ids.length === 1 && ids[0] === nodeId;
    const sampleRows = direct ? rows : Math.max(rows, EXTERNAL_PREVIEW_ROWS);
    await this.externals.ensureSample(ids, sampleRows, signal ?? new AbortController().signal);
    // The source's own preview shows its first rows exactly; below it, results depend on the sample.
    return direct ? undefined : { sources: ids, rows: sampleRows };
  }

  async run(options: RunOptions = {}): Promise<RunResult> {
    this.assertOpen();
    if (this.running !== null) throw new DutoError([error('run.busy', {})]);
    if (this.report.mode === 'restricted') throw new DutoError([runRefusal(this.report)]);
    // A stand-in damaged since the session opened, a run that may not reuse, one up to a node or keeping: the whole pipeline runs.
    const whole =
      this.standIns !== undefined &&
      (options.noCache === true ||
        options.until !== undefined ||
        options.keepOnly === true ||
        !standInsWhole(this.standIns))
        ? this.standIns.openWhole
        : null;
    const delegate = this.openForRun ?? whole;
    if (delegate !== null) {
      const open = delegate;
      this.running = (async () => {
        const writer = await open();
        try {
          return await writer.run(options);
        } finally {
          writer.close();
        }
      })();
      try {
        return await this.running;
      } finally {
        this.running = null;
      }
    }
    const startedAt = new Date();
    this.running = runPipeline(
      {
        analysis: this.analysis,
        bound: this.bound,
        access: this.access,
        instance: this.sandbox.instance,
        ownerOfFile: this.owner,
        fileChecks: (ids) => this.fileChecks(ids),
        externals: this.externals,
        ...(this.runCache === undefined ? {} : { runCache: this.runCache }),
        ...(this.quickCheck === undefined ? {} : { quickCheck: this.quickCheck }),
        ...(this.nodeCache === undefined ? {} : { nodeCache: this.nodeCache }),
        ...(this.standIns === undefined ? {} : { standIns: this.standIns }),
        writeReport: async (nodeId, spec, result, signal) => {
          await writeReport(
            this,
            spec,
            { at: startedAt, result },
            {
              locale: options.locale ?? 'en',
              self: nodeId,
              redact: (text) => this.redactor.text(text),
              ...(signal === undefined ? {} : { signal }),
            },
          );
        },
      },
      options,
    );
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  async deltaVersions(nodeId: string): Promise<DeltaVersionsData> {
    this.assertOpen();
    return deltaVersionsOf(this.analysis, nodeId, this.report.folder, this.report.mode);
  }

  async modelCard(nodeId: string): Promise<ModelCardData> {
    this.assertOpen();
    return modelCardOf(this.analysis, nodeId, this.report.folder, this.report.mode);
  }

  async profile(nodeId: string, signal?: AbortSignal): Promise<ProfileResult> {
    this.assertOpen();
    const started = performance.now();
    const step = this.bound.stepById.get(nodeId);
    const relation = step?.view?.name ?? step?.sink?.input ?? step?.externalSink?.input ?? step?.deltaSink?.input;
    if (relation === undefined) throw this.nothingToRead(nodeId, 'profile.none');
    // An unchanged node (its fingerprint: config, upstream, file identities) profiles as before: asked once per owner.
    const print = fingerprint(this.bound.stepById, nodeId);
    const hit = print === undefined ? undefined : this.caches.profiles.get(print);
    if (hit !== undefined) return { ...hit, elapsedMs: Math.round(performance.now() - started) };
    return withConnection(this.sandbox.instance, nodeId, signal, async (conn) => {
      try {
        // Below connector sources, the profile is of the same sample previews use.
        const sample = await this.sampleExternals(nodeId, EXTERNAL_PREVIEW_ROWS, signal);
        await prepareReads(conn, this.bound, ancestorsAndSelf(this.analysis, nodeId));
        // Profiled from the run's kept result when there is one (node cache), as previews and charts are.
        const kept =
          step?.quality === undefined ? await cachedRelation(conn, this.nodeCache, nodeId, relation) : undefined;
        // Else its whole output, written once for this and every later look (look-entry.ts).
        const whole =
          kept ?? (this.lookable(nodeId) ? await this.looks.whole(conn, nodeId, relation, signal) : undefined);
        const p = await profileView(conn, nodeId, whole ?? relation);
        const result = {
          ...p,
          elapsedMs: Math.round(performance.now() - started),
          ...(sample === undefined ? {} : { sample }),
        };
        if (print !== undefined) this.caches.profiles.remember(print, result);
        return result;
      } catch (e) {
        if (e instanceof DutoError) throw e;
        throw new DutoError([diagnoseDuckDBError(e, { nodeId, ownerOfFile: this.owner })]);
      }
    });
  }

  async chart(nodeId: string, spec: ChartSpecData, signal?: AbortSignal): Promise<ChartResultData> {
    this.assertOpen();
    const started = performance.now();
    const step = this.bound.stepById.get(nodeId);
    const relation = step?.view?.name ?? step?.sink?.input ?? step?.externalSink?.input ?? step?.deltaSink?.input;
    if (relation === undefined) throw this.nothingToRead(nodeId, 'profile.none');
    const { columns } = await this.schema(nodeId);
    const print = fingerprint(this.bound.stepById, nodeId);
    const key = print === undefined ? undefined : `${print}:${JSON.stringify(spec)}`;
    const hit = key === undefined ? undefined : this.caches.charts.get(key);
    if (hit !== undefined) return { ...hit, elapsedMs: Math.round(performance.now() - started) };
    return withConnection(this.sandbox.instance, nodeId, signal, async (conn) => {
      try {
        await this.sampleExternals(nodeId, EXTERNAL_PREVIEW_ROWS, signal);
        await prepareReads(conn, this.bound, ancestorsAndSelf(this.analysis, nodeId));
        // A node a run kept is charted from its cache entry, as previews are, not computed again.
        const kept =
          step?.quality === undefined ? await cachedRelation(conn, this.nodeCache, nodeId, relation) : undefined;
        const whole =
          kept ?? (this.lookable(nodeId) ? await this.looks.whole(conn, nodeId, relation, signal) : undefined);
        const c = await chartView(conn, nodeId, whole ?? relation, columns, spec);
        const result = {
          ...c,
          elapsedMs: Math.round(performance.now() - started),
          ...(kept === undefined ? {} : { origin: 'cache' as const }),
        };
        if (key !== undefined) this.caches.charts.remember(key, result);
        return result;
      } catch (e) {
        if (e instanceof DutoError) throw e;
        throw new DutoError([diagnoseDuckDBError(e, { nodeId, ownerOfFile: this.owner })]);
      }
    });
  }

  async reportPage(nodeId: string, locale: MessageLocale, signal?: AbortSignal): Promise<string> {
    this.assertOpen();
    const spec = this.access.reports.get(nodeId);
    if (spec === undefined || this.bound.failed.has(nodeId))
      throw new DutoError([error('preview.none', {}, { nodeId })]);
    const html = reportHtml(
      await gatherReport(this, spec, undefined, {
        locale,
        now: new Date(),
        self: nodeId,
        ...(signal === undefined ? {} : { signal }),
      }),
    );
    return this.redactor.text(html);
  }

  async leftovers(remove: boolean, signal?: AbortSignal): Promise<SinkLeftovers[]> {
    this.assertOpen();
    // Connecting to a database needs a trusted pipeline, as a run does.
    if (this.report.mode === 'restricted') throw new DutoError([runRefusal(this.report)]);
    const lock: LockSettings = { runId: newRunId(), waitMs: 0 };
    return this.externals.leftovers(this.access.externalSinks, remove, lock, signal ?? new AbortController().signal);
  }

  lineage(): Lineage {
    this.assertOpen();
    return lineageOf(this.analysis, this.bound);
  }

  async columnLineage(): Promise<ColumnLineage> {
    this.assertOpen();
    const conn = await this.sandbox.instance.connect();
    try {
      return await columnLineageOf(conn, this.analysis, this.bound);
    } finally {
      conn.closeSync();
    }
  }

  async sql(): Promise<string> {
    return pipelineScript(this.document, this.analysis, this.bound);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.access.sinks.values()) discardTemp(s.temp);
    void this.externals.close();
    this.sandbox.close();
  }

  /**
   * A node with no relation to read: when it (or a node above it) failed to
   * check, that error is the answer — "no rows to profile" would hide it.
   */
  /**
   * Whether a look may keep the node's whole output: a node of its own (not a
   * sink's input), and nothing above it checks rows, reads a port other than
   * `out` or a database (whose rows design time samples and which may change).
   */
  private lookable(nodeId: string): boolean {
    if (this.bound.stepById.get(nodeId)?.view === undefined) return false;
    for (const id of ancestorsAndSelf(this.analysis, nodeId)) {
      const step = this.bound.stepById.get(id);
      if (step === undefined || step.quality !== undefined || step.externalSource !== undefined) return false;
      const refs = Object.values(this.analysis.nodes.get(id)?.inputs ?? {}).flat();
      if (refs.some((ref) => refPort(ref) !== 'out')) return false;
    }
    return true;
  }

  private nothingToRead(nodeId: string, code: 'preview.none' | 'profile.none'): DutoError {
    const above = ancestorsAndSelf(this.analysis, nodeId);
    const failed = this.bound.diagnostics.filter(
      (d) => d.severity === 'error' && d.nodeId !== undefined && above.has(d.nodeId),
    );
    return new DutoError(failed.length > 0 ? failed : [error(code, {}, { nodeId })]);
  }

  private assertOpen(): void {
    if (this.closed) throw new DutoError([error('session.closed', {})]);
  }

  /** The columns of a node's other output port. */
  private portColumns(nodeId: string, port: string): Column[] {
    this.columnsOf(nodeId); // the node's own problems first
    const cols = this.bound.schemas.get(`${nodeId}.${port}`);
    if (cols === undefined)
      throw new DutoError([error('node.unknown-output/port', { node: nodeId, port }, { nodeId })]);
    return cols;
  }

  /** The columns of a node that binds; otherwise the diagnostics explaining why it does not. */
  private columnsOf(nodeId: string): Column[] {
    this.assertOpen();
    if (!this.analysis.nodes.has(nodeId) && !this.document.nodes.some((n) => n.id === nodeId)) {
      throw new DutoError([error('node.unknown', { node: nodeId })]);
    }
    const cols = this.bound.schemas.get(nodeId);
    if (cols !== undefined) return cols;
    const own = this.bound.diagnostics.filter((d) => d.nodeId === nodeId && d.severity === 'error');
    if (own.length > 0) throw new DutoError(own);
    const errors = new Map<string, Diagnostic[]>();
    for (const d of this.bound.diagnostics)
      if (d.severity === 'error' && d.nodeId !== undefined) errors.set(d.nodeId, [...(errors.get(d.nodeId) ?? []), d]);
    const errorsOf = (id: string): Diagnostic[] => errors.get(id) ?? [];
    // Up to the nearest nodes with errors on each path: what lies above them is not the cause.
    const above = reachable(nodeId, (id) =>
      id !== nodeId && errorsOf(id).length > 0 ? [] : (this.analysis.nodes.get(id)?.upstream ?? []),
    );
    const found = [...above].filter((id) => id !== nodeId).flatMap(errorsOf);
    const nodes = [...new Set(found.map((d) => d.nodeId))].join(', ');
    const failed =
      found.length === 0
        ? error('node.upstream-failed', {}, { nodeId })
        : error(found.length > 1 ? 'node.upstream-failed/many' : 'node.upstream-failed/one', { nodes }, { nodeId });
    throw new DutoError([failed, ...found]);
  }

  /** The files read by a node and the nodes above it. */
  private filesAbove(nodeId: string): string[] {
    const ids = ancestorsAndSelf(this.analysis, nodeId);
    return this.bound.steps
      .filter((s) => ids.has(s.nodeId))
      .flatMap((s) => s.reads.filter((r) => r.kind === 'file').map((r) => r.path));
  }

  /** The JSON checks of the given nodes again (cached per file: a file changed since binding is read again). */
  private async fileChecks(nodeIds: ReadonlySet<string>): Promise<Diagnostic[]> {
    const out: Diagnostic[] = [];
    for (const step of this.bound.steps) {
      const check = jsonCheckOf(step);
      if (nodeIds.has(step.nodeId) && check !== undefined) out.push(...jsonFileProblems(step, check));
    }
    return out;
  }
}
