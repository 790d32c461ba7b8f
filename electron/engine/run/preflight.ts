import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DutoError, error, hasErrors, type Diagnostic } from '../../../shared/diagnostics';
import type { RunOptions } from '../api';
import { sweepOrphans } from '../sinks/atomic-sink';
import { incrementalPlans } from './incremental-plans';
import type { RunPlan } from './plan';
import type { RunContext } from './run-context';
import type { StatusReporter } from './status-reporter';

/** Go, with what the checks found that does not stop the run; or stop, every node told why. */
export type Preflight = { go: Diagnostic[] } | { stop: Diagnostic[]; cancelled: boolean };

/**
 * Everything that can refuse a run before a connection opens: design-time
 * errors on what it needs, existing targets of fail-if-exists sinks, changed
 * files, what connector sinks would refuse after reading everything, and
 * where incremental sources start.
 */
export async function preflight(
  ctx: RunContext,
  plan: RunPlan,
  options: RunOptions,
  status: StatusReporter,
): Promise<Preflight> {
  const { bound, access } = ctx;
  const { order, needed, sinkIds } = plan;
  // A whole run needs the whole pipeline: any error blocks it; `until` needs only its ancestors.
  const blocking = bound.diagnostics.filter(
    (d) => d.severity === 'error' && (plan.until === undefined || d.nodeId === undefined || needed.has(d.nodeId)),
  );
  const unbound = order.filter((id) => bound.failed.has(id));
  if (blocking.length > 0 || unbound.length > 0) {
    status.each(order, (id) =>
      bound.diagnostics.some((d) => d.nodeId === id && d.severity === 'error') ? 'failed' : 'skipped',
    );
    return {
      stop: blocking.length > 0 ? blocking : [error('run.not-compiled', { nodes: unbound.join(', ') })],
      cancelled: false,
    };
  }

  // What a killed run's intent record says is decided first: the sweep below would remove the temporary output it looks at.
  ctx.externals?.resolveIntents();
  // Orphans of killed runs; then refuse existing targets of fail-if-exists sinks.
  for (const s of access.sinks.values()) sweepOrphans(dirname(s.spec.path));
  const found: Diagnostic[] = [];
  for (const id of sinkIds) {
    const s = access.sinks.get(id);
    if (s !== undefined && s.spec.mode === 'fail' && existsSync(s.spec.path)) {
      found.push(error('sink.exists', { file: s.spec.path }, { nodeId: id, param: 'path', file: s.spec.path }));
    }
  }
  for (const id of sinkIds) {
    const d = access.deltaSinks.get(id);
    if (d !== undefined && d.mode === 'create' && existsSync(join(d.path, '_delta_log')))
      found.push(error('delta.exists', { table: d.path }, { nodeId: id, param: 'path', file: d.path }));
  }
  for (const id of plan.reportIds) {
    const r = access.reports.get(id);
    if (r !== undefined && r.mode === 'fail' && existsSync(r.path))
      found.push(error('sink.exists', { file: r.path }, { nodeId: id, param: 'path', file: r.path }));
  }
  found.push(...(await ctx.fileChecks(needed)));
  const signal = options.signal ?? new AbortController().signal;
  // Connector sinks refuse up front what they would refuse after reading everything (an existing table in create mode…).
  for (const id of sinkIds) {
    const spec = access.externalSinks.get(id);
    const columns = bound.schemas.get(id);
    const externals = ctx.externals;
    if (spec === undefined || columns === undefined || externals === undefined || hasErrors(found)) continue;
    found.push(...(await refusals(() => externals.checkSink(id, spec, columns, signal))));
  }
  // Where each incremental source starts: its targets' committed state (exactly once), or state.missing / state.invalid.
  const externals = ctx.externals;
  if (externals !== undefined && !hasErrors(found)) {
    found.push(
      ...(await refusals(() =>
        externals.resolveForRun(incrementalPlans(ctx, sinkIds, needed), options.fullRefresh === true, signal),
      )),
    );
  }
  if (hasErrors(found)) {
    status.each(order, (id) => (found.some((d) => d.nodeId === id) ? 'failed' : 'skipped'));
    return { stop: found, cancelled: false };
  }
  if (options.signal?.aborted === true) {
    status.each(order, 'cancelled');
    return { stop: [], cancelled: true };
  }
  return { go: found };
}

/** A refusal's diagnostics; anything else is not a refusal and goes on up. */
async function refusals(check: () => Promise<unknown>): Promise<Diagnostic[]> {
  try {
    await check();
    return [];
  } catch (e) {
    if (!(e instanceof DutoError)) throw e;
    return e.diagnostics;
  }
}
