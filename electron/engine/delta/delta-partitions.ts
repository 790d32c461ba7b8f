import { error } from '../../../shared/diagnostics';
import { ident } from '../../../shared/sql/quote';
import { deltaFailure } from './delta-errors';

/** A partition folder's value when the partition value is null (Hive's name, as Spark and delta-rs write it). */
export const NULL_PARTITION = '__HIVE_DEFAULT_PARTITION__';
/** More distinct partitions than this in one write is refused: thousands of folders are almost always a wrong column. */
export const MAX_PARTITIONS = 10_000;

/**
 * A partition value as the protocol serializes it (PROTOCOL.md "Partition
 * Value Serialization"), computed by DuckDB: numbers, booleans and dates as
 * their text, timestamps in ISO 8601 in UTC, an empty text as null (as
 * Spark writes it). Types without a plain text form are refused.
 */
export function partitionValueSql(table: string, column: string, duckType: string): string {
  const c = ident(column);
  if (duckType === 'VARCHAR') return `NULLIF(${c}, '')`;
  if (duckType === 'TIMESTAMP WITH TIME ZONE') return `strftime(timezone('UTC', ${c}), '%Y-%m-%dT%H:%M:%S.%fZ')`;
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|DOUBLE|FLOAT|BOOLEAN|DATE|DECIMAL\(\d+,\s*\d+\))$/.test(duckType))
    return `CAST(${c} AS VARCHAR)`;
  throw deltaFailure(error('delta.partition/type', { table, column, type: duckType }, { file: table }));
}

/** Hive's escaping of a path name (FileUtils.escapePathName): the characters a folder name cannot hold as they are. */
function escapePathName(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    out +=
      code < 0x20 || code === 0x7f || HIVE_ESCAPED.has(ch)
        ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
        : ch;
  }
  return out;
}
const HIVE_ESCAPED = new Set(['"', '#', '%', "'", '*', '/', ':', '=', '?', '\\', '{', '[', ']', '^']);

/** The folder `col=value/col2=value2` of a partition (null → __HIVE_DEFAULT_PARTITION__), each name within a file system's limit. */
export function partitionFolder(
  table: string,
  columns: readonly string[],
  values: Readonly<Record<string, string | null>>,
): string {
  return columns
    .map((c) => {
      const v = values[c] ?? null;
      const segment = `${escapePathName(c)}=${v === null ? NULL_PARTITION : escapePathName(v)}`;
      if (Buffer.byteLength(segment) > 255)
        throw deltaFailure(error('delta.partition/long', { table, column: c }, { file: table }));
      return segment;
    })
    .join('/');
}

/** A relative path as a log path: URL-encoded (PROTOCOL.md "Add File"), `/` and `=` kept readable. */
export function logPathOf(relativePath: string): string {
  return encodeURI(relativePath);
}
