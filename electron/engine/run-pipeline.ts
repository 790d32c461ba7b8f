import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { refNode, refPort } from '../../shared/format/document';
import { collectRejected, countRejected, judgeRejected } from './rejects';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Analysis } from '../../shared/compiler/plan';
import { reachable } from '../../shared/compiler/graph';
import { DutoError, error, hasErrors, type Diagnostic } from '../../shared/diagnostics';
import type { CheckResult, NodeRunStatus, ProgressEvent, RunOptions, RunResult } from './api';
import { sweepOrphans } from './atomic-sink';
import { countRows, writeSink } from './write-sink';
import { chainCounts, chainShape, countBudget } from './chain-counts';
import type { BoundPlan } from './bind-views';
import { diagnoseDuckDBError, isInterrupt, type ErrorContext } from './duckdb-errors';
import type { ExternalNodes } from './external/external-nodes';
import { isDataError, locateFailure } from './locate-failure';
import { evaluateQuality } from './quality';
import type { PlanAccess } from './plan-access';
import { sinkFingerprint, type RunCache } from './run-cache';
import { ConnectorError } from './external/types';
import { connectorFailure } from './external/failures';
import { lockFileTarget } from './locks/file-lock';
import { DEFAULT_LOCK_WAIT_MS, type LockSettings } from './locks/wait-lock';
import { newRunId } from './run-id';
import { resolveCuts } from './deep-chains';
import type { IncrementalPlan } from './external/resolve-state';
import { DB_SINK_CONFIG } from '../../shared/external/database';

/**
 * Runs a bound pipeline: every sink (or just what `until` needs), each as
 * one COPY to a temporary name that is renamed over the target only when
 * complete. Progress is reported per node; cancellation interrupts DuckDB.
 */

export interface RunContext {
  analysis: Analysis;
  bound: BoundPlan;
  access: PlanAccess;
  instance: DuckDBInstance;
  ownerOfFile: NonNullable<ErrorContext['ownerOfFile']>;
  /** Problems found by the pre-run file checks of the given nodes. */
  fileChecks: (nodeIds: ReadonlySet<string>) => Promise<Diagnostic[]>;
  /** Sources and sinks that connectors read and write. */
  externals?: ExternalNodes;
  /** What file sinks wrote before: an unchanged one is not written again. */
  runCache?: RunCache;
}

/** How long a failed run may spend finding the node that caused a data error (locate-failure.ts). */
const LOCATE_BUDGET_MS = 30_000;

/** A check that failed and stops the run: every failed check reported. */
class QualityFailure extends Error {
  constructor(readonly failures: Diagnostic[]) {
    super('a data check failed');
  }
}

/** A node and everything upstream of it. */
export function ancestorsAndSelf(analysis: Analysis, id: string): Set<string> {
  return reachable(id, (n) => analysis.nodes.get(n)?.upstream ?? []);
}

