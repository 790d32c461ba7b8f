import type { DuckDBConnection } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { error } from '../../../shared/diagnostics';
import { ident } from '../../../shared/sql/quote';
import { readOne, runOne } from '../walls/one-statement';
import { writeCheckpoint } from './delta-checkpoint-write';
import { schemaStringOf } from './delta-commit-actions';
import type { OutColumn } from './delta-data-files';
import type { MetaDataAction } from './delta-actions';
import { deltaFailure } from './delta-errors';
import { partitionValueSql } from './delta-partitions';
import { loadSnapshot, type DeltaSnapshot } from './delta-snapshot';
import { parseSchema, type DeltaColumn } from './delta-schema';
import { deltaTypeOf } from './delta-types-out';
import { makeFolderSync } from '../files/make-folder';

/** What the Delta writes share (delta-write.ts, delta-merge.ts): the rows' columns checked against the table, its partitioning, checkpoints. */

export interface DeltaWriteResult {
  version: number;
  rows: number;
  /** How many commit attempts it took (more than 1 when another writer won a race). */
  attempts: number;
}

export interface DeltaWriteOptions {
  /** Partition columns of a table this write creates; an existing table keeps its own (naming others is refused). */
  partitionBy?: readonly string[];
  /** A merge's key columns. */
  keys?: readonly string[];
  /** Columns of the rows the table lacks are added to it (nullable, at the end) rather than refused. */
  addColumns?: boolean;
  /** Last word once the data files are written, before any commit: throwing commits nothing (a run's limits on bad rows). */
  beforeCommit?: () => Promise<void>;
}

/** A checkpoint is written after every this many commits. */
const CHECKPOINT_INTERVAL = 10;
export const MAX_ATTEMPTS = 50;
/** What every write learns before writing: the rows' columns, the table as it is, its partition columns. */
export interface WritePlan {
  columns: OutColumn[];
  schemaString: string;
  existing: DeltaSnapshot | undefined;
  partitionColumns: string[];
  /** The table's new metaData when the rows add columns to it (the commit carries it). */
  evolved: MetaDataAction | undefined;
}

export async function planWrite(
  conn: DuckDBConnection,
  table: string,
  selectSql: string,
  partitionBy: readonly string[],
  addColumns = false,
): Promise<WritePlan> {
  makeFolderSync(table);
  const described = await readOne(conn, `DESCRIBE (${selectSql})`);
  const columns: OutColumn[] = described.getRowsJson().map((r) => {
    const name = String(r[0]);
    const duckType = String(r[1]);
    return { name, duckType, deltaType: deltaTypeOf(table, name, duckType) };
  });
  const existing = existsSync(join(table, '_delta_log')) ? await loadSnapshot(conn, table) : undefined;
  return planOn(table, columns, existing, partitionBy, addColumns);
}

/** The plan of writing `columns` on the version `existing` (also when a lost race makes a writer redo it on a newer one). */
export function planOn(
  table: string,
  columns: OutColumn[],
  existing: DeltaSnapshot | undefined,
  partitionBy: readonly string[],
  addColumns: boolean,
): WritePlan {
  const evolved = existing === undefined ? undefined : checkSchema(table, existing, columns, addColumns);
  return {
    columns,
    schemaString: evolved?.schemaString ?? existing?.metaData.schemaString ?? schemaStringOf(columns),
    existing,
    partitionColumns: partitioning(table, columns, existing, partitionBy),
    evolved,
  };
}

/** The partition columns a write uses: the table's, or those asked for a new table (input columns, a type with a text form, not all of them). */
export function partitioning(
  table: string,
  columns: readonly OutColumn[],
  existing: DeltaSnapshot | undefined,
  partitionBy: readonly string[],
): string[] {
  if (existing !== undefined) {
    const have = existing.partitionColumns;
    if (
      partitionBy.length > 0 &&
      partitionBy.map((c) => c.toLowerCase()).join('\0') !== have.map((c) => c.toLowerCase()).join('\0')
    )
      throw deltaFailure(
        error(
          'delta.partition',
          { table, have: have.length === 0 ? '(no column)' : have.join(', '), want: partitionBy.join(', ') },
          { file: table },
        ),
      );
    return [...have];
  }
  const out: string[] = [];
  for (const asked of partitionBy) {
    const column = columns.find((c) => c.name.toLowerCase() === asked.toLowerCase());
    const refuse = (detail: string) =>
      deltaFailure(error('delta.partition/column', { table, column: asked, detail }, { file: table }));
    if (column === undefined) throw refuse('the rows have no such column');
    if (out.includes(column.name)) throw refuse('it is given twice');
    partitionValueSql(table, column.name, column.duckType);
    out.push(column.name);
  }
  if (out.length > 0 && out.length === columns.length)
    throw deltaFailure(
      error(
        'delta.partition/column',
        { table, column: out.join(', '), detail: 'a table needs at least one column that is not a partition column' },
        { file: table },
      ),
    );
  return out;
}

