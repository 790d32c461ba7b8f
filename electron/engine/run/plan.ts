import { reachable } from '../../../shared/compiler/graph';
import type { Analysis } from '../../../shared/compiler/plan';
import { error, type Diagnostic } from '../../../shared/diagnostics';

/** What a run computes, decided before anything is touched. */
export interface RunPlan {
  until: string | undefined;
  /** The sinks to write: all, or `until` if it is one. */
  sinkIds: string[];
  /** The data checks to evaluate: all, or those `until` needs. */
  qualityIds: string[];
  /** Every node the run needs, and the same in execution order. */
  needed: Set<string>;
  order: string[];
  /** What runs, one chain each, in turn: checks first (a failed one stops the run before any sink writes), then the targets. */
  units: string[];
  /** The reports to write once the units are done (sink.report). */
  reportIds: string[];
}

/** A node and everything upstream of it. */
export function ancestorsAndSelf(analysis: Analysis, id: string): Set<string> {
  return reachable(id, (n) => analysis.nodes.get(n)?.upstream ?? []);
}

export function planRun(analysis: Analysis, until: string | undefined): RunPlan | { problem: Diagnostic } {
  if (until !== undefined && !analysis.nodes.has(until)) {
    return { problem: error('run.unknown-node', { node: until }) };
  }
  // By category, not by compiled sink: one that did not compile must fail the run, not be skipped silently.
  const isSink = (id: string): boolean => analysis.nodes.get(id)?.def.category === 'sink';
  const isQuality = (id: string): boolean => analysis.nodes.get(id)?.def.category === 'quality';
  const sinkIds = analysis.order.filter((id) => isSink(id) && (until === undefined || id === until));
  const upstreamOfUntil = until === undefined ? undefined : ancestorsAndSelf(analysis, until);
  const qualityIds = analysis.order.filter(
    (id) => isQuality(id) && (upstreamOfUntil === undefined || upstreamOfUntil.has(id)),
  );
  const needed = new Set<string>();
  if (upstreamOfUntil !== undefined) for (const n of upstreamOfUntil) needed.add(n);
  else for (const s of [...qualityIds, ...sinkIds]) for (const n of ancestorsAndSelf(analysis, s)) needed.add(n);
  const targets = until !== undefined && !isSink(until) && !isQuality(until) ? [until] : sinkIds;
  // Reports are written after every other unit, about the run (run/run-reports.ts).
  const isReport = (id: string): boolean => analysis.nodes.get(id)?.def.type === 'sink.report';
  return {
    until,
    sinkIds,
    qualityIds,
    needed,
    order: analysis.order.filter((id) => needed.has(id)),
    units: [...qualityIds, ...targets.filter((id) => !qualityIds.includes(id) && !isReport(id))],
    reportIds: sinkIds.filter(isReport),
  };
}
