import type { Diagnostic } from '../../../shared/diagnostics';
import type { AccessPlanSink } from '../bind/plan-access';
import { chainCounts, chainShape, countBudget } from './chain-counts';
import { connectorFailure } from '../external/failures';
import { ConnectorError } from '../external/types';
import { lockFileTarget } from '../locks/file-lock';
import { evaluateQuality } from '../preview/quality';
import { sinkFingerprint } from './run-cache';
import { persistChain, rememberSeen } from './node-reuse';
import { RunCancelled } from './run-cancelled';
import { countRows, writeSink } from '../sinks/write-sink';
import { writeDeltaSink } from '../delta/delta-sink-run';
import { prepareReads } from '../bind/detecting-views';
import { QualityFailure } from './quality-failure';
import type { Attempt, UnitRun } from './unit-run';
import type { Verdict } from './status-reporter';

/** A file sink's fingerprint, taken before anything is read: a source that changes during the run is seen as changed next time. */
export function unitFingerprint(run: UnitRun, unit: string): string | undefined {
  const sink = run.ctx.access.sinks.get(unit);
  return sink === undefined || run.ctx.runCache === undefined
    ? undefined
    : sinkFingerprint(run.ctx.bound.stepById, unit, sink.spec);
}

/** A file sink whose target still holds this very result: its chain is done without running. */
export function takeFromCache(run: UnitRun, a: Attempt, print: string | undefined): boolean {
  const sink = run.ctx.access.sinks.get(a.unit);
  const rows =
    print === undefined || run.options.force === true || sink === undefined
      ? undefined
      : run.ctx.runCache?.lookup(a.unit, print, sink.spec.path);
  if (sink === undefined || rows === undefined) return false;
  run.tally.outputs.push({ nodeId: a.unit, path: sink.spec.path, rows, cached: true });
  run.status.settle(a.chain, upToDate(a.unit, rows));
  return true;
}

/** Each node of an up-to-date sink's chain: done from the cache, the sink with the rows its target holds. */
export function upToDate(unit: string, rows: number): (n: string) => Verdict {
  return (n) =>
    n === unit
      ? { status: 'done', rows, cached: true, origin: 'cache' }
      : { status: 'done', cached: true, origin: 'cache' };
}

/**
 * Runs one unit's chain: its connector sources are read, then the unit is
 * evaluated (a check), written (a sink) or counted (an `until` node), and
 * the nodes it streamed through are counted when cheap. Throws what stops
 * the run.
 */
export async function runUnit(run: UnitRun, a: Attempt, print: string | undefined): Promise<void> {
  const { ctx, status, tally } = run;
  const { unit, lineage, chain } = a;
  status.each(chain, 'running');
  const startedAt = performance.now();
  if (run.watch.asked) throw new RunCancelled();
  const server = await serverLoad(run, a);
  await ingestSources(run, a, server?.sourceId);
  a.failedAt = unit;
  // The chain's sources in their detecting form, and its long chains' cuts holding their rows from here on
  // (detecting-views.ts); a failure there is located like any other.
  await prepareReads(run.conn, ctx.bound, new Set(chain));
  // An ELT unit's chain is its source and itself: nothing of it is in DuckDB to keep.
  const kept = server === undefined ? await persistChain(run, a) : new Map<string, number>();
  const sink = ctx.access.sinks.get(unit);
  const external = ctx.access.externalSinks.get(unit);
  const { rows, note } = await produce(run, a, sink, server?.select);
  // The rows the server's SELECT gave are the source's (its part's) output, though none came here.
  if (server !== undefined)
    status.settle([server.sourceId], { status: 'done', rows, streamed: true, origin: 'computed' });
  rememberSeen(run, a);
  if (sink !== undefined) {
    tally.outputs.push({ nodeId: unit, path: sink.spec.path, rows });
    if (print !== undefined) ctx.runCache?.remember(unit, print, sink.spec.path, rows);
  }
  if (external !== undefined) tally.outputs.push({ nodeId: unit, path: external.describe, rows });
  const delta = ctx.access.deltaSinks.get(unit);
  if (delta !== undefined) tally.outputs.push({ nodeId: unit, path: delta.path, rows });
  if (sink !== undefined || external !== undefined || delta !== undefined) tally.written.push(unit);
  // The chain's time, without the counting below.
  const chainMs = status.elapsed(unit);
  // Rows known already: what the unit gave, and what earlier chains and connector sources counted.
  const known = new Map<string, number>([[unit, rows], ...kept]);
  for (const n of lineage) {
    const r = status.rowsOf(n);
    if (n !== unit && r !== undefined) known.set(n, r);
  }
  const counted = await countChain(
    run,
    chain.filter((n) => n !== unit && !status.isSettled(n)),
    known,
    performance.now() - startedAt,
  );
  status.settle(chain, (n) => {
    if (n === unit)
      return {
        status: 'done',
        rows,
        elapsedMs: chainMs,
        origin: 'computed',
        ...(note === undefined ? {} : { diagnostic: note }),
      };
    const own = counted.get(n) ?? kept.get(n);
    return { status: 'done', streamed: true, origin: 'computed', ...(own === undefined ? {} : { rows: own }) };
  });
}

