import type { DuckDBConnection } from '@duckdb/node-api';
import { ident } from '../../../shared/sql/quote';
import { isTooDeep } from '../duck/duckdb-errors';
import { runOne } from '../walls/one-statement';

/**
 * Long chains without DuckDB's nesting limit (issue #19). Each node's view
 * nests the view it reads: binding a view costs its depth, and DuckDB
 * refuses a query nested over 1,000 levels (about 400 chained nodes; the
 * limit cannot be raised safely: deeper binds overflow its stack).
 *
 * So while binding, the chain is cut every CUT_DEPTH nodes: the node's view
 * reads an empty table of its columns (`node.~cut`) instead of its query,
 * keeping every bind shallow. Before a preview, profile or run reads below a
 * cut, the cut is resolved in chain order: a soft one is healed (the node's
 * view is its query again, nothing is stored), a hard one — every RUN_DEPTH
 * nodes — is filled with the node's rows, the only place a long chain is
 * materialised.
 */

/**
 * Nodes between two cuts while binding: each bind costs the depth below it,
 * each cut two statements (measured: 8 binds a 2,000-node chain fastest).
 */
export const CUT_DEPTH = 8;
/** Nodes one query may nest at run time, well below DuckDB's limit (~400). */
export const RUN_DEPTH = 200;

export interface Cut {
  nodeId: string;
  /** The node's view, which reads the cut until it is healed. */
  view: string;
  /** The node's own query, which its view holds again once healed. */
  sql: string;
  /** The table the node's view reads. */
  table: string;
  /** Filled at each read, never healed. */
  hard: boolean;
  /** A soft cut, healed once by the first read below it. */
  healed: boolean;
}

/** A node's view nests its inputs' views: its depth is one more than the deepest of them. */
export function viewDepth(inputs: readonly string[], depthOf: (nodeId: string) => number | undefined): number {
  let deepest = 0;
  for (const id of inputs) deepest = Math.max(deepest, depthOf(id) ?? 0);
  return deepest + 1;
}

/** Cuts the chain at a bound node: its view reads an empty table of its columns until {@link resolveCuts}. */
export async function cutView(
  conn: DuckDBConnection,
  nodeId: string,
  view: { name: string; sql: string },
  hard: boolean,
): Promise<Cut> {
  const cut: Cut = { nodeId, view: view.name, sql: view.sql, table: ident(`${nodeId}.~cut`), hard, healed: false };
  await runOne(conn, `CREATE OR REPLACE TABLE ${cut.table} AS SELECT * FROM ${view.name} LIMIT 0`);
  await runOne(conn, `CREATE OR REPLACE VIEW ${view.name} AS SELECT * FROM ${cut.table}`);
  return cut;
}

/**
 * Resolves the cuts among `nodes` (the chain a read needs), in the order
 * they were bound, so each sees the ones above it resolved. A hard cut is
 * filled at every read: the files above may have changed since the last.
 */
export async function resolveCuts(
  conn: DuckDBConnection,
  cuts: readonly Cut[],
  nodes: ReadonlySet<string>,
): Promise<void> {
  for (const cut of cuts) {
    if (!nodes.has(cut.nodeId) || cut.healed) continue;
    if (!cut.hard) {
      try {
        await runOne(conn, `CREATE OR REPLACE VIEW ${cut.view} AS ${cut.sql}`);
        cut.healed = true;
        await runOne(conn, `DROP TABLE IF EXISTS ${cut.table}`);
        continue;
      } catch (e) {
        // Nodes that nest deeper than one level each: this one is stored after all.
        if (!isTooDeep(e)) throw e;
        cut.hard = true;
      }
    }
    await runOne(conn, `CREATE OR REPLACE TABLE ${cut.table} AS ${cut.sql}`);
  }
}
