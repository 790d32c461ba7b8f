import { statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { BoundPlan } from './bind-views';
import { readOne } from './walls/one-statement';

/**
 * The rows of every node a chain streamed through on its way to a sink.
 * DuckDB runs a chain as one query and its profile cannot be mapped back to
 * nodes reliably (views are inlined, filters pushed into scans, projections
 * merged), so the nodes are counted after the write, one more pass each,
 * upstream first, and only while that is cheap: the chain's files are small
 * and the counting stays within a budget (a share of the write's own time),
 * interrupted at its end. Nodes not counted by then show no rows.
 */

export const COUNT_MAX_BYTES = 64 * 1024 * 1024;
/** Counting may add this share of the write's time to a run… */
export const COUNT_BUDGET_SHARE = 0.1;
/** …or this much, whichever is more: small data is counted whole. */
export const COUNT_MIN_BUDGET_MS = 200;

/** What counting may spend, and what one count is guessed to cost: a scan of the same files without the write, taken as half its time. */
export function countBudget(writeMs: number): { budgetMs: number; perCountMs: number } {
  return { budgetMs: Math.max(COUNT_MIN_BUDGET_MS, writeMs * COUNT_BUDGET_SHARE), perCountMs: writeMs / 2 };
}

export async function chainCounts(conn: DuckDBConnection, bound: BoundPlan, nodeIds: readonly string[], { budgetMs, perCountMs }: { budgetMs: number; perCountMs: number }): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const views = nodeIds.flatMap((id) => {
    const view = bound.stepById.get(id)?.view;
    return view === undefined ? [] : [{ id, name: view.name }];
  });
  if (views.length === 0 || chainBytes(bound, nodeIds) > COUNT_MAX_BYTES) return counts;
  const deadline = performance.now() + budgetMs;
  // Lands on a count, or on nothing: clearTimeout runs in the same turn as the last count ends.
  const timer = setTimeout(() => conn.interrupt(), budgetMs);
  try {
    for (const v of views) {
      // A count that would not end in time is not started: an interrupted one costs its time and memory for nothing.
      if (deadline - performance.now() < Math.max(1, perCountMs)) break;
      const reader = await readOne(conn, `SELECT count(*) FROM ${v.name}`);
      counts.set(v.id, Number(reader.getRowsJson()[0]?.[0] ?? 0));
    }
  } catch {
    // Over budget (interrupted) or cancelled: the counts made so far stand.
  } finally {
    clearTimeout(timer);
  }
  return counts;
}

/** What the chain's files weigh; a folder, or a file that cannot be seen, counts as too big. */
function chainBytes(bound: BoundPlan, nodeIds: readonly string[]): number {
  let total = 0;
  for (const id of nodeIds) {
    for (const r of bound.stepById.get(id)?.reads ?? []) {
      if (r.kind !== 'file') return Number.POSITIVE_INFINITY;
      try {
        total += statSync(r.path).size;
      } catch {
        return Number.POSITIVE_INFINITY;
      }
    }
  }
  return total;
}
