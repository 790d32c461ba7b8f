import type { Diagnostic } from '../../../shared/diagnostics';
import type { RunOptions } from '../api';
import { DEFAULT_LOCK_WAIT_MS } from '../locks/wait-lock';
import { newRunId } from './run-id';
import { badRows } from './bad-rows';
import { CancelWatch } from './cancel-watch';
import { ancestorsAndSelf, type RunPlan } from './plan';
import type { RunTally } from './report';
import type { RunContext } from './run-context';
import { reuseCached, trimCache } from './node-reuse';
import { runUnit, takeFromCache, unitFingerprint } from './run-unit';
import type { StatusReporter } from './status-reporter';
import { unitFailed } from './unit-failure';
import type { Attempt, UnitRun } from './unit-run';

/**
 * Runs the plan's units in turn on one connection, until one fails or a
 * cancel stops one; then counts the rows sources set aside. `found` is what
 * the run says from the start (preflight's and design-time warnings).
 */
export async function executeUnits(
  ctx: RunContext,
  plan: RunPlan,
  options: RunOptions,
  status: StatusReporter,
  tally: RunTally,
  found: readonly Diagnostic[],
): Promise<{ diagnostics: Diagnostic[]; cancelled: boolean }> {
  const conn = await ctx.instance.connect();
  const watch = new CancelWatch(conn, options.signal);
  const runId = options.runId ?? newRunId();
  const run: UnitRun = {
    ctx,
    plan,
    options,
    status,
    tally,
    conn,
    watch,
    bad: badRows(ctx, plan.order),
    diagnostics: [...found],
    lockFor: (id) => ({
      runId,
      waitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
      onWaiting: (m) => status.say(id, 'running', { waiting: m }),
    }),
  };
  let cancelled = false;
  try {
    for (const [i, unit] of plan.units.entries()) {
      const lineage = [...ancestorsAndSelf(ctx.analysis, unit)];
      const inChain = new Set(lineage.filter((n) => !status.isSettled(n)));
      const a: Attempt = { unit, lineage, chain: plan.order.filter((n) => inChain.has(n)), failedAt: unit };
      const print = unitFingerprint(run, unit);
      if (takeFromCache(run, a, print)) continue;
      try {
        await reuseCached(run, a);
        await runUnit(run, a, print);
      } catch (e) {
        // What only the units after this one need: it does not run.
        const later = new Set(
          plan.units
            .slice(i + 1)
            .flatMap((u) => [...ancestorsAndSelf(ctx.analysis, u)])
            .filter((n) => !status.isSettled(n) && !inChain.has(n)),
        );
        cancelled =
          (await unitFailed(
            run,
            a,
            plan.order.filter((n) => later.has(n)),
            e,
          )) === 'cancelled';
        break;
      }
    }
    // Once per problem: a limit broken at a sink's gate is already reported.
    if (!cancelled)
      for (const d of await run.bad.report(conn, tally.rejected))
        if (!run.diagnostics.some((x) => x.message === d.message)) run.diagnostics.push(d);
  } finally {
    trimCache(run);
    watch.dispose();
    await ctx.externals?.release(conn).catch(() => undefined);
    conn.closeSync();
  }
  return { diagnostics: run.diagnostics, cancelled };
}
