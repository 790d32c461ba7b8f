import type { DuckDBConnection } from '@duckdb/node-api';
import { runOne } from '../walls/one-statement';
import type { BoundPlan } from './bind-views';
import { resolveCuts } from './deep-chains';

/**
 * Puts the detecting form of pinned CSV sources in place (bind-views.ts),
 * for the given nodes or all of them. Re-creating such a view makes DuckDB
 * sniff the file again (≈ 50 ms for a 500 MB CSV), so a run does it only for
 * the sources it computes: one whose result comes from the node cache is
 * never read, and its pinned view binds what is below it for nothing.
 */
export async function useDetectingViews(
  conn: DuckDBConnection,
  plan: BoundPlan,
  nodes?: Iterable<string>,
): Promise<void> {
  for (const id of nodes ?? [...plan.pinnedViews.keys()]) {
    const name = plan.pinnedViews.get(id);
    const view = plan.stepById.get(id)?.view;
    if (name === undefined || view === undefined) continue;
    // Taken off first: a read beside this one (a report's charts) reads the pinned view meanwhile — the same rows —
    // instead of re-creating the view at the same time.
    plan.pinnedViews.delete(id);
    await runOne(conn, `CREATE OR REPLACE VIEW ${name} AS ${view.sql}`);
  }
}

/**
 * What DuckDB needs before a read of `nodes` (a node and what is above it, or a run's chain): their sources in
 * the detecting form, then the long chains' cuts among them (deep-chains.ts), in that order.
 */
export async function prepareReads(conn: DuckDBConnection, plan: BoundPlan, nodes: ReadonlySet<string>): Promise<void> {
  await useDetectingViews(conn, plan, nodes);
  await resolveCuts(conn, plan.cuts, nodes);
}
