import { statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { BoundPlan } from './bind-views';
import { readOne } from './walls/one-statement';

/**
 * The rows of every node a chain streamed through on its way to a sink.
 * DuckDB runs a chain as one query and its profile cannot be mapped back to
 * nodes reliably (views are inlined, filters pushed into scans, projections
 * merged), so the nodes are counted after the write by one more pass, only
 * when that pass is cheap: the sink wrote few rows and the chain's files are
 * small. Above that, only the sink (and connector sources) know their rows.
 */

export const COUNT_MAX_ROWS = 1_000_000;
export const COUNT_MAX_BYTES = 64 * 1024 * 1024;

export async function chainCounts(conn: DuckDBConnection, bound: BoundPlan, nodeIds: readonly string[], sinkRows: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const views = nodeIds.flatMap((id) => {
    const view = bound.stepById.get(id)?.view;
    return view === undefined ? [] : [{ id, name: view.name }];
  });
  if (views.length === 0 || sinkRows > COUNT_MAX_ROWS || chainBytes(bound, nodeIds) > COUNT_MAX_BYTES) return counts;
  // One statement for the whole chain; each scalar subquery counts one view.
  const reader = await readOne(conn, `SELECT ${views.map((v) => `(SELECT count(*) FROM ${v.name})`).join(', ')}`);
  const row = reader.getRowsJson()[0] ?? [];
  views.forEach((v, i) => counts.set(v.id, Number(row[i] ?? 0)));
  return counts;
}

/** What the chain's files weigh; a file that cannot be seen counts as too big. */
function chainBytes(bound: BoundPlan, nodeIds: readonly string[]): number {
  let total = 0;
  for (const id of nodeIds) {
    for (const r of bound.stepById.get(id)?.reads ?? []) {
      if (r.kind !== 'file') continue;
      try {
        total += statSync(r.path).size;
      } catch {
        return Number.POSITIVE_INFINITY;
      }
    }
  }
  return total;
}
