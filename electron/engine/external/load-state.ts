/**
 * Incremental state kept in the target database itself (exactly once,
 * ARCHITECTURE.md §3): a database sink writes the new watermark of every
 * incremental source above it in the SAME transaction as the rows, into a
 * small table `duto_load_state` beside its target. The next run reads it
 * from there; the local state file is only a cache.
 */

export const LOAD_STATE_TABLE = 'duto_load_state';

/** What a sink commits with its rows, per incremental source above it. */
export interface LoadStateEntry {
  nodeId: string;
  /** `sourceIdentity(spec)`: a watermark of another source does not apply. */
  fingerprint: string;
  watermark: string;
}

export interface LoadStateWrite {
  pipelineId: string;
  entries: readonly LoadStateEntry[];
}

/** What a database target says about an incremental source before a run. */
export interface StoredState {
  /** The committed watermark, when the state table has one for this pipeline and node. */
  entry: { fingerprint: string; watermark: string } | undefined;
  /** Whether the target table exists and holds at least one row. */
  targetHasRows: boolean;
  /** Names the state table for messages: `duto_load_state in warehouse (PostgreSQL …)`. */
  where: string;
}

/** A sink that keeps the state of the sources it loads in its own database. */
export interface StatefulSink {
  storedState(pipelineId: string, nodeId: string, signal: AbortSignal): Promise<StoredState>;
}

/** The state table's columns (portable types: PostgreSQL, MySQL, SQLite). */
export const LOAD_STATE_COLUMNS =
  'pipeline_id VARCHAR(191) NOT NULL, node_id VARCHAR(191) NOT NULL, source_fingerprint VARCHAR(64) NOT NULL, watermark TEXT NOT NULL, updated_at VARCHAR(40) NOT NULL, PRIMARY KEY (pipeline_id, node_id)';
