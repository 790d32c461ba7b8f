import type { DuckDBConnection, DuckDBResultReader } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { error } from '../../../shared/diagnostics';
import { ident, str } from '../../../shared/sql/quote';
import { readOne, runOne } from '../walls/one-statement';
import { deltaFailure } from './delta-errors';
import { logPathOf, MAX_PARTITIONS, partitionFolder, partitionValueSql } from './delta-partitions';
import { hasMinMax } from './delta-types-out';
import { makeFolderSync } from '../files/make-folder';

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
  const placed: Placed[] = [];
  const copied: JsonRow[] = [];
  try {
    if (partitionColumns.length === 0) {
      const name = `part-${randomUUID()}.parquet`;
      const file = join(table, name);
      placed.push({ file, relative: name, partitionValues: {}, written: file });
      copied.push(
        ...(
          await readOne(conn, `COPY (SELECT * FROM ${relation}) TO ${str(file)} (FORMAT parquet, RETURN_STATS)`)
        ).getRowsJson(),
      );
    } else {
      placed.push(...(await writePartitioned(conn, table, relation, columns, partitionColumns, copied)));
    }
    const data = columns.filter((c) => !partitionColumns.includes(c.name));
    const stats = statsOf(copied, data);
    const out = placed.map((p) => ({
      file: p.file,
      logPath: logPathOf(p.relative),
      partitionValues: p.partitionValues,
      size: statSync(p.file).size,
      rows: stats.get(p.written)?.rows ?? 0,
      stats: stats.get(p.written)?.stats ?? '{"numRecords":0}',
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
  /** Receives what the COPY returns about each file it wrote. */
  copied: JsonRow[],
): Promise<Placed[]> {
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
  const placed: Placed[] = [];
  removeStaleStaging(table);
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
    const result = await readOne(
      conn,
      `COPY (SELECT ${data.join(', ')}, ${ident(parts)}.n AS __duto_part FROM ${relation} r JOIN ${ident(parts)} ON ${on}) ` +
        `TO ${str(staging)} (FORMAT parquet, PARTITION_BY (__duto_part), RETURN_STATS)`,
    );
    copied.push(...result.getRowsJson());
    for (const entry of readdirSync(staging)) {
      const n = /^__duto_part=(\d+)$/.exec(entry)?.[1];
      const folder = n === undefined ? undefined : folders.get(n);
      const partitionValues = n === undefined ? undefined : byNumber.get(n);
      if (folder === undefined || partitionValues === undefined) continue;
      makeFolderSync(join(table, folder));
      for (const f of readdirSync(join(staging, entry))) {
        const relative = `${folder}/part-${randomUUID()}.parquet`;
        const file = join(table, relative);
        renameSync(join(staging, entry, f), file);
        placed.push({ file, relative, partitionValues, written: join(staging, entry, f) });
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

/** A writer's staging folder lives for one COPY; one this old was left by a writer that died (vacuum skips dot folders). */
const STALE_STAGING_MS = 3_600_000;

function removeStaleStaging(table: string): void {
  const now = Date.now();
  for (const name of readdirSync(table)) {
    if (!/^\.duto-staging-[0-9a-f]{32}$/.test(name)) continue;
    try {
      if (now - statSync(join(table, name)).mtimeMs > STALE_STAGING_MS)
        rmSync(join(table, name), { recursive: true, force: true });
    } catch {
      // Removed by another writer meanwhile.
    }
  }
}

type JsonRow = ReturnType<DuckDBResultReader['getRowsJson']>[number];

interface Placed {
  file: string;
  relative: string;
  partitionValues: Record<string, string | null>;
  /** Where DuckDB wrote it (what its COPY's statistics name). */
  written: string;
}

/** A longer text's min is cut to this many characters (still a lower bound), and its max left out, as Spark does. */
const STAT_TEXT = 32;

/**
 * numRecords, minValues, maxValues and nullCount of each written file
 * (PROTOCOL.md "Per-file Statistics"), from what DuckDB's COPY … RETURN_STATS
 * gathered while writing: no second pass over the rows. Numbers keep
 * DuckDB's exact text; nested columns have none (stats are optional).
 */
function statsOf(
  copied: readonly JsonRow[],
  columns: readonly OutColumn[],
): Map<string, { rows: number; stats: string }> {
  const out = new Map<string, { rows: number; stats: string }>();
  for (const row of copied) {
    const [filename, count, , , columnStats] = row;
    const byColumn = new Map<string, Map<string, string>>();
    if (Array.isArray(columnStats))
      for (const entry of columnStats) {
        if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
        const key = topLevelName(String(entry['key']));
        const values = entry['value'];
        if (key === undefined || !Array.isArray(values)) continue;
        const m = new Map<string, string>();
        for (const v of values)
          if (v !== null && typeof v === 'object' && !Array.isArray(v)) m.set(String(v['key']), String(v['value']));
        byColumn.set(key, m);
      }
    const min: string[] = [];
    const max: string[] = [];
    const nulls: string[] = [];
    for (const c of columns) {
      const s = byColumn.get(c.name);
      if (s === undefined) continue;
      const name = JSON.stringify(c.name);
      const n = s.get('null_count');
      if (n !== undefined && /^\d+$/.test(n)) nulls.push(`${name}:${n}`);
      if (!hasMinMax(c.deltaType)) continue;
      const lo = statValue(c.deltaType, s.get('min'), 'min');
      const hi = statValue(c.deltaType, s.get('max'), 'max');
      if (lo !== undefined) min.push(`${name}:${lo}`);
      if (hi !== undefined) max.push(`${name}:${hi}`);
    }
    const rows = Number(count ?? 0);
    out.set(String(filename), {
      rows,
      stats: `{"numRecords":${String(rows)},"minValues":{${min.join(',')}},"maxValues":{${max.join(',')}},"nullCount":{${nulls.join(',')}}}`,
    });
  }
  return out;
}

/** `"name"` (a top-level column as Parquet's path names it) → name; a nested path → undefined. */
function topLevelName(key: string): string | undefined {
  const m = /^"((?:[^"]|"")*)"$/.exec(key);
  return m?.[1]?.replace(/""/g, '"');
}

/** A statistic as JSON: numbers as DuckDB wrote them, texts, dates and timestamps as strings. */
function statValue(deltaType: string, value: string | undefined, which: 'min' | 'max'): string | undefined {
  if (value === undefined) return undefined;
  if (/^(long|integer|short|byte|float|double|decimal\(\d+,\d+\))$/.test(deltaType))
    return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value) ? value : undefined;
  if (deltaType === 'string' && value.length > STAT_TEXT)
    return which === 'min' ? JSON.stringify(value.slice(0, STAT_TEXT)) : undefined;
  if (deltaType === 'string' || deltaType === 'date' || deltaType === 'timestamp') return JSON.stringify(value);
  return undefined;
}
