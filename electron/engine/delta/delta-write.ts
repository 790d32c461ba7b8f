import type { DuckDBConnection } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { error } from '../../../shared/diagnostics';
import { ident, str } from '../../../shared/sql/quote';
import { readOne, runOne } from '../walls/one-statement';
import { writeCheckpoint } from './delta-checkpoint-write';
import { tryCommit } from './delta-commit';
import { deltaFailure } from './delta-errors';
import { loadSnapshot, type DeltaSnapshot } from './delta-snapshot';
import { parseSchema, type DeltaColumn } from './delta-schema';
import { deltaTypeOf, hasMinMax } from './delta-types-out';

export type DeltaWriteMode = 'create' | 'append' | 'overwrite';

export interface DeltaWriteResult {
  version: number;
  rows: number;
  /** How many commit attempts it took (more than 1 when another writer won a race). */
  attempts: number;
}

/** A checkpoint is written after every this many commits. */
export const CHECKPOINT_INTERVAL = 10;
const MAX_ATTEMPTS = 50;
/** commitInfo's mode, as Spark writes it. */
const OPERATION_MODE = { create: 'ErrorIfExists', append: 'Append', overwrite: 'Overwrite' } as const;

interface OutColumn {
  name: string;
  deltaType: string;
}

/**
 * Writes the rows of `selectSql` as one new Parquet file in the table folder
 * (a fresh unique name) and commits it: an append adds the file, an
 * overwrite also removes every file active at the version it read. The
 * commit is optimistic (delta-commit.ts): an append that loses the race
 * re-reads the log and tries the next version (appends never conflict); an
 * overwrite that loses fails with `delta.conflict`. The data file is deleted
 * whenever no commit references it.
 */
export async function writeDelta(
  conn: DuckDBConnection,
  table: string,
  selectSql: string,
  mode: DeltaWriteMode,
  /** Last word once the data file is written, before any commit: throwing commits nothing (a run's limits on bad rows). */
  beforeCommit?: () => Promise<void>,
): Promise<DeltaWriteResult> {
  mkdirSync(table, { recursive: true });
  const described = await readOne(conn, `DESCRIBE (${selectSql})`);
  const columns: OutColumn[] = described.getRowsJson().map((r) => {
    const name = String(r[0]);
    return { name, deltaType: deltaTypeOf(table, name, String(r[1])) };
  });
  const name = `part-${randomUUID()}.parquet`;
  const file = join(table, name);
  let committed = false;
  try {
    await runOne(conn, `COPY (${selectSql}) TO ${str(file)} (FORMAT parquet)`);
    const { rows, stats } = await fileStats(conn, file, columns);
    const size = statSync(file).size;
    await beforeCommit?.();
    const schemaString = JSON.stringify({
      type: 'struct',
      fields: columns.map((c) => ({ name: c.name, type: c.deltaType, nullable: true, metadata: {} })),
    });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const before = existsSync(join(table, '_delta_log')) ? await loadSnapshot(conn, table) : undefined;
      if (mode === 'create' && before !== undefined)
        throw deltaFailure(error('delta.exists', { table }, { file: table }));
      if (before !== undefined) checkSchema(table, before, schemaString);
      const now = Date.now();
      const actions: unknown[] = [
        {
          commitInfo: {
            timestamp: now,
            operation: before === undefined ? 'CREATE TABLE AS SELECT' : 'WRITE',
            operationParameters: { mode: OPERATION_MODE[mode] },
            operationMetrics: {
              numOutputRows: String(rows),
              numFiles: '1',
              numOutputBytes: String(size),
              numRemovedFiles: String(mode === 'overwrite' ? (before?.files.length ?? 0) : 0),
            },
            engineInfo: 'duto',
          },
        },
      ];
      if (before === undefined) {
        actions.push({ protocol: { minReaderVersion: 1, minWriterVersion: 2 } });
        actions.push({
          metaData: {
            id: randomUUID(),
            format: { provider: 'parquet', options: {} },
            schemaString,
            partitionColumns: [],
            configuration: {},
            createdTime: now,
          },
        });
      }
      if (mode === 'overwrite')
        for (const f of before?.files ?? [])
          actions.push({
            remove: {
              path: f.logPath,
              deletionTimestamp: now,
              dataChange: true,
              extendedFileMetadata: true,
              partitionValues: f.partitionValues,
              size: f.size,
            },
          });
      actions.push({ add: { path: name, partitionValues: {}, size, modificationTime: now, dataChange: true, stats } });
      const version = (before?.version ?? -1) + 1;
      if (tryCommit(table, version, actions)) {
        committed = true;
        if (version > 0 && version % CHECKPOINT_INTERVAL === 0)
          await writeCheckpoint(conn, await loadSnapshot(conn, table, { kind: 'version', version }));
        return { version, rows, attempts: attempt };
      }
      if (mode === 'overwrite' && before !== undefined)
        throw deltaFailure(error('delta.conflict', { table, version, operation: 'overwrite' }, { file: table }));
    }
    throw deltaFailure(error('delta.conflict', { table, version: MAX_ATTEMPTS, operation: mode }, { file: table }));
  } finally {
    if (!committed) rmSync(file, { force: true });
  }
}

