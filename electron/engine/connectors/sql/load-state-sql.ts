import { LOAD_STATE_COLUMNS, LOAD_STATE_TABLE, type LoadStateWrite } from '../../external/load-state';
import { qualified, type Dialect } from './dialect';

/**
 * The statements a database sink runs on `duto_load_state` (load-state.ts),
 * in each dialect: values are always bound parameters.
 */

export function stateTable(d: Dialect, schema: string): string {
  return qualified(d, schema, LOAD_STATE_TABLE);
}

export function createStateTable(d: Dialect, schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${stateTable(d, schema)} (${LOAD_STATE_COLUMNS})${d.name === 'mysql' ? ' ENGINE=InnoDB' : ''}`;
}

/** One upsert per entry: [sql, values]. */
export function upsertState(d: Dialect, schema: string, state: LoadStateWrite, at: string): Array<[string, unknown[]]> {
  const p = (n: number): string => d.param(n);
  const values = `(${[1, 2, 3, 4, 5].map(p).join(', ')})`;
  const cols = '(pipeline_id, node_id, source_fingerprint, watermark, updated_at)';
  const tail =
    d.name === 'mysql'
      ? ' ON DUPLICATE KEY UPDATE source_fingerprint = VALUES(source_fingerprint), watermark = VALUES(watermark), updated_at = VALUES(updated_at)'
      : ' ON CONFLICT (pipeline_id, node_id) DO UPDATE SET source_fingerprint = excluded.source_fingerprint, watermark = excluded.watermark, updated_at = excluded.updated_at';
  return state.entries.map((e) => [
    `INSERT INTO ${stateTable(d, schema)} ${cols} VALUES ${values}${tail}`,
    [state.pipelineId, e.nodeId, e.fingerprint, e.watermark, at],
  ]);
}

export function selectState(d: Dialect, schema: string): string {
  return `SELECT source_fingerprint, watermark FROM ${stateTable(d, schema)} WHERE pipeline_id = ${d.param(1)} AND node_id = ${d.param(2)}`;
}

/** The first row of a state query, typed. */
export function stateRow(rows: readonly unknown[]): { fingerprint: string; watermark: string } | undefined {
  const r = rows[0];
  if (!Array.isArray(r)) return undefined;
  const [fingerprint, watermark]: unknown[] = r;
  return typeof fingerprint === 'string' && typeof watermark === 'string' ? { fingerprint, watermark } : undefined;
}
