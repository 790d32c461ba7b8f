import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProfileResult } from '../api';
import { readOne, runOne } from '../walls/one-statement';
import { columnDistribution } from './profile-distribution';

/**
 * A node's data profile: DuckDB's SUMMARIZE over its whole output (one pass)
 * — per column min, max, approximate distinct count, share of NULLs, mean,
 * spread and quartiles — the first look a data engineer takes at new data;
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
  const reader = await readOne(conn, `SUMMARIZE SELECT * FROM ${view}`);
  const names = reader.columnNames();
  const at = (row: unknown[], name: string): unknown => row[names.indexOf(name)];
  const rows = reader.getRowsJson();
  const columns = rows.map((row) => ({
    name: String(at(row, 'column_name')),
    type: String(at(row, 'column_type')),
    min: text(at(row, 'min')),
    max: text(at(row, 'max')),
    distinct: Number(at(row, 'approx_unique') ?? 0),
    nullPercent: Number(at(row, 'null_percentage') ?? 0),
    avg: text(at(row, 'avg')),
    std: text(at(row, 'std')),
    median: text(at(row, 'q50')),
    q25: text(at(row, 'q25')),
    q75: text(at(row, 'q75')),
  }));
  const distributed = [];
  for (const [i, c] of columns.entries()) {
    // One column at a time: the connection runs one statement at once anyway.
    const distribution = i < DISTRIBUTED_COLUMNS ? await columnDistribution(conn, view, c.name, c.type) : null;
    distributed.push(distribution === null ? c : { ...c, distribution });
  }
  const count = rows[0] === undefined ? 0 : Number(at(rows[0], 'count') ?? 0);
  return { nodeId, rows: count, columns: distributed };
}