/** Appends and overwrites keep the table's columns, and write only tables this writer fully understands. */
function checkSchema(table: string, snapshot: DeltaSnapshot, schemaString: string): void {
  const refuse = (feature: string) => deltaFailure(error('delta.feature', { table, feature }, { file: table }));
  if (snapshot.protocol.minWriterVersion > 2) throw refuse(`writer version ${snapshot.protocol.minWriterVersion}`);
  if (snapshot.mappingMode !== 'none') throw refuse('columnMapping (writing)');
  if (snapshot.partitionColumns.length > 0) throw refuse('partitionColumns (writing)');
  const detail = schemaDifference(snapshot.columns, parseSchema(table, schemaString, 'none'));
  if (detail !== undefined) throw deltaFailure(error('delta.schema/mismatch', { table, detail }, { file: table }));
}

/** What differs between the table's columns and the rows', naming the columns; undefined when they match (names, types and order). */
function schemaDifference(have: readonly DeltaColumn[], want: readonly DeltaColumn[]): string | undefined {
  const parts: string[] = [];
  const byName = new Map(have.map((c) => [c.name, c]));
  const missing = have.filter((c) => !want.some((w) => w.name === c.name)).map((c) => c.name);
  const extra = want.filter((w) => !byName.has(w.name)).map((w) => w.name);
  const changed = want.flatMap((w) => {
    const h = byName.get(w.name);
    return h !== undefined && h.type !== w.type
      ? [`${w.name} is ${h.type} in the table and ${w.type} in the rows`]
      : [];
  });
  if (missing.length > 0) parts.push(`the rows have no column ${missing.join(', ')}`);
  if (extra.length > 0) parts.push(`the table has no column ${extra.join(', ')}`);
  parts.push(...changed);
  if (parts.length === 0 && have.map((c) => c.name).join('\0') !== want.map((c) => c.name).join('\0')) {
    parts.push(`the columns are in another order (the table: ${have.map((c) => c.name).join(', ')})`);
  }
  return parts.length === 0 ? undefined : parts.join('; ');
}

/** numRecords, minValues, maxValues and nullCount of the written file (PROTOCOL.md "Per-file Statistics"), computed by DuckDB. */
async function fileStats(
  conn: DuckDBConnection,
  file: string,
  columns: readonly OutColumn[],
): Promise<{ rows: number; stats: string }> {
  const pairs = (f: (c: OutColumn) => string, only: (c: OutColumn) => boolean) =>
    columns
      .filter(only)
      .map((c) => `${str(c.name)}, ${f(c)}`)
      .join(', ');
  const all = () => true;
  const mm = (c: OutColumn) => hasMinMax(c.deltaType);
  const sql =
    `SELECT count(*), json_object('numRecords', count(*), 'minValues', json_object(${pairs((c) => `min(${ident(c.name)})`, mm)}), ` +
    `'maxValues', json_object(${pairs((c) => `max(${ident(c.name)})`, mm)}), 'nullCount', json_object(${pairs((c) => `count(*) - count(${ident(c.name)})`, all)}))::VARCHAR FROM read_parquet(${str(file)})`;
  const r = (await readOne(conn, sql)).getRowsJson()[0];
  return { rows: Number(r?.[0] ?? 0), stats: String(r?.[1] ?? '{}') };
}
