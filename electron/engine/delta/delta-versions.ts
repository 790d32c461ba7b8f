import { resolve } from 'node:path';
import type { Analysis } from '../../../shared/compiler/plan';
import { DutoError } from '../../../shared/diagnostics';
import type { DeltaVersionsData } from '../../../shared/ipc/results';
import type { TrustMode } from '../trust/trust-report';
import { withinFolder } from '../walls/file-boundary';
import { tableHistory } from './delta-history';

/**
 * The versions of a source.delta's table, for the inspector to pick one
 * (its log's commits only: no data is read). Nothing for another node, a
 * table that is not one (the node says why), or, in a restricted session,
 * a table outside the pipeline's folder — which is never looked at.
 */
export function deltaVersionsOf(
  analysis: Analysis,
  nodeId: string,
  folder: string,
  trust: TrustMode,
): DeltaVersionsData {
  const a = analysis.nodes.get(nodeId);
  const path = a?.def.type === 'source.delta' ? a.params?.['path'] : undefined;
  if (typeof path !== 'string') return { versions: [] };
  const table = resolve(folder, path);
  if (trust === 'restricted') {
    if (!withinFolder(table, folder)) return { versions: [] };
  }
  try {
    return {
      versions: tableHistory(table).map((e) => ({
        version: e.version,
        timestamp: e.timestamp,
        operation: e.operation,
        rowsAdded: e.rowsAdded ?? null,
      })),
    };
  } catch (e) {
    if (e instanceof DutoError) return { versions: [] };
    throw e;
  }
}
