import type { DuckDBConnection } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { error } from '../../../shared/diagnostics';
import { tryCommit } from './delta-commit';
import { addAction, createActions, removeAction } from './delta-commit-actions';
import { removeFiles, writeDataFiles } from './delta-data-files';
import type { MetaDataAction } from './delta-actions';
import { deltaFailure } from './delta-errors';
import { mergeDelta } from './delta-merge';
import { loadSnapshot } from './delta-snapshot';
import {
  checkpointIfDue,
  checkSchema,
  materialize,
  MAX_ATTEMPTS,
  planWrite,
  type DeltaWriteOptions,
  type DeltaWriteResult,
  type WritePlan,
} from './delta-write-plan';

export type DeltaWriteMode = 'create' | 'append' | 'overwrite' | 'merge';

/** commitInfo's mode, as Spark writes it. */
const OPERATION_MODE = { create: 'ErrorIfExists', append: 'Append', overwrite: 'Overwrite' } as const;

/**
 * Writes the rows of `selectSql` as new Parquet files in the table folder
 * (fresh unique names; one per partition when partitioned) and commits
 * them: an append adds the files, an overwrite also removes every file
 * active at the version it read, a merge (delta-merge.ts) rewrites the files
 * holding matched keys. The commit is optimistic (delta-commit.ts): an
 * append that loses the race re-reads the log and tries the next version
 * (appends never conflict); an overwrite that loses fails with
 * `delta.conflict`. The data files are deleted whenever no commit references
 * them.
 */
export async function writeDelta(
  conn: DuckDBConnection,
  table: string,
  selectSql: string,
  mode: DeltaWriteMode,
  options: DeltaWriteOptions = {},
): Promise<DeltaWriteResult> {
  if (mode === 'merge') return mergeDelta(conn, table, selectSql, options);
  const plan = await planWrite(conn, table, selectSql, options.partitionBy ?? [], options.addColumns ?? false);
  if (mode === 'create' && plan.existing !== undefined)
    throw deltaFailure(error('delta.exists', { table }, { file: table }));
  if (plan.partitionColumns.length === 0) return commitWrite(conn, table, `(${selectSql})`, mode, plan, options);
  return materialize(conn, selectSql, (rows) => commitWrite(conn, table, rows, mode, plan, options));
}

async function commitWrite(
  conn: DuckDBConnection,
  table: string,
  relation: string,
  mode: 'create' | 'append' | 'overwrite',
  plan: WritePlan,
  options: DeltaWriteOptions,
): Promise<DeltaWriteResult> {
  const { columns, schemaString, partitionColumns } = plan;
  const files = await writeDataFiles(conn, table, relation, columns, partitionColumns, partitionColumns.length === 0);
  const rows = files.reduce((n, f) => n + f.rows, 0);
  const size = files.reduce((n, f) => n + f.size, 0);
  let committed = false;
  try {
    await options.beforeCommit?.();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const before = existsSync(join(table, '_delta_log')) ? await loadSnapshot(conn, table) : undefined;
      if (mode === 'create' && before !== undefined)
        throw deltaFailure(error('delta.exists', { table }, { file: table }));
      let evolved: MetaDataAction | undefined;
      if (before !== undefined) {
        // Another writer changed the table's metadata since it was read (its columns, say): conflict, as Delta has it.
        const read = plan.existing?.metaData;
        if (
          read !== undefined &&
          (read.id !== before.metaData.id || read.schemaString !== before.metaData.schemaString)
        )
          throw deltaFailure(
            error('delta.conflict', { table, version: before.version, operation: mode }, { file: table }),
          );
        evolved = checkSchema(table, before, columns, options.addColumns ?? false);
        // Another writer created the table meanwhile, partitioned otherwise than these files.
        if (before.partitionColumns.join('\0') !== partitionColumns.join('\0'))
          throw deltaFailure(
            error('delta.conflict', { table, version: before.version, operation: mode }, { file: table }),
          );
      }
      const now = Date.now();
      const actions: unknown[] = [
        {
          commitInfo: {
            timestamp: now,
            operation: before === undefined ? 'CREATE TABLE AS SELECT' : 'WRITE',
            operationParameters: { mode: OPERATION_MODE[mode], partitionBy: JSON.stringify(partitionColumns) },
            operationMetrics: {
              numOutputRows: String(rows),
              numFiles: String(files.length),
              numOutputBytes: String(size),
              numRemovedFiles: String(mode === 'overwrite' ? (before?.files.length ?? 0) : 0),
            },
            engineInfo: 'duto',
          },
        },
      ];
      if (before === undefined) actions.push(...createActions(schemaString, partitionColumns, now));
      else if (evolved !== undefined) actions.push({ metaData: evolved });
      if (mode === 'overwrite') for (const f of before?.files ?? []) actions.push(removeAction(f, now));
      for (const f of files) actions.push(addAction(f, now));
      const version = (before?.version ?? -1) + 1;
      if (tryCommit(table, version, actions)) {
        committed = true;
        await checkpointIfDue(conn, table, version);
        return { version, rows, attempts: attempt };
      }
      if (mode === 'overwrite' && before !== undefined)
        throw deltaFailure(error('delta.conflict', { table, version, operation: 'overwrite' }, { file: table }));
    }
    throw deltaFailure(error('delta.conflict', { table, version: MAX_ATTEMPTS, operation: mode }, { file: table }));
  } finally {
    if (!committed) removeFiles(files);
  }
}
