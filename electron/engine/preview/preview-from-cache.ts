import type { DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import { str } from '../../../shared/sql/quote';
import { entryProblem } from '../node-cache/cache-store';
import type { NodeCachePlan } from '../node-cache/node-cache-plan';
import { readOne } from '../walls/one-statement';

/**
 * After a run, a preview of a kept node reads its cache entry (node-cache/)
 * instead of computing the node again: the entry when it is whole and has
 * the node's very columns, else undefined (the node's view is read).
 */
export async function cachedRelation(
  conn: DuckDBConnection,
  plan: NodeCachePlan | undefined,
  nodeId: string,
  view: string,
): Promise<string | undefined> {
  const entry = plan?.entries.get(nodeId);
  if (plan === undefined || entry === undefined || entryProblem(plan.dir, entry) !== undefined) return undefined;
  const source = `read_parquet(${str(join(plan.dir, entry.file))})`;
  try {
    const columns = (await readOne(conn, `DESCRIBE SELECT * FROM ${view}`))
      .getRowsJson()
      .map((r) => `${String(r[0])} ${String(r[1])}`);
    const kept = (await readOne(conn, `DESCRIBE SELECT * FROM ${source}`))
      .getRowsJson()
      .map((r) => `${String(r[0])} ${String(r[1])}`);
    return columns.join('\n') === kept.join('\n') &&
      columns.join('\n') === entry.columns.map((c) => `${c.name} ${c.type}`).join('\n')
      ? source
      : undefined;
  } catch {
    return undefined;
  }
}
