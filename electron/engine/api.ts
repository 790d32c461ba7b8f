import type { Column } from '../../shared/catalog/node-type';
import type { Diagnostic } from '../../shared/diagnostics';
import type { PipelineDocument } from '../../shared/format/document';
import type { MessageLocale } from '../../shared/messages/template';
import type { ConnectionLookup } from './connections/resolved';
import type { SecretLookup } from './external/secret-lookup';
import type { Redactor } from './sandbox/redactor';
import type {
  ChartResultData,
  ChartSpecData,
  DeltaVersionsData,
  ModelCardData,
  PreviewViewData as PreviewView,
  ProfileResultData,
  TrustReport,
} from '../../shared/ipc/results';
import type { TrustMode } from './trust/trust-report';
import type { Lineage } from './preview/lineage';
import type { ColumnLineage } from '../../shared/lineage/column-lineage';
import type { SinkLeftovers } from './external/types';
import type { EngineCaches } from './session/engine-caches';
import type { NodeCacheSettings } from './node-cache/node-cache-plan';

/**
 * The engine's public surface, used in-process by the CLI and the tests,
 * and behind IPC by the app. Plain Node: never imports electron.
 */

export interface OpenOptions {
  /** The folder relative paths in the document are resolved against (the pipeline file's folder). */
  baseDir: string;
  /**
   * Whether this pipeline may reach beyond its own folder (ARCHITECTURE.md, wall 5: trust).
   * `restricted`, for a pipeline that did not originate here: only files
   * under `baseDir` are read (links followed), nodes that would read
   * elsewhere, connect to a database, fetch over the network or use a
   * secret fail saying so, no connection or secret is ever resolved, and
   * `run` is refused. The CLI and the app's host decide (trust-store.ts).
   */
  trust: TrustMode;
  /**
   * `design` (the default): checks, schemas and previews — DuckDB can write
   * nowhere but its spill folder. `run`: the sinks' temporary targets are
   * writable too. A design session's `run` opens a run session for it.
   */
  purpose?: 'design' | 'run';
  /** Cancels opening (binding every node). */
  signal?: AbortSignal;
  /** The pipeline file, when it is saved: no output may ever write over it. */
  file?: string;
  /** Values for the pipeline's `${name}` parameters. */
  params?: Readonly<Record<string, string>>;
  /**
   * The engine's memory budget, e.g. '4GB': DuckDB's own limit is set below
   * it, leaving room for what DuckDB does not count, so the process stays
   * within it (shared/memory-size.ts). Default: half of the machine's memory.
   */
  memoryLimit?: string;
  /** The most DuckDB's spill folder may hold, e.g. '20GB'. Default: half of the free disk space there. */
  spillLimit?: string;
  /** DuckDB threads. Defaults to the core count. */
  threads?: number;
  /**
   * Where the named connections of database nodes come from. The app's host
   * passes its own (user connections file + stored passwords + environment);
   * the CLI builds one from its connections files and the environment.
   */
  connections?: ConnectionLookup;
  /**
   * The incremental state file of this pipeline (`stateFileFor(pipelineFile)`):
   * watermarks are read from it and advanced after a successful run. Without
   * one, incremental sources read every row.
   */
  stateFile?: string;
  /**
   * Values of `${secret:NAME}` references. Default: the environment
   * (DUTO_SECRET_<NAME>), as the CLI has it; the app's host puts the
   * keychain's values first.
   */
  secrets?: SecretLookup;
  /**
   * Where file sinks record what they wrote (`runCacheFileFor(pipelineFile)`):
   * a sink whose fingerprint and target are unchanged is not written again.
   * Without one, every run writes every sink.
   */
  runCacheFile?: string;
  /**
   * Where a trusted run of a plain file pipeline records that it left every
   * output up to date (`quickCheckFileFor(pipelineFile)`), for the CLI's
   * next up-to-date check to answer without opening the engine.
   */
  quickCheckFile?: string;
  /**
   * The node result cache (node-cache/): runs keep costly nodes' results
   * there and start from the nearest unchanged ones. Without it, nothing is
   * kept or reused.
   */
  nodeCache?: NodeCacheSettings;
  /**
   * A run session for whole runs (the CLI's `duto run`): nodes whose result
   * the node cache holds whole are read from it in their place, and what
   * only they need is neither analysed further nor bound
   * (node-cache/stand-ins.ts). Such a session answers runs only; a run up to
   * a node, without the cache, or finding a stand-in damaged opens the whole
   * pipeline. Ignored without `nodeCache` or for a design session.
   */
  standIns?: boolean;
  /**
   * Previews and sniffed CSV sources kept across sessions by whoever opens
   * them (engine-caches.ts: the app's host, a CLI command). Without them, the
   * session (and the run session it opens) keeps its own.
   */
  caches?: EngineCaches;
  /**
   * Learns every secret value the session resolves (connection passwords,
   * `${secret:NAME}` values) and redacts them from all it returns, throws
   * and reports. Pass one to share it (the CLI redacts its own output and
   * the run history with it); default: the session's own.
   */
  redactor?: Redactor;
}

