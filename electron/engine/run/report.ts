import type { Analysis } from '../../../shared/compiler/plan';
import { error, hasErrors, type Diagnostic } from '../../../shared/diagnostics';
import type { CheckResult, RunResult } from '../api';
import { ancestorsAndSelf } from './plan';
import type { RunContext } from './run-context';
import type { StatusReporter } from './status-reporter';

/** What the units of a run produced, gathered for its result. */
export interface RunTally {
  outputs: RunResult['outputs'];
  checks: CheckResult[];
  rejected: NonNullable<RunResult['rejected']>;
  /** The sinks that wrote (their incremental sources may move their watermark). */
  written: string[];
}

export function emptyTally(): RunTally {
  return { outputs: [], checks: [], rejected: [], written: [] };
}

/** The run's result: every node's last status, what was written and checked, and the problems. */
export function runResult(
  startedAt: number,
  status: StatusReporter,
  tally: RunTally,
  diagnostics: Diagnostic[],
  cancelled: boolean,
): RunResult {
  return {
    ok: !cancelled && !hasErrors(diagnostics),
    cancelled,
    elapsedMs: Math.round(performance.now() - startedAt),
    nodes: status.nodes,
    outputs: tally.outputs,
    ...(tally.checks.length === 0 ? {} : { checks: tally.checks }),
    ...(tally.rejected.length === 0 ? {} : { rejected: tally.rejected }),
    diagnostics,
  };
}

/** A design-time warning the run said again from all its rows (error cells of a whole sheet) is kept once: the run's. */
export function keptOnce(diagnostics: readonly Diagnostic[], designWarnings: readonly Diagnostic[]): Diagnostic[] {
  const said = diagnostics.filter((d) => !designWarnings.includes(d));
  return diagnostics.filter(
    (d) => !designWarnings.includes(d) || !said.some((x) => x.nodeId === d.nodeId && x.code === d.code),
  );
}

/**
 * Incremental sources move their watermark only when the whole run
 * succeeded, and only those whose rows reached a sink that was written.
 */
export function commitWatermarks(
  ctx: RunContext,
  analysis: Analysis,
  written: readonly string[],
  diagnostics: Diagnostic[],
  cancelled: boolean,
): void {
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
    diagnostics.push(error('state.write', { detail: e instanceof Error ? e.message : String(e) }));
  }
}
