import type { RunOptions, RunResult } from '../api';
import { executeUnits } from './execute-units';
import { planRun } from './plan';
import { readsBefore, recordUpToDate } from './record-up-to-date';
import { preflight } from './preflight';
import { commitWatermarks, emptyTally, keptOnce, runResult } from './report';
import type { RunContext } from './run-context';
import { writeReports } from './run-reports';
import { StatusReporter } from './status-reporter';
import { standInWarnings } from '../node-cache/stand-ins';
import { keepResults } from './keep-results';

export { ancestorsAndSelf } from './plan';
export type { RunContext } from './run-context';

/**
 * Runs a bound pipeline: every sink (or just what `until` needs), each as
 * one COPY to a temporary name that is renamed over the target only when
 * complete. The stages (run/): plan what runs, preflight what could refuse
 * it, execute the units in turn, report. One StatusReporter says every
 * node's progress; cancellation interrupts DuckDB.
 */
export async function runPipeline(ctx: RunContext, options: RunOptions = {}): Promise<RunResult> {
  if (options.keepOnly === true) return keepResults(ctx, options);
  const startedAt = performance.now();
  const status = new StatusReporter(options.onProgress);
  const tally = emptyTally();
  const plan = planRun(ctx.analysis, options.until);
  if ('problem' in plan) return runResult(startedAt, status, tally, [plan.problem], false);
  // Stand-ins and what only they needed are done, from the cache, before anything runs (node-cache/stand-ins.ts).
  const standIns = ctx.standIns;
  // Every node the run needs is pending first, in pipeline order, as in a run that binds them all.
  status.each(standIns?.order ?? plan.order, 'pending');
  if (standIns !== undefined)
    status.settle(standIns.reported, (id) => {
      const rows = standIns.reused.get(id)?.rows;
      return rows === undefined ? { status: 'done', origin: 'cache' } : { status: 'done', rows, origin: 'cache' };
    });
  const checked = await preflight(ctx, plan, options, status);
  if ('stop' in checked) return runResult(startedAt, status, tally, checked.stop, checked.cancelled);
  // What looked wrong at design time (an implausible dialect…) is said in the run too.
  const designWarnings = [
    ...ctx.bound.diagnostics.filter(
      (d) =>
        d.severity === 'warning' && d.nodeId !== undefined && plan.needed.has(d.nodeId) && d.code !== 'node.unused',
    ),
    ...(standIns === undefined ? [] : standInWarnings(standIns)),
  ];
  const quick = readsBefore(ctx, plan, options);
  const ran = await executeUnits(ctx, plan, options, status, tally, [...checked.go, ...designWarnings]);
  commitWatermarks(ctx, ctx.analysis, tally.written, ran.diagnostics, ran.cancelled);
  const diagnostics = keptOnce(ran.diagnostics, designWarnings);
  if (!ran.cancelled)
    await writeReports(
      ctx,
      plan,
      options,
      status,
      () => runResult(startedAt, status, tally, diagnostics, false),
      diagnostics,
    );
  const result = runResult(startedAt, status, tally, diagnostics, ran.cancelled);
  if (quick !== undefined) recordUpToDate(ctx, plan, quick, result);
  return result;
}