/**
 * ELT: the source whose rows the unit (a database sink) writes on its own server, and its SELECT; only a pair
 * the caller's planner named, where the sink reads that source alone and nothing else reads it.
 */
async function serverLoad(run: UnitRun, a: Attempt): Promise<{ sourceId: string; select: string } | undefined> {
  const wanted = run.options.serverLoads?.find((l) => l.sinkId === a.unit);
  const spec = run.ctx.access.externalSinks.get(a.unit);
  if (wanted === undefined || spec === undefined || run.ctx.externals === undefined) return undefined;
  const { analysis } = run.ctx;
  const above = analysis.nodes.get(a.unit)?.upstream ?? [];
  if (above.length !== 1 || above[0] !== wanted.sourceId || !a.chain.includes(wanted.sourceId)) return undefined;
  for (const [id, n] of analysis.nodes) if (id !== a.unit && n.upstream.includes(wanted.sourceId)) return undefined;
  const columns = run.ctx.bound.schemas.get(a.unit) ?? [];
  const select = await run.ctx.externals.serverSelect(a.unit, spec, wanted.sourceId, columns, run.watch.signal);
  return select === undefined ? undefined : { sourceId: wanted.sourceId, select };
}

/**
 * Connector sources of the chain are read first (once per run); the views above them then read their tables.
 * The one a sink writes on the server (`onServer`) is not read: it is settled with the sink's rows.
 */
async function ingestSources(run: UnitRun, a: Attempt, onServer: string | undefined): Promise<void> {
  const { externals } = run.ctx;
  if (externals === undefined) return;
  for (const n of a.chain) {
    if (!externals.has(n) || run.status.isSettled(n)) continue;
    if (n === onServer) continue;
    a.failedAt = n;
    const read = await externals.ingest(run.conn, n, run.watch.signal, (r) =>
      run.status.say(n, 'running', { rows: r }),
    );
    // What the whole read met (error cells in a sheet…), on the node and in the run's result.
    const warned = externals.warnings(n);
    run.diagnostics.push(...warned);
    run.status.settle([n], {
      status: 'done',
      rows: read,
      origin: 'computed',
      ...(warned[0] === undefined ? {} : { diagnostic: warned[0] }),
    });
  }
}

