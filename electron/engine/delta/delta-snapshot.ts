import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { error } from '../../../shared/diagnostics';
import type { ActionLine, AddAction, LoggedMetaData, MetaDataAction, ProtocolAction } from './delta-actions';
import { readCheckpoint } from './delta-checkpoint-read';
import { commitTimestamp, readCommitFile } from './delta-commit-file';
import { deltaFailure } from './delta-errors';
import { listLog, type LogListing } from './delta-log-listing';
import { pathInTable } from './delta-paths';
import { checkProtocol, columnMappingMode, type ColumnMappingMode } from './delta-protocol-check';
import { parseSchema, type DeltaColumn } from './delta-schema';

/** Which version to read: the latest, a version number, or the last one at or before a time (ms since the epoch). */
export type VersionChoice =
  { kind: 'latest' } | { kind: 'version'; version: number } | { kind: 'timestamp'; at: number };

export interface ActiveFile {
  /** Absolute path, checked to be inside the table folder. */
  file: string;
  logPath: string;
  size: number;
  partitionValues: Record<string, string | null>;
  stats: string | undefined;
}

export interface DeltaSnapshot {
  table: string;
  version: number;
  protocol: ProtocolAction;
  metaData: MetaDataAction;
  mappingMode: ColumnMappingMode;
  columns: DeltaColumn[];
  partitionColumns: string[];
  files: ActiveFile[];
}

export interface ReplayOptions {
  /** False replays from JSON commits only (tests compare both ways). */
  useCheckpoints?: boolean;
}

/** Hard cap on the actions a replay holds (a hostile log is refused, not loaded). */
export const MAX_ACTIONS = 5_000_000;

/**
 * Replays a Delta table's log to a version (PROTOCOL.md "Action
 * Reconciliation"): the newest usable checkpoint at or before it, then the
 * JSON commits after it in order; the last protocol and metaData win, an
 * `add` makes a file active and a `remove` of the same path retires it.
 */
export async function loadSnapshot(
  conn: DuckDBConnection,
  table: string,
  choice: VersionChoice = { kind: 'latest' },
  options: ReplayOptions = {},
): Promise<DeltaSnapshot> {
  const listing = listLog(table);
  const useCheckpoints = options.useCheckpoints ?? true;
  const latest = Math.max(-1, ...listing.commits.keys(), ...(useCheckpoints ? listing.checkpoints.keys() : []));
  if (latest < 0) throw deltaFailure(error('delta.not-a-table', { table }, { file: table }));
  if (listing.lastCheckpoint !== undefined && listing.lastCheckpoint > latest) {
    throw deltaFailure(
      error(
        'delta.checkpoint',
        { table, detail: `_last_checkpoint names version ${listing.lastCheckpoint}, after the last commit ${latest}` },
        { file: listing.logDir },
      ),
    );
  }
  const version = pickVersion(table, listing, choice, latest, useCheckpoints);
  const checkpoint = useCheckpoints ? Math.max(-1, ...[...listing.checkpoints.keys()].filter((v) => v <= version)) : -1;
  for (let v = checkpoint + 1; v <= version; v++)
    if (!listing.commits.has(v))
      throw deltaFailure(error('delta.log-gap', { table, version: v }, { file: listing.logDir }));

  const state = new Replay(table);
  const cpFiles = listing.checkpoints.get(checkpoint);
  if (cpFiles !== undefined) state.apply(await readCheckpoint(conn, table, cpFiles));
  for (let v = checkpoint + 1; v <= version; v++) {
    const file = listing.commits.get(v);
    if (file !== undefined) state.apply(readCommitFile(table, file));
  }
  return state.finish(version);
}

function earliest(listing: LogListing, useCheckpoints: boolean): number {
  const cps = useCheckpoints ? [...listing.checkpoints.keys()] : [];
  if (listing.commits.has(0)) return 0;
  return cps.length === 0 ? Infinity : Math.min(...cps);
}

function pickVersion(
  table: string,
  listing: LogListing,
  choice: VersionChoice,
  latest: number,
  useCheckpoints: boolean,
): number {
  const first = earliest(listing, useCheckpoints);
  if (choice.kind === 'latest') return latest;
  if (choice.kind === 'version') {
    if (!Number.isInteger(choice.version) || choice.version < first || choice.version > latest) {
      throw deltaFailure(
        error(
          'delta.version',
          { table, version: choice.version, first: Number.isFinite(first) ? first : latest, latest },
          { file: table },
        ),
      );
    }
    return choice.version;
  }
  let found = -1;
  for (const [v, file] of [...listing.commits].sort((a, b) => a[0] - b[0])) {
    if (v < first) continue;
    if (commitTimestamp(readCommitFile(table, file), file) <= choice.at) found = v;
    else break;
  }
  if (found < 0)
    throw deltaFailure(
      error('delta.timestamp', { table, timestamp: new Date(choice.at).toISOString() }, { file: table }),
    );
  return found;
}

class Replay {
  private protocol: ProtocolAction | undefined;
  private metaData: LoggedMetaData | undefined;
  private readonly active = new Map<string, AddAction>();
  private count = 0;

  constructor(private readonly table: string) {}

  apply(actions: readonly ActionLine[]): void {
    this.count += actions.length;
    if (this.count > MAX_ACTIONS)
      throw deltaFailure(
        error('delta.budget', { table: this.table, detail: `more than ${MAX_ACTIONS} actions` }, { file: this.table }),
      );
    for (const a of actions) {
      if (a.protocol) this.protocol = a.protocol;
      if (a.metaData) this.metaData = a.metaData;
      if (a.add) this.active.set(key(a.add.path), a.add);
      if (a.remove) this.active.delete(key(a.remove.path));
    }
  }

  finish(version: number): DeltaSnapshot {
    const { table, protocol, metaData: logged } = this;
    if (protocol === undefined || logged === undefined) {
      throw deltaFailure(
        error(
          'delta.malformed',
          {
            detail: `${table}: no ${protocol === undefined ? 'protocol' : 'metaData'} action up to version ${version}`,
          },
          { file: table },
        ),
      );
    }
    const { schemaString } = logged;
    if (schemaString === undefined)
      throw deltaFailure(
        error(
          'delta.malformed',
          { detail: `${table}: the metaData in force at version ${version} has no schemaString` },
          { file: table },
        ),
      );
    const metaData: MetaDataAction = { ...logged, schemaString };
    checkProtocol(table, protocol);
    const mappingMode = columnMappingMode(table, metaData);
    const columns = parseSchema(table, metaData.schemaString, mappingMode);
    const files: ActiveFile[] = [];
    for (const add of this.active.values()) {
      if (add.deletionVector)
        throw deltaFailure(error('delta.feature', { table, feature: 'deletionVectors' }, { file: table }));
      const file = pathInTable(table, add.path);
      if (file === undefined) throw deltaFailure(error('delta.path', { table, path: add.path }, { file: table }));
      if (!existsSync(file))
        throw deltaFailure(error('delta.file-missing', { table, version, path: add.path }, { file }));
      files.push({
        file,
        logPath: add.path,
        size: add.size,
        partitionValues: add.partitionValues ?? {},
        stats: add.stats ?? undefined,
      });
    }
    files.sort((a, b) => (a.logPath < b.logPath ? -1 : a.logPath > b.logPath ? 1 : 0));
    return {
      table,
      version,
      protocol,
      metaData,
      mappingMode,
      columns,
      partitionColumns: metaData.partitionColumns,
      files,
    };
  }
}

/** add and remove name the same file however its path was encoded. */
function key(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
