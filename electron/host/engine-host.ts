import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { catalog } from '../../shared/catalog/index';
import type { Column } from '../../shared/catalog/node-type';
import { DutoError, type Diagnostic } from '../../shared/diagnostics';
import type { HeldFileLock } from '../engine/locks/file-lock';
import { lockPipelineRun } from '../engine/locks/pipeline-lock';
import { pipelineMarkdown } from '../../shared/format/docs-markdown';
import { suggestedFileName } from '../../shared/paths';
import type { PipelineDocument } from '../../shared/format/document';
import { parseDocument, parseDocumentText } from '../../shared/format/parse';
import type { ProgressEventData, RunRecordData, RunResultData, ValidateResultData } from '../../shared/ipc/results';
import { allRecentRuns, historyFolder } from '../engine/history/all-history';
import type { EventName, EventPayload, ParsedRequest } from '../../shared/ipc/contract';
import { openPipeline, type PipelineSession } from '../engine';
import type { ProgressEvent, RunOptions, RunResult } from '../engine/api';
import { functionCatalog } from '../engine/expressions/function-catalog';
import { stateFileFor } from '../engine/external/incremental-state';
import { relativeLineage, type Lineage } from '../engine/preview/lineage';
import { runCacheFileFor } from '../engine/run/run-cache';
import { cacheMaxBytes, nodeCacheDir } from '../engine/node-cache/cache-store';
import { engineCaches } from '../engine/session/engine-caches';
import { HISTORY_SHOWN, recentRuns, recordRun, runRecord } from '../engine/history/run-history';
import { adoptUnsavedRuns, historyFileOf } from './unsaved-history';
import { newRunId } from '../engine/run/run-id';
import { pushdownSplit } from '../engine/pushdown/explain-pushdown';
import { pushedDocument, type PushdownSplit } from '../engine/pushdown/plan-pushdown';
import { foldedNodes, keepingNode, nodePlacement, unfoldProgress, unfoldResult } from '../engine/pushdown/pushed-run';
import type { ConnectionManager } from './connections/connection-manager';
import type { SecretManager } from './connections/secret-manager';
import type { Handlers } from './dispatch';
import { HostError } from './host-error';
import { createSessionCache } from './session-cache';
import { sessionKey } from './session-key';
import { trustOfRequest, type TrustOptions } from './trust-ops';

/**
 * The `pipeline.*` operations over the engine: documents are validated,
 * sessions are cached by what they depend on, previews and runs carry an id
 * by which `pipeline.cancel` stops them, and run progress goes out as events.
 */

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export type PipelineOperation =
  | 'pipeline.check'
  | 'pipeline.preview'
  | 'pipeline.run'
  | 'pipeline.cancel'
  | 'pipeline.sql'
  | 'pipeline.columnLineage'
  | 'pipeline.docs'
  | 'pipeline.history'
  | 'pipeline.profile'
  | 'pipeline.chart'
  | 'pipeline.report'
  | 'pipeline.deltaVersions'
  | 'pipeline.modelCard'
  | 'engine.functions'
  | 'history.all';

export interface EngineHostOptions {
  emit: Emit;
  /** Open sessions kept; each holds a DuckDB instance. */
  cacheSize?: number;
  threads?: number;
  memoryLimit?: string;
  /** Named connections for database nodes (the app's connection manager); none: sessions get no lookup. */
  connections?: Pick<ConnectionManager, 'lookupFor' | 'sessionStamp'>;
  /** Named secrets for `${secret:NAME}` references (the app's keychain, then the environment); none: the environment only. */
  secrets?: Pick<SecretManager, 'lookupFor' | 'sessionStamp'>;
  /** Where trust is decided (trust-ops.ts). */
  trust: TrustOptions;
  /** Where every pipeline's history is (history.all); defaults to the user's data folder. */
  historyDir?: string;
  /** A design-time check (opening a pipeline) that takes longer is stopped: a hostile file cannot hang the app. */
  checkTimeoutMs?: number;
}

/** How long opening (checking) a pipeline may take by default. */
export const CHECK_TIMEOUT_MS = 60_000;

