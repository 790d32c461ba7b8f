import type { DuckDBConnection } from '@duckdb/node-api';
import type { Diagnostic } from '../../../shared/diagnostics';
import type { RunOptions } from '../api';
import type { LockSettings } from '../locks/wait-lock';
import type { BadRows } from './bad-rows';
import type { CancelWatch } from './cancel-watch';
import type { RunPlan } from './plan';
import type { RunTally } from './report';
import type { RunContext } from './run-context';
import type { StatusReporter } from './status-reporter';

/** What every unit of one run works with. */
export interface UnitRun {
  ctx: RunContext;
  plan: RunPlan;
  options: RunOptions;
  status: StatusReporter;
  tally: RunTally;
  conn: DuckDBConnection;
  watch: CancelWatch;
  bad: BadRows;
  /** The run's problems so far (warnings, until one stops it). */
  diagnostics: Diagnostic[];
  /** One writer per target: a sink waits for another run's lock, saying so on its node. */
  lockFor: (id: string) => LockSettings;
}

/** One unit underway: the target and the part of its chain not done by an earlier unit. */
export interface Attempt {
  unit: string;
  /** The unit and everything above it. */
  lineage: string[];
  /** What this unit computes, in execution order: the lineage less what earlier units settled. */
  chain: string[];
  /** The node an error is blamed on by default: a connector source while it is read, else the unit. */
  failedAt: string;
  /** Fingerprints of big results computed but not kept (node-reuse.ts): remembered once the unit has succeeded. */
  seen?: string[];
}
