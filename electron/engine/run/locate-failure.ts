import type { DuckDBConnection } from '@duckdb/node-api';
import type { BoundPlan } from '../bind/bind-views';
import { errorMessage } from '../duck/duckdb-errors';
import { isCancellation } from './run-cancelled';
import { runOne } from '../walls/one-statement';

/**
 * DuckDB runs a whole chain as one query, so an error that shows only while
 * executing (a CAST failing on row 9,000,000) surfaces at the sink that
 * drove it. To name the node that caused it, the nodes above the sink are
 * evaluated one by one, in pipeline order, every column of every row, until
 * one fails with the same error: the first node whose own work fails. This
 * costs up to one more pass over the data per node, so it is done only for
 * a failed run, only for data errors, and within a time budget.
 */

/** Errors that come from values, not from the plan: worth finding the node of. */
const DATA_ERROR = /^(Conversion Error|Invalid Input Error|Out of Range Error): /;

export function isDataError(e: unknown): boolean {
  return DATA_ERROR.test(errorMessage(e));
}

/** The error's first line: the same failure shows the same first line at every node below its cause. */
function signature(e: unknown): string {
  return errorMessage(e).split('\n')[0] ?? '';
}

export interface LocateOptions {
  /** Candidates in pipeline (topological) order, the sink excluded. */
  nodeIds: readonly string[];
  bound: BoundPlan;
  /** Give up after this long, leaving the error on the sink. */
  budgetMs: number;
  /** Evaluate only this many rows of each node (a preview's), instead of all. */
  rows?: number;
}

export async function locateFailure(
  conn: DuckDBConnection,
  failure: unknown,
  o: LocateOptions,
): Promise<string | undefined> {
  const wanted = signature(failure);
  const deadline = performance.now() + o.budgetMs;
  for (const nodeId of o.nodeIds) {
    const view = o.bound.stepById.get(nodeId)?.view;
    if (view === undefined) continue;
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    const timer = setTimeout(() => conn.interrupt(), left);
    try {
      // hash() of the whole row: every column is computed, which count(*) alone would skip.
      const relation = o.rows === undefined ? view.name : `(SELECT * FROM ${view.name} LIMIT ${String(o.rows)})`;
      await runOne(conn, `SELECT min(hash(r)) FROM ${relation} AS r`);
    } catch (e) {
      if (isCancellation(e)) return undefined;
      if (signature(e) === wanted) return nodeId;
    } finally {
      clearTimeout(timer);
    }
  }
  return undefined;
}