export interface EngineHost {
  handlers: Pick<Handlers, PipelineOperation>;
  /** Cancels what is in flight and closes every session. */
  close(): void;
  /** Cached session keys, least recently used first (for tests). */
  cachedKeys(): string[];
  /**
   * Runs a saved pipeline file as it is on disk, through the app's run path
   * (run lock, history, recorded as started by a schedule): the app's scheduler.
   * 'restricted': not run, the file is not trusted.
   */
  runFile(file: string, params: Record<string, string>, signal: AbortSignal): Promise<RunResultData | 'restricted'>;
}

type PipelineRequest = ParsedRequest<'pipeline.check'>;

export function createEngineHost(options: EngineHostOptions): EngineHost {
  const cache = createSessionCache(options.cacheSize ?? 3);
  // Previews and sniffed CSVs outlive a session: an edit opens a new one.
  const caches = engineCaches(join(nodeCacheDir(), 'pins'));
  const inflight = new Map<string, AbortController>();

  const withSession = <T>(
    req: PipelineRequest,
    work: (s: PipelineSession) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> => {
    const doc = documentOf(req.document);
    const { connections, secrets } = options;
    const trust = trustOfRequest(req, options.trust);
    const restricted = trust === 'restricted';
    // A session resolves its connections and secrets when it opens: a changed one must open a new session.
    const stamp = [connections?.sessionStamp(doc, req.params) ?? '', secrets?.sessionStamp(doc, req.params) ?? '']
      .filter((s) => s !== '')
      .join(':');
    const open = async (): Promise<PipelineSession> =>
      openPipeline(doc, {
        baseDir: req.baseDir,
        trust,
        signal: AbortSignal.any([
          AbortSignal.timeout(options.checkTimeoutMs ?? CHECK_TIMEOUT_MS),
          ...(signal === undefined ? [] : [signal]),
        ]),
        params: req.params,
        caches,
        ...(req.file === undefined
          ? {}
          : { file: req.file, stateFile: stateFileFor(req.file), runCacheFile: runCacheFileFor(req.file) }),
        // The node cache the CLI uses too: a run in the app reuses what `duto run` kept, and the other way round.
        // In the app edits and re-runs follow each other: results are kept the first time.
        nodeCache: { dir: nodeCacheDir(), maxBytes: cacheMaxBytes(undefined), keep: 'first-run' },
        ...(options.threads === undefined ? {} : { threads: options.threads }),
        ...(options.memoryLimit === undefined ? {} : { memoryLimit: options.memoryLimit }),
        // A restricted session is given no connection and no secret: they are not even looked up.
        ...(connections === undefined || restricted
          ? {}
          : { connections: await connections.lookupFor(doc, req.params) }),
        ...(secrets === undefined || restricted ? {} : { secrets: await secrets.lookupFor(doc, req.params) }),
      });
    const key = `${trust}:${sessionKey(doc, req.baseDir, req.params)}${stamp === '' ? '' : `:${stamp}`}${req.file === undefined ? '' : `:${req.file}`}`;
    return cache.use(key, open, work);
  };

  /** Registers a cancellable request; its id must not already be in flight. */
  const track = async <T>(id: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (inflight.has(id))
      throw new HostError({ code: 'request.duplicate-id', message: `a request with id "${id}" is already running` });
    const controller = new AbortController();
    inflight.set(id, controller);
    try {
      return await work(controller.signal);
    } finally {
      inflight.delete(id);
    }
  };

  /**
   * The pushdown split of a trusted pipeline (a restricted one reads no database). A source that cannot
   * be read already says so on its node and in the run: then nothing is pushed.
   */
  const splitOf = async (req: PipelineRequest, s: PipelineSession): Promise<PushdownSplit> => {
    const none: PushdownSplit = { chains: [], kept: [] };
    if (trustOfRequest(req, options.trust) === 'restricted') return none;
    try {
      return await pushdownSplit(s.document, s);
    } catch (e) {
      if (e instanceof DutoError) return none;
      throw e;
    }
  };

  /**
   * The run as `duto run` makes it: the chains the planner proves equal run in their databases (a session
   * of the pushed document), the nodes folded into a chain reported with it; otherwise this session runs it.
   */
  const pushedRun = async (
    req: ParsedRequest<'pipeline.run'>,
    s: PipelineSession,
    runIn: (
      session: PipelineSession,
      progress?: (event: ProgressEvent) => void,
      serverLoads?: RunOptions['serverLoads'],
    ) => Promise<RunResult>,
    onProgress?: (event: ProgressEvent) => void,
  ): Promise<RunResult> => {
    const split = keepingNode(await splitOf(req, s), req.until);
    if (split.chains.length === 0) return runIn(s, onProgress);
    const folded = foldedNodes(split);
    const progress =
      onProgress === undefined ? undefined : (e: ProgressEvent) => unfoldProgress(e, folded).forEach(onProgress);
    const result = await withSession({ ...req, document: pushedDocument(s.document, split) }, (p) =>
      runIn(p, progress, split.loads),
    );
    return unfoldResult(result, folded);
  };

  /**
   * A run as the app makes it: the pipeline's run lock (`duto run` and `duto serve` take the same), then its history,
   * where `from` says who started it (a click, or the app's scheduler).
   */
  const runLocked = (
    req: ParsedRequest<'pipeline.run'>,
    from: RunRecordData['from'],
    signal: AbortSignal,
    onProgress?: (event: ProgressEventData) => void,
  ): Promise<RunResultData> =>
    withSession(req, async (s) => {
      const startedAt = new Date();
      // The same id in the locks the run holds (what a waiting CLI run names) and in its history record.
      const id = newRunId(startedAt);
      // A saved pipeline runs once at a time, here as in `duto run` and `duto serve` (pipeline-lock.ts).
      let held: HeldFileLock | undefined;
      if (req.file !== undefined) {
        try {
          held = lockPipelineRun(req.file, id);
        } catch (e) {
          if (e instanceof DutoError)
            return { ok: false, cancelled: false, elapsedMs: 0, nodes: {}, outputs: [], diagnostics: e.diagnostics };
          throw e;
        }
      }
      const runIn = (
        session: PipelineSession,
        progress?: (event: ProgressEvent) => void,
        serverLoads?: RunOptions['serverLoads'],
      ): Promise<RunResult> =>
        session.run({
          ...(serverLoads === undefined ? {} : { serverLoads }),
          ...(req.until === undefined ? {} : { until: req.until }),
          ...(req.force === true ? { force: true } : {}),
          ...(req.fullRefresh === true ? { fullRefresh: true } : {}),
          ...(req.locale === undefined ? {} : { locale: req.locale }),
          signal,
          runId: id,
          ...(progress === undefined ? {} : { onProgress: progress }),
        });
      const result = await pushedRun(req, s, runIn, onProgress).finally(() => held?.release());
      // A saved pipeline keeps its history, as it does from the CLI; an unsaved one under its key.
      const history = historyFileOf(req);
      if (history !== undefined)
        recordRun(history, {
          ...runRecord(result, from, startedAt, req.until, id),
          ...(req.file === undefined ? {} : { pipeline: req.file }),
        });
      return result;
    });

  const runFile: EngineHost['runFile'] = async (file, params, signal) => {
    const parsed = parseDocumentText(await readFile(file, 'utf8'), file);
    if (!parsed.ok) throw new DutoError(parsed.diagnostics);
    const req = { document: parsed.document, baseDir: dirname(file), file, params, runId: newRunId(new Date()) };
    // Trust is the host's to decide at the moment of the run: a file changed since it was trusted is restricted again, and not run.
    if (trustOfRequest(req, options.trust) === 'restricted') return 'restricted';
    return runLocked(req, 'schedule', signal);
  };

  /** The check, with where each node runs when a trusted pipeline pushes work to its databases. */
  const check = async (req: PipelineRequest, s: PipelineSession): Promise<ValidateResultData> => {
    const checked = await s.validate();
    const placement = nodePlacement(await splitOf(req, s));
    return Object.keys(placement).length === 0 ? checked : { ...checked, placement };
  };

  const handlers: Pick<Handlers, PipelineOperation> = {
    'pipeline.check': async (req) => {
      try {
        if (req.requestId === undefined) return await withSession(req, (s) => check(req, s));
        return await track(req.requestId, (signal) => withSession(req, (s) => check(req, s), signal));
      } catch (e) {
        // A pipeline that cannot even open is still a check result: its diagnostics go on the nodes.
        if (e instanceof DutoError) return { ok: false, diagnostics: e.diagnostics, schemas: {} };
        throw e;
      }
    },
    'pipeline.preview': (req) =>
      track(req.requestId, (signal) =>
        withSession(req, (s) => {
          if (signal.aborted) throw cancelled();
          return s.preview(req.nodeId, req.limit, req.offset, signal, req.view);
        }),
      ),
    'pipeline.profile': (req) =>
      track(req.requestId, (signal) =>
        withSession(req, (s) => {
          if (signal.aborted) throw cancelled();
          return s.profile(req.nodeId, signal);
        }),
      ),
    'pipeline.report': (req) =>
      track(req.requestId, (signal) =>
        withSession(req, async (s) => {
          if (signal.aborted) throw cancelled();
          return { html: await s.reportPage(req.nodeId, req.locale, signal) };
        }),
      ),
    'pipeline.chart': (req) =>
      track(req.requestId, (signal) =>
        withSession(req, (s) => {
          if (signal.aborted) throw cancelled();
          return s.chart(req.nodeId, req.spec, signal);
        }),
      ),
    'pipeline.run': (req) =>
      track(req.runId, (signal) =>
        runLocked(req, 'app', signal, (event) => options.emit('pipeline.progress', { runId: req.runId, event })),
      ),
    'pipeline.cancel': async (req) => {
      const controller = inflight.get(req.requestId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    'engine.functions': async () => ({ functions: await functionCatalog() }),
    'pipeline.sql': async (req) => ({ sql: await withSession(req, (s) => s.sql()) }),
    'pipeline.deltaVersions': (req) => withSession(req, (s) => s.deltaVersions(req.nodeId)),
    'pipeline.modelCard': (req) => withSession(req, (s) => s.modelCard(req.nodeId)),
    'pipeline.columnLineage': (req) => withSession(req, (s) => s.columnLineage()),
    'history.all': async (req) => allRecentRuns(options.historyDir ?? historyFolder(), req.limit),
    'pipeline.history': async (req) => {
      // Saved with the key it had while unsaved: its runs from then come along.
      if (req.file !== undefined && req.historyKey !== undefined) adoptUnsavedRuns(req.file, req.historyKey);
      const history = historyFileOf(req);
      return { runs: history === undefined ? [] : recentRuns(history, HISTORY_SHOWN).runs };
    },
    'pipeline.docs': async (req) => {
      const doc = documentOf(req.document);
      const fileName = req.file === undefined ? suggestedFileName(doc.name) : basename(req.file);
      let checked: { schemas: Record<string, Column[]>; diagnostics: Diagnostic[]; lineage?: Lineage };
      try {
        checked = await withSession(req, async (s) => ({
          ...(await s.validate()),
          lineage: relativeLineage(s.lineage(), req.baseDir),
        }));
      } catch (e) {
        // A pipeline that cannot even open is still documented, with why.
        if (!(e instanceof DutoError)) throw e;
        checked = { schemas: {}, diagnostics: e.diagnostics };
      }
      const { schemas, diagnostics, lineage } = checked;
      return {
        markdown: pipelineMarkdown(doc, {
          fileName,
          types: catalog,
          schemas,
          diagnostics,
          ...(lineage === undefined ? {} : { lineage }),
        }),
      };
    },
  };

  return {
    handlers,
    close() {
      for (const c of inflight.values()) c.abort();
      cache.close();
    },
    cachedKeys: () => cache.keys(),
    runFile,
  };
}

function documentOf(raw: unknown): PipelineDocument {
  const parsed = parseDocument(raw);
  if (parsed.ok) return parsed.document;
  const [first] = parsed.diagnostics;
  const more = parsed.diagnostics.length > 1 ? ` (and ${parsed.diagnostics.length - 1} more)` : '';
  throw new HostError({
    code: 'document.invalid',
    message: `the pipeline document is not valid: ${first?.message ?? 'unknown problem'}${more}`,
    diagnostics: parsed.diagnostics,
  });
}

function cancelled(): HostError {
  return new HostError({ code: 'run.cancelled', message: 'cancelled' });
}
