import type { DuckDBConnection } from '@duckdb/node-api';
import { openSandbox } from '../sandbox/sandbox';
import { commitTimestamp, readCommitFile } from './delta-commit-file';
import { listLog } from './delta-log-listing';
import { loadSnapshot, type DeltaSnapshot } from './delta-snapshot';

export interface DeltaHistoryEntry {
  version: number;
  timestamp: number;
  operation: string;
  filesAdded: number;
  filesRemoved: number;
  rowsAdded: number | undefined;
  engine: string | undefined;
}

/**
 * Runs `use` with a DuckDB of its own (checkpoints are Parquet), sandboxed
 * like a pipeline's (sandbox/sandbox.ts): it can reach the table folder and
 * nothing else, with the same budgets and no extension loading.
 */
export async function withDuck<T>(table: string, use: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const sandbox = await openSandbox({ files: [], dirs: [table] }, { threads: 1 });
  try {
    return await use(sandbox.connection);
  } finally {
    sandbox.close();
  }
}

/** The table's versions still in the log, newest first: operation, files and rows added and removed, engine, time (commitInfo). */
export function tableHistory(table: string): DeltaHistoryEntry[] {
  const { commits } = listLog(table);
  return [...commits]
    .sort((a, b) => b[0] - a[0])
    .map(([version, file]) => {
      const actions = readCommitFile(table, file);
      const info = actions.find((a) => a.commitInfo)?.commitInfo;
      let rowsAdded: number | undefined = 0;
      for (const a of actions) {
        if (!a.add) continue;
        const n = numRecords(a.add.stats ?? undefined);
        rowsAdded = rowsAdded === undefined || n === undefined ? undefined : rowsAdded + n;
      }
      const engine = info?.['engineInfo'];
      return {
        version,
        timestamp: commitTimestamp(actions, file),
        operation: info?.operation ?? 'unknown',
        filesAdded: actions.filter((a) => a.add).length,
        filesRemoved: actions.filter((a) => a.remove).length,
        rowsAdded,
        engine: typeof engine === 'string' ? engine : undefined,
      };
    });
}

function numRecords(stats: string | undefined): number | undefined {
  if (stats === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(stats);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'numRecords' in parsed &&
      typeof parsed.numRecords === 'number'
    )
      return parsed.numRecords;
  } catch {
    return undefined;
  }
  return undefined;
}

/** The table at its latest version: schema, partitions, protocol, files. */
export function describeTable(table: string): Promise<DeltaSnapshot> {
  return withDuck(table, (conn) => loadSnapshot(conn, table));
}
