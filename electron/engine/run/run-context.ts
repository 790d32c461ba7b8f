import type { DuckDBInstance } from '@duckdb/node-api';
import type { ReportSinkSpec } from '../../../shared/catalog/node-type';
import type { Analysis } from '../../../shared/compiler/plan';
import type { Diagnostic } from '../../../shared/diagnostics';
import type { BoundPlan } from '../bind/bind-views';
import type { ErrorContext } from '../duck/duckdb-errors';
import type { ExternalNodes } from '../external/external-nodes';
import type { PlanAccess } from '../bind/plan-access';
import type { NodeCachePlan } from '../node-cache/node-cache-plan';
import type { StandIns } from '../node-cache/stand-ins';
import type { RunResult } from '../api';
import type { RunCache } from './run-cache';

/** What a run is given by its session. */
export interface RunContext {
  analysis: Analysis;
  bound: BoundPlan;
  access: PlanAccess;
  instance: DuckDBInstance;
  ownerOfFile: NonNullable<ErrorContext['ownerOfFile']>;
  /** Problems found by the pre-run file checks of the given nodes. */
  fileChecks: (nodeIds: ReadonlySet<string>) => Promise<Diagnostic[]>;
  /** Sources and sinks that connectors read and write. */
  externals?: ExternalNodes;
  /** What file sinks wrote before: an unchanged one is not written again. */
  runCache?: RunCache;
  /** Where a trusted CLI run records that it left everything up to date, under the document's key (quick-check.ts). */
  quickCheck?: { file: string; key: string };
  /** Node results kept across runs (node-cache/): reused when whole, written when computed. */
  nodeCache?: NodeCachePlan;
  /** Results read in their nodes' place, and what only they needed (node-cache/stand-ins.ts): done from the cache. */
  standIns?: StandIns;
  /** Writes a report (sink.report) about the run so far, once its other outputs are written; throws a DutoError. */
  writeReport?: (
    nodeId: string,
    spec: ReportSinkSpec,
    run: RunResult,
    signal: AbortSignal | undefined,
  ) => Promise<void>;
}
