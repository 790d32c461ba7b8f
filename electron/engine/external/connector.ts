import type { DuckDBInstance } from '@duckdb/node-api';
import type { TrustMode } from '../trust/trust-report';
import type { ExternalConfig } from '../../../shared/catalog/node-type';
import type { ConnectionKind } from '../../../shared/connections/connection';
import type { ResolvedConnection } from '../connections/resolved';
import type { LoadStateWrite, StatefulSink } from './load-state';
import type { SecretLookup } from './secret-lookup';
import type { LockSettings } from '../locks/wait-lock';
import type {
  BulkCsvSink,
  BulkCsvSource,
  CheckedSink,
  ExternalSink,
  ExternalSource,
  FileTargetSink,
  MultiInputSink,
  RejectingSource,
  SelectSink,
  StagingSink,
  TableSource,
  WarningSource,
} from './types';

/**
 * A connector: how the engine gets an ExternalSource or ExternalSink for a
 * node whose compile returned `externalSource` / `externalSink` of this kind.
 * Factories are cheap and do no I/O; the first call on the returned object
 * connects. See README.md beside this file.
 */

export interface SourceContext {
  nodeId: string;
  /** The node's compiled config, to parse with the connector's own schema. */
  config: ExternalConfig;
  /** The node's named connection, resolved (undefined when the node names none). */
  connection: ResolvedConnection | undefined;
  /** Only rows with `column` > `after` (the last successful run's maximum; null: every row). */
  incremental: { column: string; kind: 'timestamp' | 'id'; after: string | null } | undefined;
  /** Values of `${secret:NAME}` references in the config. */
  secrets: SecretLookup;
  /** The session's database, for a source that reads other nodes' views (ONNX scoring). */
  instance?: DuckDBInstance;
  /** The session's trust: a restricted one runs no model file (ONNX scoring). */
  trust?: TrustMode;
}

export interface SinkContext {
  nodeId: string;
  config: ExternalConfig;
  connection: ResolvedConnection | undefined;
  /** Set for runs: a database sink locks its table on its own connection before writing (file targets are locked by the engine). */
  lock?: LockSettings;
  /** Watermarks to commit in the same transaction as the rows (database sinks below incremental sources). */
  loadState?: LoadStateWrite;
}

export type ConnectorSource = ExternalSource &
  Partial<BulkCsvSource> &
  Partial<WarningSource> &
  Partial<RejectingSource> &
  Partial<TableSource>;
export type ConnectorSink = ExternalSink &
  Partial<BulkCsvSink> &
  Partial<CheckedSink> &
  Partial<MultiInputSink> &
  Partial<FileTargetSink> &
  Partial<StatefulSink> &
  Partial<StagingSink> &
  Partial<SelectSink>;

export interface ConnectorFactory {
  /** Matches ExternalSourceSpec.kind / ExternalSinkSpec.kind. */
  kind: string;
  /** The kind of connection a node must name, when the connector needs one. */
  connectionKind?: ConnectionKind;
  /** Whether the source applies SourceContext.incremental; the engine refuses an incremental node otherwise. */
  incremental?: boolean;
  source?(ctx: SourceContext): ConnectorSource;
  sink?(ctx: SinkContext): ConnectorSink;
}
