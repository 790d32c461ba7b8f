import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProfileResult } from '../api';
import { runOne } from '../walls/one-statement';
import { columnDistribution } from './profile-distribution';
import { summarizeTable } from './profile-summary';

/**
 * A node's data profile: a summary over its whole output (profile-summary.ts:
 * one pass — per column min, max, approximate distinct count, share of NULLs,
 * mean, spread — and quartiles) — the first look a data engineer takes at new data;
 * then each column's distribution (profile-distribution.ts), binned by DuckDB
 * over the same whole output, for the first {@link DISTRIBUTED_COLUMNS} columns.
 */

const DISTRIBUTED_COLUMNS = 60;

const MAX_VALUE_CHARS = 200;

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS - 1)}…` : s;
}

/**
 * The node's output computed once into a temporary table of this request's
 * own connection (gone when it closes): the summary and every column's
 * binning then scan it instead of recomputing the pipeline above each time.
 */
const PROFILED = 'duto_profiled';

export async function profileView(
  conn: DuckDBConnection,
  nodeId: string,
  output: string,
): Promise<Omit<ProfileResult, 'elapsedMs'>> {
  await runOne(conn, `CREATE OR REPLACE TEMP TABLE ${PROFILED} AS SELECT * FROM ${output}`);
  try {
    return await profileTable(conn, nodeId, PROFILED);
  } finally {
    await runOne(conn, `DROP TABLE IF EXISTS ${PROFILED}`);
  }
}

async function profileTable(
  conn: DuckDBConnection,
  nodeId: string,
  view: string,
): Promise<Omit<ProfileResult, 'elapsedMs'>> {
  const summary = await summarizeTable(conn, view);
  const columns = summary.columns.map((c) => ({
    name: c.name,
    type: c.type,
    min: text(c.min),
    max: text(c.max),
    distinct: c.distinct,
    nullPercent: c.nullPercent,
    avg: text(c.avg),
    std: text(c.std),
    median: text(c.median),
    q25: text(c.q25),
    q75: text(c.q75),
  }));
  const distributed = [];
  for (const [i, c] of columns.entries()) {
    // One column at a time: the connection runs one statement at once anyway.
    const distribution = i < DISTRIBUTED_COLUMNS ? await columnDistribution(conn, view, c.name, c.type) : null;
    distributed.push(distribution === null ? c : { ...c, distribution });
  }
  return { nodeId, rows: summary.rows, columns: distributed };
}
