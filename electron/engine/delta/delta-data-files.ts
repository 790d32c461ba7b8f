import type { DuckDBConnection } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { error } from '../../../shared/diagnostics';
import { ident, str, strList } from '../../../shared/sql/quote';
import { readOne, runOne } from '../walls/one-statement';
import { deltaFailure } from './delta-errors';
import { logPathOf, MAX_PARTITIONS, partitionFolder, partitionValueSql } from './delta-partitions';
import { hasMinMax } from './delta-types-out';

export interface OutColumn {
  name: string;
  /** DuckDB's type name, as DESCRIBE gives it. */
  duckType: string;
  deltaType: string;
}

/** A data file written for a commit, not yet referenced by the log. */
export interface WrittenFile {
  file: string;
  logPath: string;
  partitionValues: Record<string, string | null>;
  size: number;
  rows: number;
  stats: string;
}

/**
 * Writes the rows of `relation` (a table or a parenthesized SELECT) as new
 * Parquet files in the table folder, under fresh unique names: one file, or
 * with partition columns one file per partition in its Hive folder
 * (`col=value/`), the partition columns left out of the files (their values
 * go in the log). Partitioned writes read `relation` twice, so it must be a
 * materialized table. Whatever is written is deleted again if writing fails.
 */
export async function writeDataFiles(
  conn: DuckDBConnection,
  table: string,
  relation: string,
  columns: readonly OutColumn[],
  partitionColumns: readonly string[],
  /** Write a file even with no rows (an unpartitioned append keeps its columns readable). */
  emptyFile: boolean,
): Promise<WrittenFile[]> {
  const placed: Array<{ file: string; relative: string; partitionValues: Record<string, string | null> }> = [];
  try {
    if (partitionColumns.length === 0) {
      const name = `part-${randomUUID()}.parquet`;
      const file = join(table, name);
      placed.push({ file, relative: name, partitionValues: {} });
      await runOne(conn, `COPY (SELECT * FROM ${relation}) TO ${str(file)} (FORMAT parquet)`);
    } else {
      placed.push(...(await writePartitioned(conn, table, relation, columns, partitionColumns)));
    }
    const data = columns.filter((c) => !partitionColumns.includes(c.name));
    const stats = await fileStats(
      conn,
      placed.map((p) => p.file),
      data,
    );
    const out = placed.map((p) => ({
      file: p.file,
      logPath: logPathOf(p.relative),
      partitionValues: p.partitionValues,
      size: statSync(p.file).size,
      rows: stats.get(p.file)?.rows ?? 0,
      stats: stats.get(p.file)?.stats ?? '{"numRecords":0}',
    }));
    return emptyFile ? out : out.filter((f) => f.rows > 0);
  } catch (e) {
    removeFiles(placed);
    throw e;
  }
}

/** Deletes data files no commit references. */
export function removeFiles(files: ReadonlyArray<{ file: string }>): void {
  for (const f of files) rmSync(f.file, { force: true });
}

/**
 * One COPY into a staging folder partitioned by a partition's number (a
 * folder name DuckDB need not escape), each partition's values serialized
 * by DuckDB as the protocol wants; then each file moves to its Hive folder.
 */
