import { refKey } from '../../../shared/compiler/compile';
import type { Analysis } from '../../../shared/compiler/plan';
import { error, type Diagnostic } from '../../../shared/diagnostics';
import { refNode, refPort } from '../../../shared/format/document';

/**
 * Reads of another output port that the upstream node, bound without error, does not give with its settings —
 * a CSV source's rejected rows when it skips bad rows instead of setting them aside. Said on the reading node
 * before its view is made (DuckDB would only say a table `src.rejected` does not exist, and only when run).
 */
export function inactivePortReads(
  analysis: Analysis,
  nodeId: string,
  bound: { failed: ReadonlySet<string>; schemas: ReadonlyMap<string, unknown> },
): Diagnostic[] {
  const a = analysis.nodes.get(nodeId);
  if (a === undefined) return [];
  const out: Diagnostic[] = [];
  for (const [port, refs] of Object.entries(a.inputs)) {
    const label = a.def.inputs.find((i) => i.name === port)?.label ?? port;
    for (const ref of refs) {
      const up = refNode(ref);
      if (refPort(ref) === 'out' || bound.failed.has(up) || !bound.schemas.has(up) || bound.schemas.has(refKey(ref)))
        continue;
      const upDef = analysis.nodes.get(up)?.def;
      out.push(
        error(
          'node.unknown-output/inactive',
          { input: label, ref, node: upDef?.label ?? up, port: refPort(ref) },
          { nodeId },
        ),
      );
    }
  }
  return out;
}