/** A temporary table of the rows, read once: partitioned writes and merges read their rows more than once. */
export async function materialize<T>(
  conn: DuckDBConnection,
  selectSql: string,
  use: (name: string) => Promise<T>,
): Promise<T> {
  const name = `__duto_delta_rows_${randomUUID().replace(/-/g, '')}`;
  await runOne(conn, `CREATE TEMP TABLE ${ident(name)} AS ${selectSql}`);
  try {
    return await use(ident(name));
  } finally {
    await runOne(conn, `DROP TABLE IF EXISTS ${ident(name)}`);
  }
}

export async function checkpointIfDue(conn: DuckDBConnection, table: string, version: number): Promise<void> {
  if (version > 0 && version % CHECKPOINT_INTERVAL === 0)
    await writeCheckpoint(conn, await loadSnapshot(conn, table, { kind: 'version', version }));
}

/**
 * Appends, overwrites and merges keep the table's columns, and write only
 * tables this writer fully understands. With `addColumns`, columns of the
 * rows the table lacks are added: the table's new metaData (its schema plus
 * those columns, nullable, at the end; same id, partition columns and
 * configuration) is returned for the commit to carry. A column of the table
 * the rows lack, or another type, is refused either way.
 */
export function checkSchema(
  table: string,
  snapshot: DeltaSnapshot,
  columns: readonly OutColumn[],
  addColumns: boolean,
): MetaDataAction | undefined {
  const refuse = (feature: string) => deltaFailure(error('delta.feature', { table, feature }, { file: table }));
  if (snapshot.protocol.minWriterVersion > 2) throw refuse(`writer version ${snapshot.protocol.minWriterVersion}`);
  if (snapshot.mappingMode !== 'none') throw refuse('columnMapping (writing)');
  const want = parseSchema(table, schemaStringOf(columns), 'none');
  const have = snapshot.columns;
  const added = columns.filter((c) => !have.some((h) => h.name === c.name));
  if (addColumns && added.length > 0) {
    const detail = schemaDifference(have, want, true);
    if (detail !== undefined) throw deltaFailure(error('delta.schema/evolve', { table, detail }, { file: table }));
    return { ...snapshot.metaData, schemaString: withColumns(table, snapshot.metaData.schemaString, added) };
  }
  const detail = schemaDifference(have, want, false);
  if (detail !== undefined) throw deltaFailure(error('delta.schema/mismatch', { table, detail }, { file: table }));
  return undefined;
}

const schemaFields = z.looseObject({ fields: z.array(z.unknown()) });

/** The table's schemaString with `added` appended as nullable fields (its own fields kept as written, metadata and all). */
function withColumns(table: string, schemaString: string, added: readonly OutColumn[]): string {
  const r = schemaFields.safeParse(JSON.parse(schemaString));
  if (!r.success) throw deltaFailure(error('delta.schema', { table, detail: 'not a struct' }, { file: table }));
  const fields = [
    ...r.data.fields,
    ...added.map((c) => ({ name: c.name, type: c.deltaType, nullable: true, metadata: {} })),
  ];
  return JSON.stringify({ ...r.data, fields });
}

/** What differs between the table's columns and the rows', naming the columns; undefined when they match (names, types and, unless columns are added, order). */
function schemaDifference(
  have: readonly DeltaColumn[],
  want: readonly DeltaColumn[],
  adding: boolean,
): string | undefined {
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
  if (extra.length > 0 && !adding) parts.push(`the table has no column ${extra.join(', ')}`);
  parts.push(...changed);
  // Files are read by column name: added columns may come anywhere in the rows.
  if (!adding && parts.length === 0 && have.map((c) => c.name).join('\0') !== want.map((c) => c.name).join('\0')) {
    parts.push(`the columns are in another order (the table: ${have.map((c) => c.name).join(', ')})`);
  }
  return parts.length === 0 ? undefined : parts.join('; ');
}
