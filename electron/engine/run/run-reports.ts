import { error, type Diagnostic, DutoError } from '../../../shared/diagnostics';
import type { RunOptions, RunResult } from '../api';
import type { RunPlan } from './plan';
import type { RunContext } from './run-context';
import type { StatusReporter } from './status-reporter';

/**
 * After the units: each report (sink.report) is written about the run as it
 * went, failed checks included — a report of a failed run is the one worth
 * reading. A cancelled run writes none. A report that cannot be written
 * fails the run with the reason, on the report node.
 */
export async function writeReports(
  ctx: RunContext,
  plan: RunPlan,
  options: RunOptions,
  status: StatusReporter,
  sofar: () => RunResult,
  diagnostics: Diagnostic[],
): Promise<void> {
  const write = ctx.writeReport;
  if (write === undefined) return;
  for (const id of plan.reportIds) {
    const spec = ctx.access.reports.get(id);
    if (spec === undefined || options.signal?.aborted === true) continue;
    status.say(id, 'running');
    try {
      await write(id, spec, sofar(), options.signal);
      status.say(id, 'done');
    } catch (e) {
      const said =
        e instanceof DutoError
          ? e.diagnostics
          : [
              error(
                'report.failed',
                { file: spec.path, detail: e instanceof Error ? e.message : String(e) },
                { nodeId: id, file: spec.path },
              ),
            ];
      diagnostics.push(...said);
      status.say(id, 'failed', said[0] === undefined ? {} : { diagnostic: said[0] });
    }
  }
}