export async function runPipeline(ctx: RunContext, options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const { analysis, bound, access } = ctx;
  const nodes: RunResult['nodes'] = {};
  const outputs: RunResult['outputs'] = [];
  const checks: CheckResult[] = [];
  const nodeStart = new Map<string, number>();
  const elapsed = (id: string): number => {
    const s = nodeStart.get(id);
    return s === undefined ? 0 : Math.round(performance.now() - s);
  };
  const emit = (id: string, status: NodeRunStatus, extra: Omit<ProgressEvent, 'nodeId' | 'status' | 'elapsedMs'> & { elapsedMs?: number } = {}): void => {
    if (status === 'running' && !nodeStart.has(id)) nodeStart.set(id, performance.now());
    const e: ProgressEvent = { nodeId: id, status, elapsedMs: elapsed(id), ...extra };
    if (e.progress === undefined) nodes[id] = { status, elapsedMs: e.elapsedMs, ...(e.rows === undefined ? {} : { rows: e.rows }), ...(e.streamed === true ? { streamed: true } : {}) };
    options.onProgress?.(e);
  };
  const rejected: NonNullable<RunResult['rejected']> = [];
  const finish = (diagnostics: Diagnostic[], cancelled: boolean): RunResult => ({
    ok: !cancelled && !hasErrors(diagnostics),
    cancelled,
    elapsedMs: Math.round(performance.now() - started),
    nodes,
    outputs,
    ...(checks.length === 0 ? {} : { checks }),
    ...(rejected.length === 0 ? {} : { rejected }),
    diagnostics,
  });

  // What this run computes.
  const until = options.until;
  if (until !== undefined && !analysis.nodes.has(until)) {
    return finish([error('run.unknown-node', `there is no node "${until}" in this pipeline`)], false);
  }
  // By category, not by compiled sink: one that did not compile must fail the run, not be skipped silently.
  const isSink = (id: string): boolean => analysis.nodes.get(id)?.def.category === 'sink';
  const isQuality = (id: string): boolean => analysis.nodes.get(id)?.def.category === 'quality';
  const sinkIds = analysis.order.filter((id) => isSink(id) && (until === undefined || id === until));
  // Checks run first, all of them (or those `until` needs): a failed one stops the run before any sink writes.
  const upstreamOfUntil = until === undefined ? undefined : ancestorsAndSelf(analysis, until);
  const qualityIds = analysis.order.filter((id) => isQuality(id) && (upstreamOfUntil === undefined || upstreamOfUntil.has(id)));
  const needed = new Set<string>();
  if (upstreamOfUntil !== undefined) for (const n of upstreamOfUntil) needed.add(n);
  else for (const s of [...qualityIds, ...sinkIds]) for (const n of ancestorsAndSelf(analysis, s)) needed.add(n);
  const order = analysis.order.filter((id) => needed.has(id));
  for (const id of order) emit(id, 'pending');

  // Design-time errors on what is needed stop the run before anything is written.
  // A whole run needs the whole pipeline: any error blocks it; `until` needs only its ancestors.
  const blocking = bound.diagnostics.filter((d) => d.severity === 'error' && (until === undefined || d.nodeId === undefined || needed.has(d.nodeId)));
  const unbound = order.filter((id) => bound.failed.has(id));
  if (blocking.length > 0 || unbound.length > 0) {
    for (const id of order) emit(id, bound.diagnostics.some((d) => d.nodeId === id && d.severity === 'error') ? 'failed' : 'skipped');
    return finish(blocking.length > 0 ? blocking : [error('run.not-compiled', `cannot run: ${unbound.join(', ')} did not compile`)], false);
  }

  // What a killed run's intent record says is decided first: the sweep below would remove the temporary output it looks at.
  ctx.externals?.resolveIntents();
  // Orphans of killed runs; then refuse existing targets of fail-if-exists sinks.
  for (const s of access.sinks.values()) sweepOrphans(dirname(s.spec.path));
  const pre: Diagnostic[] = [];
  for (const id of sinkIds) {
    const s = access.sinks.get(id);
    if (s !== undefined && s.spec.mode === 'fail' && existsSync(s.spec.path)) {
      pre.push(error('sink.exists', `${s.spec.path} already exists, and this sink is set to fail rather than replace it`, { nodeId: id, param: 'path', file: s.spec.path }));
    }
  }
  pre.push(...(await ctx.fileChecks(needed)));
  // Connector sinks refuse up front what they would refuse after reading everything (an existing table in create mode…).
  for (const id of sinkIds) {
    const spec = access.externalSinks.get(id);
    const columns = bound.schemas.get(id);
    if (spec === undefined || columns === undefined || ctx.externals === undefined || hasErrors(pre)) continue;
    try {
      await ctx.externals.checkSink(id, spec, columns, options.signal ?? new AbortController().signal);
    } catch (e) {
      if (!(e instanceof DutoError)) throw e;
      pre.push(...e.diagnostics);
    }
  }
  // Where each incremental source starts: its targets' committed state (exactly once), or state.missing / state.invalid.
  if (ctx.externals !== undefined && !hasErrors(pre)) {
    try {
      await ctx.externals.resolveForRun(incrementalPlans(ctx, sinkIds, needed), options.fullRefresh === true, options.signal ?? new AbortController().signal);
    } catch (e) {
      if (!(e instanceof DutoError)) throw e;
      pre.push(...e.diagnostics);
    }
  }
  if (hasErrors(pre)) {
    for (const id of order) emit(id, pre.some((d) => d.nodeId === id) ? 'failed' : 'skipped');
    return finish(pre, false);
  }
  if (options.signal?.aborted === true) {
    for (const id of order) emit(id, 'cancelled');
    return finish([], true);
  }

  const conn = await ctx.instance.connect();
  // Asked to stop; the run counts as cancelled only if that stopped a unit (a late cancel finds the work done).
  let cancelled = false;
  let stopped = false;
  // Connectors stop on this signal; DuckDB on interrupt.
  const stop = new AbortController();
  let reinterrupt: ReturnType<typeof setInterval> | undefined;
  const onAbort = (): void => {
    cancelled = true;
    stop.abort();
    conn.interrupt();
    // An interrupt that lands just before DuckDB starts a statement is lost: repeat it until the run ends.
    reinterrupt = setInterval(() => conn.interrupt(), 50);
  };
  options.signal?.addEventListener('abort', onAbort);
  // What looked wrong at design time (an implausible dialect…) is said in the run too.
  const designWarnings = bound.diagnostics.filter((d) => d.severity === 'warning' && d.nodeId !== undefined && needed.has(d.nodeId) && d.code !== 'node.unused');
  const diagnostics: Diagnostic[] = [...pre, ...designWarnings];
  const done = new Set<string>();
  const written: string[] = [];
  const bad = badRows(ctx, order);
  const runId = options.runId ?? newRunId();
  // One writer per target: a sink waits for another run's lock, saying so on its node.
  const lockFor = (id: string): LockSettings => ({ runId, waitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS, onWaiting: (m) => emit(id, 'running', { waiting: m }) });
  try {
    const targets = until !== undefined && !isSink(until) && !isQuality(until) ? [until] : sinkIds;
    const units: string[] = [...qualityIds, ...targets.filter((id) => !qualityIds.includes(id))];
    for (let i = 0; i < units.length; i++) {
      const unit = units[i] ?? '';
      const lineage = [...ancestorsAndSelf(analysis, unit)];
      const chain = lineage.filter((n) => !done.has(n));
      const inChain = new Set(chain);
      const chainInOrder = order.filter((n) => inChain.has(n));
      const sink = access.sinks.get(unit);
      const external = access.externalSinks.get(unit);
      // Fingerprinted before anything is read: a source that changes during the run is seen as changed next time.
      const print = sink === undefined || ctx.runCache === undefined ? undefined : sinkFingerprint(bound.stepById, unit, sink.spec);
      const cachedRows = print === undefined || options.force === true || sink === undefined ? undefined : ctx.runCache?.lookup(unit, print, sink.spec.path);
      if (sink !== undefined && cachedRows !== undefined) {
        outputs.push({ nodeId: unit, path: sink.spec.path, rows: cachedRows, cached: true });
        for (const n of chainInOrder) {
          emit(n, 'done', n === unit ? { rows: cachedRows, cached: true } : { cached: true });
          done.add(n);
        }
        continue;
      }
      for (const n of chainInOrder) emit(n, 'running');
      const unitStarted = performance.now();
      let failedAt = unit;
      try {
        if (cancelled) throw new Error('INTERRUPT Error: Interrupted!');
        // Connector sources of this chain are read first (once per run); the views above them then read their tables.
        for (const n of chainInOrder) {
          if (ctx.externals?.has(n) !== true || done.has(n)) continue;
          failedAt = n;
          const read = await ctx.externals.ingest(conn, n, stop.signal, (r) => emit(n, 'running', { rows: r }));
          // What the whole read met (error cells in a sheet…), on the node and in the run's result.
          const warned = ctx.externals.warnings(n);
          diagnostics.push(...warned);
          emit(n, 'done', { rows: read, ...(warned[0] === undefined ? {} : { diagnostic: warned[0] }) });
          done.add(n);
        }
        failedAt = unit;
        // A long chain's cuts hold its rows from here on (deep-chains.ts); a failure there is located like any other.
        await resolveCuts(conn, bound.cuts, inChain);
        let rows: number;
        let note: Diagnostic | undefined;
        const quality = bound.stepById.get(unit)?.quality;
        if (quality !== undefined) {
          // Over every row that comes in: the node's own view holds only the rows no check set aside.
          const outcome = await evaluateQuality(conn, unit, quality.rows, quality);
          checks.push(...outcome.results);
          if (outcome.failures.some((f) => f.severity === 'error')) throw new QualityFailure(outcome.failures);
          diagnostics.push(...outcome.failures);
          note = outcome.failures[0];
          rows = outcome.rows;
        } else if (sink !== undefined) {
          await bad.collect(conn, lineage);
          // The bound step's spec: compiled with its input's schema (types made faithful for the format), unlike the access plan's.
          const spec = bound.stepById.get(unit)?.sink ?? sink.spec;
          const held = await lockFileTarget(sink.spec.path, lockFor(unit), stop.signal).catch((e: unknown) => {
            throw e instanceof ConnectorError ? connectorFailure(e, { nodeId: unit, param: 'path', redact: (t) => t }) : e;
          });
          const beforeSwap = async (): Promise<void> => {
            await bad.gate(conn, lineage);
            ctx.externals?.noteSwap(lineage, sink.temp);
          };
          try {
            rows = await writeSink(conn, sink.temp, spec.input, spec.options, (p) => emit(unit, 'running', { progress: p }), () => cancelled, beforeSwap);
          } finally {
            held.release();
          }
        }
        else if (external !== undefined && ctx.externals !== undefined) {
          await bad.collect(conn, lineage);
          rows = await ctx.externals.writeSink(conn, unit, external, bound.schemas.get(unit) ?? [], stop.signal, (p) =>
            emit(unit, 'running', p.share === undefined ? { ...(p.rows === undefined ? {} : { rows: p.rows }) } : { progress: p.share }),
            lockFor(unit),
            lineage,
          );
        } else rows = await countRows(conn, unit, bound);
        if (sink !== undefined) {
          outputs.push({ nodeId: unit, path: sink.spec.path, rows });
          if (print !== undefined) ctx.runCache?.remember(unit, print, sink.spec.path, rows);
        }
        if (external !== undefined) outputs.push({ nodeId: unit, path: external.describe, rows });
        if (sink !== undefined || external !== undefined) written.push(unit);
        // The chain's time, without the counting below.
        const chainMs = elapsed(unit);
        // Rows known already: what the unit gave, and what earlier chains and connector sources counted.
        const known = new Map<string, number>([[unit, rows]]);
        for (const n of lineage) if (n !== unit && nodes[n]?.rows !== undefined) known.set(n, nodes[n]?.rows ?? 0);
        const counted = await countChain(conn, ctx, chainInOrder.filter((n) => n !== unit && !done.has(n)), known, performance.now() - unitStarted, cancelled);
        for (const n of chainInOrder) {
          if (done.has(n)) continue;
          const own = counted.get(n);
          emit(n, 'done', n === unit ? { rows, elapsedMs: chainMs, ...(note === undefined ? {} : { diagnostic: note }) } : { streamed: true, ...(own === undefined ? {} : { rows: own }) });
          done.add(n);
        }
      } catch (e) {
        const rest = new Set(units.slice(i + 1).flatMap((u) => [...ancestorsAndSelf(analysis, u)]).filter((n) => !done.has(n) && !inChain.has(n)));
        if (e instanceof QualityFailure) {
          // The data reached the check: what is above it is done; nothing after it runs.
          diagnostics.push(...e.failures);
          for (const n of chainInOrder) {
            if (done.has(n)) continue;
            emit(n, n === unit ? 'failed' : 'done', n === unit ? { diagnostic: e.failures[0] ?? error('quality.failed', 'a check failed', { nodeId: unit }) } : {});
            done.add(n);
          }
          for (const n of order.filter((x) => rest.has(x))) emit(n, 'skipped');
          break;
        }
        const own = e instanceof DutoError ? e.diagnostics[0] : undefined;
        if (cancelled || isInterrupt(e) || own?.code === 'run.cancelled') {
          stopped = true;
          for (const n of chainInOrder) if (!done.has(n)) emit(n, 'cancelled');
          for (const n of order.filter((x) => rest.has(x))) emit(n, 'cancelled');
          break;
        }
        // The files this chain reads, for reader errors that name none (a damaged Parquet page).
        const files = bound.steps.filter((s) => chainInOrder.includes(s.nodeId)).flatMap((s) => s.reads.filter((r) => r.kind === 'file').map((r) => r.path));
        let d = own ?? diagnoseDuckDBError(e, { nodeId: failedAt, ownerOfFile: ctx.ownerOfFile, files });
        if (own === undefined && d.nodeId === unit && isDataError(e)) {
          const culprit = await locateFailure(conn, e, { nodeIds: chainInOrder.filter((n) => n !== unit && ctx.externals?.has(n) !== true), bound, budgetMs: LOCATE_BUDGET_MS });
          if (culprit !== undefined) d = { ...d, nodeId: culprit };
        }
        diagnostics.push(d);
        for (const n of chainInOrder) {
          if (done.has(n)) continue;
          if (n === d.nodeId || n === unit) emit(n, 'failed', n === d.nodeId ? { diagnostic: d } : {});
          else emit(n, 'skipped');
        }
        for (const n of order.filter((x) => rest.has(x))) emit(n, 'skipped');
        break;
      }
    }
    // Once per problem: a limit broken at a sink's gate is already reported.
    if (!stopped) for (const d of await bad.report(conn, rejected)) if (!diagnostics.some((x) => x.message === d.message)) diagnostics.push(d);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    clearInterval(reinterrupt);
    await ctx.externals?.release(conn).catch(() => undefined);
    conn.closeSync();
  }
  commitWatermarks(ctx, analysis, written, diagnostics, stopped);
  // A design-time warning the run said again from all its rows (error cells of a whole sheet) is kept once: the run's.
  const said = diagnostics.filter((d) => !designWarnings.includes(d));
  const kept = diagnostics.filter((d) => !designWarnings.includes(d) || !said.some((x) => x.nodeId === d.nodeId && x.code === d.code));
  return finish(kept, stopped);
}

