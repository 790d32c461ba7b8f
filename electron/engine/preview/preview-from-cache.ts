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
    const columns = JSON.stringify(await describeColumns(conn, view));
    return columns === JSON.stringify(await describeColumns(conn, source)) && columns === JSON.stringify(entry.columns)
      ? source
      : undefined;
  } catch {
    return undefined;
  }
}

/** A relation's columns and their DuckDB types, in order. */
export async function describeColumns(
  conn: DuckDBConnection,
  relation: string,
): Promise<Array<{ name: string; type: string }>> {
  return (await readOne(conn, `DESCRIBE SELECT * FROM ${relation}`))
    .getRowsJson()
    .map((r) => ({ name: String(r[0]), type: String(r[1]) }));
}
