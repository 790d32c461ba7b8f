import type { Column, NodeIssue } from './node-type';

/**
 * What the Delta nodes (source.delta, sink.delta) and the engine's Delta
 * reader share. A node's compile is pure and synchronous, while reading a
 * table's log needs files and DuckDB (checkpoints are Parquet): the engine
 * reads every source.delta's table before compiling (engine/delta/delta-tables.ts)
 * and answers `ctx.readDelta` from what it read.
 */

/** Which version of a table to read: the latest, a version number, or the last at or before a time (ms since the epoch). */
export type DeltaVersionChoice =
  { kind: 'latest' } | { kind: 'version'; version: number } | { kind: 'timestamp'; at: number };

/** A version of a Delta table as the engine read it. */
export interface DeltaTableRead {
  /** The table folder (absolute). */
  table: string;
  version: number;
  columns: Column[];
  /** The SELECT reading exactly the version's active files. */
  sql: string;
  /** The version's active data files (absolute): what DuckDB is allowed to read. */
  files: string[];
}

/** A sink.delta's write, carried by its plan step (the engine's Delta writer commits it). */
export interface DeltaSinkSpec {
  /** The table folder (absolute). */
  path: string;
  mode: 'create' | 'append' | 'overwrite' | 'merge';
  /** A merge's key columns (empty otherwise). */
  keys: string[];
  /** Partition columns of a table the write creates (an existing table keeps its own). */
  partitionBy: string[];
  /** Columns of the rows the table lacks are added to it (schema evolution) rather than refused. */
  addColumns: boolean;
  /** SQL naming the relation to write. */
  input: string;
}

/** The version a source.delta's params ask for, or the issue with them. */
export function deltaChoiceOf(params: {
  version?: number | undefined;
  timestamp: string;
}): { choice: DeltaVersionChoice } | { issue: NodeIssue } {
  const ts = params.timestamp.trim();
  if (params.version !== undefined && ts !== '')
    return { issue: { param: 'timestamp', message: 'give a version or a timestamp, not both' } };
  if (params.version !== undefined) return { choice: { kind: 'version', version: params.version } };
  if (ts === '') return { choice: { kind: 'latest' } };
  // A date alone, or a date and time with an offset: a time without one would depend on the machine's zone.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(ts)) {
    return {
      issue: {
        param: 'timestamp',
        message: `"${ts}" is not a timestamp: write e.g. 2024-05-01T12:00:00Z (a date and time with Z or an offset), or a date`,
      },
    };
  }
  // A date alone is its midnight in UTC, as Spark's TIMESTAMP AS OF reads it.
  const at = Date.parse(ts.replace(' ', 'T'));
  if (Number.isNaN(at)) return { issue: { param: 'timestamp', message: `"${ts}" is not a valid date and time` } };
  return { choice: { kind: 'timestamp', at } };
}