/** Rows of the nodes a chain streamed through, when cheap to count (chain-counts.ts); never fails or slows a cancelled run. */
async function countChain(conn: DuckDBConnection, ctx: RunContext, nodeIds: readonly string[], known: ReadonlyMap<string, number>, writeMs: number, cancelled: boolean): Promise<Map<string, number>> {
  if (cancelled || nodeIds.length === 0) return new Map();
  // The output is already written: a count that fails leaves the nodes without rows, not the run failed.
  return chainCounts(conn, ctx.bound, chainShape(ctx.analysis), nodeIds, known, countBudget(writeMs)).catch(() => new Map<string, number>());
}

/**
 * The sources of a run that set bad rows aside (rejects.ts): their `rejected`
 * port is filled before anything that reads it is written, their limits are
 * the last word before an output replaces its target, and every one is
 * counted at the end.
 */
function badRows(ctx: RunContext, order: readonly string[]) {
  const sources = order.flatMap((id) => {
    const step = ctx.bound.stepById.get(id);
    return step?.rejects === undefined || step.view === undefined ? [] : [{ id, spec: step.rejects, view: step.view.name }];
  });
  const judged = new Map<string, Diagnostic | undefined>();
  const readsRejected = (chain: readonly string[], source: string): boolean =>
    chain.some((n) => Object.values(ctx.analysis.nodes.get(n)?.inputs ?? {}).flat().some((ref) => refNode(ref) === source && refPort(ref) === 'rejected'));
  const judge = async (conn: DuckDBConnection, s: (typeof sources)[number]): Promise<Diagnostic | undefined> => {
    if (!judged.has(s.id)) judged.set(s.id, await judgeRejected(conn, s.id, s.view, s.spec, await countRejected(conn, s.spec)));
    return judged.get(s.id);
  };
  return {
    async collect(conn: DuckDBConnection, chain: readonly string[]): Promise<void> {
      for (const s of sources) if (chain.includes(s.id) && readsRejected(chain, s.id)) await collectRejected(conn, s.view, s.spec);
    },
    async gate(conn: DuckDBConnection, chain: readonly string[]): Promise<void> {
      for (const s of sources) {
        if (!chain.includes(s.id)) continue;
        judged.delete(s.id);
        const d = await judge(conn, s);
        if (d?.severity === 'error') throw new DutoError([d]);
      }
    },
    async report(conn: DuckDBConnection, into: NonNullable<RunResult['rejected']>): Promise<Diagnostic[]> {
      const out: Diagnostic[] = [];
      for (const s of sources) {
        const count = await countRejected(conn, s.spec);
        if (count.rows === 0) continue;
        into.push({ nodeId: s.id, rows: count.rows, policy: s.spec.policy });
        judged.delete(s.id);
        const d = await judge(conn, s);
        if (d !== undefined) out.push(d);
      }
      return out;
    },
  };
}

