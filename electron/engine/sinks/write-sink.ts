import type { DuckDBConnection } from '@duckdb/node-api';
import { str } from '../../../shared/sql/quote';
import { commitTemp, discardTemp, prepareTemp, type TempTarget } from './atomic-sink';
import type { BoundPlan } from '../bind/bind-views';
import { readOne } from '../walls/one-statement';
import { failpoint } from '../session/failpoints';
import { RunCancelled } from '../run/run-cancelled';

/** How a run writes a file sink (and counts the rows of a node it only computes). */

const PROGRESS_INTERVAL_MS = 100;

/** The rows of a node's view, for a run `until` a node that writes nothing. */
export async function countRows(conn: DuckDBConnection, nodeId: string, bound: BoundPlan): Promise<number> {
  const view = bound.stepById.get(nodeId)?.view;
  if (view === undefined) return 0;
  const reader = await readOne(conn, `SELECT count(*) FROM ${view.name}`);
  return Number(reader.getRowsJson()[0]?.[0] ?? 0);
}

/**
 * COPY to the temporary name, then fsync and rename over the target; on any
 * failure, or a cancel that came too late to interrupt the COPY, the
 * temporary write is removed and the target stays as it was.
 */
export async function writeSink(
  conn: DuckDBConnection,
  temp: TempTarget,
  input: string,
  options: string,
  onProgress: (p: number) => void,
  isCancelled: () => boolean,
  /** Last word before the output replaces the target: throwing keeps the target as it was. */
  beforeCommit?: () => Promise<void>,
): Promise<number> {
  prepareTemp(temp);
  const timer = setInterval(() => {
    const p = conn.progress;
    if (p.percentage >= 0) onProgress(Math.min(1, p.percentage / 100));
  }, PROGRESS_INTERVAL_MS);
  try {
    const reader = await readOne(conn, `COPY (SELECT * FROM ${input}) TO ${str(temp.temp)} (${options})`);
    const rows = Number(reader.getRowsJson()[0]?.[0] ?? 0);
    clearInterval(timer);
    if (isCancelled()) throw new RunCancelled();
    await beforeCommit?.();
    failpoint('commit.before');
    commitTemp(temp);
    failpoint('commit.after');
    return rows;
  } catch (e) {
    discardTemp(temp);
    throw e;
  } finally {
    clearInterval(timer);
  }
}