async function writePartitioned(
  conn: DuckDBConnection,
  table: string,
  relation: string,
  columns: readonly OutColumn[],
  partitionColumns: readonly string[],
): Promise<Array<{ file: string; relative: string; partitionValues: Record<string, string | null> }>> {
  const id = randomUUID().replace(/-/g, '');
  const parts = `__duto_delta_parts_${id}`;
  const staging = join(table, `.duto-staging-${id}`);
  const typeOf = new Map(columns.map((c) => [c.name, c.duckType]));
  const values = partitionColumns.map((c, i) => `${partitionValueSql(table, c, typeOf.get(c) ?? '')} AS p${i}`);
  const keys = partitionColumns.map((_, i) => `p${i}`);
  const on = partitionColumns
    .map((c, i) => `${partitionValueSql(table, c, typeOf.get(c) ?? '')} IS NOT DISTINCT FROM ${ident(parts)}.p${i}`)
    .join(' AND ');
  const data = columns.filter((c) => !partitionColumns.includes(c.name)).map((c) => `r.${ident(c.name)}`);
  const placed: Array<{ file: string; relative: string; partitionValues: Record<string, string | null> }> = [];
  try {
    await runOne(
      conn,
      `CREATE TEMP TABLE ${ident(parts)} AS SELECT row_number() OVER () AS n, * FROM (SELECT DISTINCT ${values.join(', ')} FROM ${relation})`,
    );
    const rows = (await readOne(conn, `SELECT n, ${keys.join(', ')} FROM ${ident(parts)}`)).getRowsJson();
    if (rows.length > MAX_PARTITIONS)
      throw deltaFailure(
        error('delta.partition/many', { table, count: rows.length, max: MAX_PARTITIONS }, { file: table }),
      );
    const byNumber = new Map(
      rows.map((r) => [
        String(r[0]),
        Object.fromEntries(partitionColumns.map((c, i) => [c, r[i + 1] === null ? null : String(r[i + 1])])),
      ]),
    );
    const folders = new Map([...byNumber].map(([n, v]) => [n, partitionFolder(table, partitionColumns, v)]));
    if (rows.length === 0) return [];
    await runOne(
      conn,
      `COPY (SELECT ${data.join(', ')}, ${ident(parts)}.n AS __duto_part FROM ${relation} r JOIN ${ident(parts)} ON ${on}) ` +
        `TO ${str(staging)} (FORMAT parquet, PARTITION_BY (__duto_part))`,
    );
    for (const entry of readdirSync(staging)) {
      const n = /^__duto_part=(\d+)$/.exec(entry)?.[1];
      const folder = n === undefined ? undefined : folders.get(n);
      const partitionValues = n === undefined ? undefined : byNumber.get(n);
      if (folder === undefined || partitionValues === undefined) continue;
      mkdirSync(join(table, folder), { recursive: true });
      for (const f of readdirSync(join(staging, entry))) {
        const relative = `${folder}/part-${randomUUID()}.parquet`;
        const file = join(table, relative);
        renameSync(join(staging, entry, f), file);
        placed.push({ file, relative, partitionValues });
      }
    }
    return placed;
  } catch (e) {
    removeFiles(placed);
    throw e;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    await runOne(conn, `DROP TABLE IF EXISTS ${ident(parts)}`);
  }
}

/** numRecords, minValues, maxValues and nullCount of each written file (PROTOCOL.md "Per-file Statistics"), computed by DuckDB. */
async function fileStats(
  conn: DuckDBConnection,
  files: readonly string[],
  columns: readonly OutColumn[],
): Promise<Map<string, { rows: number; stats: string }>> {
  const out = new Map<string, { rows: number; stats: string }>();
  if (files.length === 0) return out;
  const pairs = (f: (c: OutColumn) => string, only: (c: OutColumn) => boolean) =>
    columns
      .filter(only)
      .map((c) => `${str(c.name)}, ${f(c)}`)
      .join(', ');
  const all = () => true;
  const mm = (c: OutColumn) => hasMinMax(c.deltaType);
  const sql =
    `SELECT __duto_file, count(*), json_object('numRecords', count(*), 'minValues', json_object(${pairs((c) => `min(${ident(c.name)})`, mm)}), ` +
    `'maxValues', json_object(${pairs((c) => `max(${ident(c.name)})`, mm)}), 'nullCount', json_object(${pairs((c) => `count(*) - count(${ident(c.name)})`, all)}))::VARCHAR ` +
    `FROM read_parquet(${strList(files)}, filename = '__duto_file') GROUP BY __duto_file`;
  for (const r of (await readOne(conn, sql)).getRowsJson())
    out.set(String(r[0]), { rows: Number(r[1] ?? 0), stats: String(r[2] ?? '{}') });
  return out;
}