/** Rows of a database (or other external) source that previews of the nodes below it are computed on. */
export const EXTERNAL_PREVIEW_ROWS = 10_000;

export interface PreviewValue {
  /** JSON-safe cell: numbers, strings (big integers, decimals, dates as text), booleans, null. */
  v: string | number | boolean | null;
}

export interface PreviewResult {
  nodeId: string;
  columns: Column[];
  /** Rows of cells in column order; long text is cut to PREVIEW_MAX_CHARS (preview-values.ts). */
  rows: Array<Array<string | number | boolean | null>>;
  offset: number;
  /** True when more rows follow. */
  more: boolean;
  elapsedMs: number;
  /**
   * Set when the rows come from a sample of external sources (databases,
   * Excel, HTTP) above the node: a filter or join below them sees only that
   * sample until the pipeline runs.
   */
  sample?: { sources: string[]; rows: number };
  /** 'cache': the rows were read from the node's cache entry a run kept (node-cache/), not computed. */
  origin?: 'cache';
  /**
   * A quality node's checks evaluated on the rows a preview can see (the
   * first PREVIEW_CHECK_ROWS of its input): how they fare while building,
   * before a run checks every row. Failures are warnings.
   */
  checks?: { rows: number; failures: Diagnostic[] };
  /** What looks wrong about the node or what it reads (an implausible dialect, rows set aside): never silence. */
  warnings?: Diagnostic[];
  /** With a sort or filter (`view`): how many of the node's rows match. */
  matching?: number;
}

/** Rows a preview of a data-check node evaluates its checks on. */
export const PREVIEW_CHECK_ROWS = 10_000;

export const PREVIEW_MAX_ROWS = 10_000;

export type NodeRunStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled' | 'skipped';

export interface ProgressEvent {
  nodeId: string;
  status: NodeRunStatus;
  /** Rows written (sinks) or produced, when known. */
  rows?: number;
  elapsedMs: number;
  /** Share of the current step done, 0..1, when DuckDB can tell. */
  progress?: number;
  diagnostic?: Diagnostic;
  /** Done without running: the sink's target already holds this result (see OpenOptions.runCacheFile). */
  cached?: boolean;
  /** Where a done node's result came from: its cache entry (node-cache/), or computed in this run. */
  origin?: NodeOrigin;
  /** The sink waits for another run's lock on its target: "waiting for <target>: locked by run <id> (pid N) since …". */
  waiting?: string;
  /** Streamed inside a later node's query (DuckDB runs a chain as one): its time is that node's, shown there only. */
  streamed?: boolean;
}

export type NodeOrigin = 'cache' | 'computed';

export interface RunOptions {
  /** Run only what this node needs, and the node itself. */
  until?: string;
  /** Write every sink, even those whose target is up to date. */
  force?: boolean;
  /** Neither reuse nor keep node results (`--no-cache`). */
  noCache?: boolean;
  /**
   * Write nothing: compute and keep in the node cache the big results runs computed before without
   * keeping them (run/keep-results.ts), as the resident engine does while idle. Sinks, checks and
   * reports do not run; the result says only which nodes were kept.
   */
  keepOnly?: boolean;
  /**
   * Incremental sources read every row, whatever their targets and the state
   * file keep, and their new watermarks replace the old ones: a reload on
   * purpose, where a target that holds data without state is otherwise refused.
   */
  fullRefresh?: boolean;
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
  /** Names this run in the locks it holds (and, for callers, in the run history). Default: a new id. */
  runId?: string;
  /** How long a sink waits for a target another run writes (locks/); 0: fail at once. Default 10 minutes. */
  lockWaitMs?: number;
  /** The language of what the run writes for people (an HTML report): the app's or the CLI's. Default en. */
  locale?: MessageLocale;
  /**
   * ELT (issue #15): database sinks that write a pushed part on their own server, each with the source the
   * pushdown planner made of that part (pushdown/plan-elt.ts). Only the CLI and the host pass these, from the
   * planner; a pair the engine cannot honour (another connection or database, another reader of the source) streams.
   */
  serverLoads?: ReadonlyArray<{ sinkId: string; sourceId: string }>;
}

