import { DutoError, error } from '../../../shared/diagnostics';
import { diagnoseDuckDBError } from '../duck/duckdb-errors';
import { isDataError, locateFailure } from './locate-failure';
import { isCancellation } from './run-cancelled';
import { QualityFailure } from './quality-failure';
import type { Attempt, UnitRun } from './unit-run';

/** How long a failed run may spend finding the node that caused a data error (locate-failure.ts). */
const LOCATE_BUDGET_MS = 30_000;

/**
 * What a unit's error means, said on its chain and on `rest` (the nodes only
 * later units needed, in order): a failed check, a cancel, or a failure
 * blamed on the node that caused it. The run stops after any of them;
 * 'cancelled' when a cancel stopped it.
 */
export async function unitFailed(
  run: UnitRun,
  a: Attempt,
  rest: readonly string[],
  e: unknown,
): Promise<'cancelled' | 'failed'> {
  const { ctx, status } = run;
  const { unit, chain } = a;
  if (e instanceof QualityFailure) {
    // The data reached the check: what is above it is done; nothing after it runs.
    run.diagnostics.push(...e.failures);
    status.settle(chain, (n) =>
      n === unit
        ? { status: 'failed', diagnostic: e.failures[0] ?? error('quality.failed/any', {}, { nodeId: unit }) }
        : 'done',
    );
    status.each(rest, 'skipped');
    return 'failed';
  }
  const own = e instanceof DutoError ? e.diagnostics[0] : undefined;
  if (run.watch.asked || isCancellation(e) || own?.code === 'run.cancelled') {
    status.settle(chain, 'cancelled');
    status.each(rest, 'cancelled');
    return 'cancelled';
  }
  // The files this chain reads, for reader errors that name none (a damaged Parquet page).
  const files = ctx.bound.steps
    .filter((s) => chain.includes(s.nodeId))
    .flatMap((s) => s.reads.filter((r) => r.kind === 'file').map((r) => r.path));
  let d = own ?? diagnoseDuckDBError(e, { nodeId: a.failedAt, ownerOfFile: ctx.ownerOfFile, files });
  if (own === undefined && d.nodeId === unit && isDataError(e)) {
    const culprit = await locateFailure(run.conn, e, {
      nodeIds: chain.filter((n) => n !== unit && ctx.externals?.has(n) !== true),
      bound: ctx.bound,
      budgetMs: LOCATE_BUDGET_MS,
    });
    if (culprit !== undefined) d = { ...d, nodeId: culprit };
  }
  run.diagnostics.push(d);
  const blamed = d;
  status.settle(chain, (n) =>
    n === blamed.nodeId ? { status: 'failed', diagnostic: blamed } : n === unit ? 'failed' : 'skipped',
  );
  status.each(rest, 'skipped');
  return 'failed';
}
