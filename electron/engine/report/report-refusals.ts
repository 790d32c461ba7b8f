import type { Analysis } from '../../../shared/compiler/plan';
import { error, type Diagnostic } from '../../../shared/diagnostics';
import type { PlanAccess } from '../bind/plan-access';

/** Every node a report names must be a node of the pipeline: an unknown id is an error naming the report node and its param. */
export function reportRefusals(pa: PlanAccess, analysis: Analysis): Diagnostic[] {
  const known = [...analysis.nodes.keys()];
  const out: Diagnostic[] = [];
  for (const [nodeId, spec] of pa.reports) {
    for (const param of ['charts', 'tables', 'profiles'] as const) {
      for (const id of spec[param]) {
        if (!analysis.nodes.has(id))
          out.push(error('report.unknown-node', { node: id, param, known: known.join(', ') }, { nodeId, param }));
      }
    }
  }
  return out;
}
