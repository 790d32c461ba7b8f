import type { ProgressEvent, RunOptions, RunResult } from '../api';
import { ancestorsAndSelf, type RunPlan } from './plan';
import { identities, writeQuickRecord } from './quick-check';
import type { RunContext } from './run-context';
import { sinkFingerprint } from './run-cache';
import { upToDate } from './run-unit';
import { StatusReporter } from './status-reporter';

/**
 * The run's side of quick-check.ts: before a run, the identities of the
 * files it will read; after it, when every output it planned is a file sink
 * now holding this very result, the record the next `duto run` answers
 * "up to date" from — the events and outputs the full check would give,
 * made by the same verdicts (run-unit.ts upToDate).
 */
export function readsBefore(ctx: RunContext, plan: RunPlan, options: RunOptions): QuickStart | undefined {
  const q = ctx.quickCheck;
  if (q === undefined || options.until !== undefined || plan.qualityIds.length > 0 || plan.reportIds.length > 0)
    return undefined;
  const paths: string[] = [];
  for (const id of plan.needed) {
    for (const r of ctx.bound.stepById.get(id)?.reads ?? []) {
      if (r.kind !== 'file') return undefined;
      paths.push(r.path);
    }
  }
  const reads = identities(paths);
  // What each output's fingerprint is before anything is read: the record is only as good as the run cache's.
  const prints = plan.units.map((u) => {
    const sink = ctx.access.sinks.get(u);
    return sink === undefined ? undefined : sinkFingerprint(ctx.bound.stepById, u, sink.spec);
  });
  return reads === undefined || prints.some((p) => p === undefined) ? undefined : { reads };
}

export interface QuickStart {
  reads: Array<{ path: string; identity: string }>;
}

export function recordUpToDate(ctx: RunContext, plan: RunPlan, start: QuickStart, result: RunResult): void {
  const q = ctx.quickCheck;
  if (q === undefined || !result.ok || result.cancelled || result.diagnostics.length > 0) return;
  if (result.checks !== undefined || result.rejected !== undefined) return;
  const rows = new Map(result.outputs.map((o) => [o.nodeId, o.rows]));
  const outputs: RunResult['outputs'] = [];
  for (const u of plan.units) {
    const sink = ctx.access.sinks.get(u);
    const n = rows.get(u);
    if (sink === undefined || n === undefined) return;
    outputs.push({ nodeId: u, path: sink.spec.path, rows: n, cached: true });
  }
  const targets = identities(outputs.map((o) => o.path));
  if (targets === undefined || outputs.length === 0) return;
  const events: ProgressEvent[] = [];
  const status = new StatusReporter((e) => events.push(e));
  status.each(plan.order, 'pending');
  for (const o of outputs) {
    const lineage = ancestorsAndSelf(ctx.analysis, o.nodeId);
    status.settle(
      plan.order.filter((n) => lineage.has(n)),
      upToDate(o.nodeId, o.rows),
    );
  }
  writeQuickRecord(q.file, q.key, start.reads, targets, { events, outputs });
}
