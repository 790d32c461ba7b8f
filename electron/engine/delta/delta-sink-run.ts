import type { DuckDBConnection } from '@duckdb/node-api';
import type { DeltaSinkSpec } from '../../../shared/catalog/delta-table';
import { DutoError } from '../../../shared/diagnostics';
import { writeDelta } from './delta-write';

/**
 * A run's sink.delta: one commit of the input's rows through the session's
 * own (sandboxed) DuckDB, which a run session allows the table folder.
 * Whatever the writer refuses (the table exists in create mode, other
 * columns, a feature it cannot write, a lost race) names the node and its
 * path param.
 */
export async function writeDeltaSink(
  conn: DuckDBConnection,
  nodeId: string,
  spec: DeltaSinkSpec,
  beforeCommit: () => Promise<void>,
): Promise<{ rows: number; version: number }> {
  try {
    const r = await writeDelta(conn, spec.path, `SELECT * FROM ${spec.input}`, spec.mode, {
      keys: spec.keys,
      partitionBy: spec.partitionBy,
      addColumns: spec.addColumns,
      beforeCommit,
    });
    return { rows: r.rows, version: r.version };
  } catch (e) {
    if (e instanceof DutoError)
      throw new DutoError(
        e.diagnostics.map((d) => ({ ...d, nodeId: d.nodeId ?? nodeId, param: d.param ?? paramOf(d.code, d.variant) })),
      );
    throw e;
  }
}

/** The param a refusal is about: a merge's keys, the partition columns, else the table. */
function paramOf(code: string, variant: string | undefined): string {
  if (code === 'delta.merge') return 'keys';
  if (code === 'delta.partition' && variant !== 'long' && variant !== 'many') return 'partitionBy';
  return 'path';
}