export interface RunResult {
  ok: boolean;
  cancelled: boolean;
  elapsedMs: number;
  nodes: Record<
    string,
    { status: NodeRunStatus; rows?: number; elapsedMs: number; streamed?: boolean; origin?: NodeOrigin }
  >;
  /** Files written, by sink node. */
  outputs: Array<{ nodeId: string; path: string; rows: number; cached?: boolean }>;
  /** The data checks the run evaluated, passed or not (absent when none ran). */
  checks?: CheckResult[];
  /** Rows each source set aside or skipped as bad (absent when none did). */
  rejected?: Array<{ nodeId: string; rows: number; policy?: 'quarantine' | 'skip' }>;
  diagnostics: Diagnostic[];
}

/** One expectation of a data-check node, as a run found it. */
export interface CheckResult {
  nodeId: string;
  param: string;
  description: string;
  ok: boolean;
  /** Why it failed: counts and examples. */
  message?: string;
}

/** See `profileResultSchema` (shared/ipc/results.ts): the shape crosses IPC as is. */
export type ProfileResult = ProfileResultData;

export interface SchemaResult {
  nodeId: string;
  columns: Column[];
  elapsedMs: number;
}

export interface ValidateResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Output columns of every node that binds. */
  schemas: Record<string, Column[]>;
  /** What the pipeline would touch beyond its folder's files, and whether it may. */
  trust: TrustReport;
}

export interface PipelineSession {
  readonly document: PipelineDocument;
  /** Every problem in the pipeline, including columns and expressions that don't bind. */
  validate(): Promise<ValidateResult>;
  /** A node's output columns, without running anything. Throws DutoError. */
  schema(nodeId: string): Promise<SchemaResult>;
  /** The first rows of a node's output (limit pushed down). Throws DutoError. */
  preview(
    nodeId: string,
    limit: number,
    offset?: number,
    signal?: AbortSignal,
    view?: PreviewView,
  ): Promise<PreviewResult>;
  run(options?: RunOptions): Promise<RunResult>;
  /** The whole pipeline as one readable SQL script. */
  sql(): Promise<string>;
  /** Which sources each output is made from, through which nodes, with columns. */
  lineage(): Lineage;
  /** For every node's output column, the columns it is computed from; for every output's column, its source columns and path. */
  columnLineage(): Promise<ColumnLineage>;
  /** The versions of a source.delta's table, newest first; none when the node reads no table here (another type, restricted and outside its folder, no log). */
  deltaVersions(nodeId: string): Promise<DeltaVersionsData>;
  /** The model card of an ml.train or ml.score node (its model file, read within the scorer's bounds). */
  modelCard(nodeId: string): Promise<ModelCardData>;
  /** Statistics of every column of a node's whole output (one pass). Throws DutoError. */
  profile(nodeId: string, signal?: AbortSignal): Promise<ProfileResult>;
  /** A chart of a node's whole output: grouped, aggregated, binned or sampled by DuckDB, capped in points. Throws DutoError. */
  chart(nodeId: string, spec: ChartSpecData, signal?: AbortSignal): Promise<ChartResultData>;
  /** The page a report node (sink.report) would write, built now and written nowhere; without a run its summary says none ran. Throws DutoError. */
  reportPage(nodeId: string, locale: MessageLocale, signal?: AbortSignal): Promise<string>;
  /** What killed runs left in database targets (staging tables), dropped when `remove`. A trusted pipeline only (it connects). */
  leftovers(remove: boolean, signal?: AbortSignal): Promise<SinkLeftovers[]>;
  close(): void;
}