/** The unit's own work: its rows, and a warning to show on it. */
async function produce(
  run: UnitRun,
  a: Attempt,
  sink: AccessPlanSink | undefined,
  serverSelect: string | undefined,
): Promise<{ rows: number; note?: Diagnostic }> {
  const { ctx, conn, status, bad } = run;
  const { unit, lineage } = a;
  const quality = ctx.bound.stepById.get(unit)?.quality;
  if (quality !== undefined) {
    // Over every row that comes in: the node's own view holds only the rows no check set aside.
    const outcome = await evaluateQuality(conn, unit, quality.rows, quality);
    run.tally.checks.push(...outcome.results);
    if (outcome.failures.some((f) => f.severity === 'error')) throw new QualityFailure(outcome.failures);
    run.diagnostics.push(...outcome.failures);
    return { rows: outcome.rows, ...(outcome.failures[0] === undefined ? {} : { note: outcome.failures[0] }) };
  }
  if (sink !== undefined) {
    await bad.collect(conn, lineage);
    // The bound step's spec: compiled with its input's schema (types made faithful for the format), unlike the access plan's.
    const spec = ctx.bound.stepById.get(unit)?.sink ?? sink.spec;
    const held = await lockFileTarget(sink.spec.path, run.lockFor(unit), run.watch.signal).catch((e: unknown) => {
      throw e instanceof ConnectorError ? connectorFailure(e, { nodeId: unit, param: 'path', redact: (t) => t }) : e;
    });
    const beforeSwap = async (): Promise<void> => {
      await bad.gate(conn, lineage);
      ctx.externals?.noteSwap(lineage, sink.temp);
    };
    try {
      return {
        rows: await writeSink(
          conn,
          sink.temp,
          spec.input,
          spec.options,
          (p) => status.say(unit, 'running', { progress: p }),
          () => run.watch.asked,
          beforeSwap,
        ),
      };
    } finally {
      held.release();
    }
  }
  const delta = ctx.access.deltaSinks.get(unit);
  if (delta !== undefined) {
    await bad.collect(conn, lineage);
    // One writer per table in this machine's runs; writers elsewhere are kept apart by the log's own atomic commits.
    const held = await lockFileTarget(delta.path, run.lockFor(unit), run.watch.signal).catch((e: unknown) => {
      throw e instanceof ConnectorError ? connectorFailure(e, { nodeId: unit, param: 'path', redact: (t) => t }) : e;
    });
    try {
      const beforeCommit = async (): Promise<void> => {
        if (run.watch.asked) throw new RunCancelled();
        await bad.gate(conn, lineage);
      };
      return { rows: (await writeDeltaSink(conn, unit, delta, beforeCommit)).rows };
    } finally {
      held.release();
    }
  }
  const external = ctx.access.externalSinks.get(unit);
  if (external !== undefined && ctx.externals !== undefined && serverSelect !== undefined) {
    const columns = ctx.bound.schemas.get(unit) ?? [];
    const { signal } = run.watch;
    return {
      rows: await ctx.externals.writeSinkSelect(
        unit,
        external,
        serverSelect,
        columns,
        signal,
        run.lockFor(unit),
        lineage,
      ),
    };
  }
  if (external !== undefined && ctx.externals !== undefined) {
    await bad.collect(conn, lineage);
    const rows = await ctx.externals.writeSink(
      conn,
      unit,
      external,
      ctx.bound.schemas.get(unit) ?? [],
      run.watch.signal,
      (p) =>
        status.say(
          unit,
          'running',
          p.share === undefined ? { ...(p.rows === undefined ? {} : { rows: p.rows }) } : { progress: p.share },
        ),
      run.lockFor(unit),
      lineage,
    );
    return { rows };
  }
  return { rows: await countRows(conn, unit, ctx.bound) };
}

/** Rows of the nodes a chain streamed through, when cheap to count (chain-counts.ts); never fails or slows a cancelled run. */
async function countChain(
  run: UnitRun,
  nodeIds: readonly string[],
  known: ReadonlyMap<string, number>,
  writeMs: number,
): Promise<Map<string, number>> {
  if (run.watch.asked || nodeIds.length === 0) return new Map();
  // The output is already written: a count that fails leaves the nodes without rows, not the run failed.
  return chainCounts(run.conn, run.ctx.bound, chainShape(run.ctx.analysis), nodeIds, known, countBudget(writeMs)).catch(
    () => new Map<string, number>(),
  );
}
