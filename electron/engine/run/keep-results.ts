import type { RunOptions, RunResult } from '../api';
import { wasSeen } from '../node-cache/cache-store';
import { executeUnits } from './execute-units';
import { ancestorsAndSelf, type RunPlan } from './plan';
import { emptyTally, runResult } from './report';
import type { RunContext } from './run-context';
import { StatusReporter } from './status-reporter';

/**
 * Idle-time keeping (`RunOptions.keepOnly`, the resident engine's quiet
 * moments): the big results runs computed before without keeping them
 * (the second-run policy, node-cache-plan.ts) are computed once more and
 * kept, as the next run would keep them — so the edit after a cold run
 * already starts from the parsed sources. Nothing else happens: no sink,
 * check or report, no watermark, no record of the run; a pipeline with an
 * error, or a file changed since it was bound, keeps nothing, and nothing that
 * reads from a database or the network is computed.
 */
export async function keepResults(ctx: RunContext, options: RunOptions): Promise<RunResult> {
  const startedAt = performance.now();
  const status = new StatusReporter(options.onProgress);
  const tally = emptyTally();
  const plan = planKeep(ctx);
  if (plan.units.length === 0) return runResult(startedAt, status, tally, [], false);
  const blocked =
    ctx.bound.diagnostics.some(
      (d) => d.severity === 'error' && (d.nodeId === undefined || plan.needed.has(d.nodeId)),
    ) ||
    plan.order.some((id) => ctx.bound.failed.has(id)) ||
    (await ctx.fileChecks(plan.needed)).some((d) => d.severity === 'error');
  if (blocked) return runResult(startedAt, status, tally, [], false);
  const ran = await executeUnits(ctx, plan, options, status, tally, []);
  return runResult(startedAt, status, tally, ran.diagnostics, ran.cancelled);
}

/**
 * Whether a node reads through a connector (a database, an HTTP API, a pinned one): idle time never
 * queries a server or the network on its own — only the user's next run does.
 */
function reachesOut(ctx: RunContext, id: string): boolean {
  return [...ancestorsAndSelf(ctx.analysis, id)].some((n) => ctx.externals?.has(n) === true);
}

/** The kept nodes a run computed without keeping (their fingerprint seen), each a unit of its own, upstream first. */
function planKeep(ctx: RunContext): RunPlan {
  const nc = ctx.nodeCache;
  const units =
    nc === undefined
      ? []
      : ctx.analysis.order.filter((id) => {
          const print = nc.prints.get(id);
          const category = ctx.analysis.nodes.get(id)?.def.category;
          return (
            print !== undefined &&
            category !== 'sink' &&
            category !== 'quality' &&
            nc.writes.has(id) &&
            !nc.entries.has(id) &&
            wasSeen(nc.dir, print) &&
            !reachesOut(ctx, id)
          );
        });
  const needed = new Set(units.flatMap((id) => [...ancestorsAndSelf(ctx.analysis, id)]));
  return {
    until: undefined,
    sinkIds: [],
    qualityIds: [],
    needed,
    order: ctx.analysis.order.filter((id) => needed.has(id)),
    units,
    reportIds: [],
  };
}