/** The incremental sources this run reads, each with the targets below it. */
function incrementalPlans(ctx: RunContext, sinkIds: readonly string[], needed: ReadonlySet<string>): IncrementalPlan[] {
  const externals = ctx.externals;
  if (externals === undefined) return [];
  const below = new Map(sinkIds.map((id) => [id, ancestorsAndSelf(ctx.analysis, id)]));
  return externals.incrementalIds().filter((id) => needed.has(id)).map((sourceId) => {
    const sinks = sinkIds.filter((id) => below.get(id)?.has(sourceId) === true);
    return {
      sourceId,
      databaseTargets: sinks.flatMap((sinkId) => {
        const spec = ctx.access.externalSinks.get(sinkId);
        const mode = DB_SINK_CONFIG.safeParse(spec?.config);
        return spec === undefined || !mode.success ? [] : [{ sinkId, spec, mode: mode.data.mode }];
      }),
      fileTargets: sinks.flatMap((id) => {
        const s = ctx.access.sinks.get(id);
        return s === undefined ? [] : [s.spec.path];
      }),
    };
  });
}

/**
 * Incremental sources move their watermark only when the whole run
 * succeeded, and only those whose rows reached a sink that was written.
 */
function commitWatermarks(ctx: RunContext, analysis: Analysis, written: readonly string[], diagnostics: Diagnostic[], cancelled: boolean): void {
  const externals = ctx.externals;
  if (externals === undefined) return;
  if (cancelled || hasErrors(diagnostics) || written.length === 0) {
    externals.discardWatermarks();
    return;
  }
  const fed = new Set(written.flatMap((s) => [...ancestorsAndSelf(analysis, s)]));
  try {
    externals.commitWatermarks(fed);
  } catch (e) {
    diagnostics.push(error('state.write', `the run succeeded, but its incremental state could not be saved: ${e instanceof Error ? e.message : String(e)}`));
  }
}
