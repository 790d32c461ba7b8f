import { ident, literal, str, strList } from '../../../shared/sql/quote';
import type { DeltaSnapshot } from './delta-snapshot';

/** The column holding each row's file while partition values are joined on (dropped from the result). */
const FILE_COLUMN = '__duto_delta_file';

/**
 * The SELECT that reads a snapshot: read_parquet over its active files only,
 * data columns by their physical names renamed to the table's names, and
 * partition columns (not stored in the files) as typed constants joined on
 * by file — an empty or absent value is NULL (PROTOCOL.md "Partition Value
 * Serialization"). A column a file lacks (added after it was written) reads
 * as NULL, as the protocol has readers do. A snapshot with no files reads as
 * an empty typed table.
 */
export function snapshotSql(
  snapshot: DeltaSnapshot,
  /** Also a column of this name holding each row's data file (absolute path): a merge finds the files it rewrites. */
  fileColumn?: string,
): string {
  const partitioned = new Set(snapshot.partitionColumns);
  if (snapshot.files.length === 0) {
    const cols = snapshot.columns.map((c) => `CAST(NULL AS ${c.type}) AS ${ident(c.name)}`);
    if (fileColumn !== undefined) cols.push(`CAST(NULL AS VARCHAR) AS ${ident(fileColumn)}`);
    return `SELECT ${cols.join(', ')} WHERE false`;
  }
  const files = strList(snapshot.files.map((f) => f.file));
  // A column added by schema evolution is absent from older files: union_by_name gives NULL when some file has
  // it, and the typed empty row unioned by name gives NULL (and the table's type) when none does.
  const typed = snapshot.columns
    .filter((c) => !partitioned.has(c.name))
    .map((c) => `CAST(NULL AS ${c.type}) AS ${ident(c.physicalName)}`);
  const read = (named: string) => {
    const parquet = `read_parquet(${files}, union_by_name = true, hive_partitioning = false${named})`;
    return typed.length === 0
      ? `${parquet} d`
      : `(SELECT * FROM ${parquet} UNION ALL BY NAME SELECT ${typed.join(', ')} WHERE false) d`;
  };
  const select = snapshot.columns.map((c) =>
    partitioned.has(c.name)
      ? `CAST(v.${ident(c.physicalName)} AS ${c.type}) AS ${ident(c.name)}`
      : `d.${ident(c.physicalName)} AS ${ident(c.name)}`,
  );
  if (fileColumn !== undefined) select.push(`d.${ident(FILE_COLUMN)} AS ${ident(fileColumn)}`);
  const partCols = snapshot.columns.filter((c) => partitioned.has(c.name));
  if (partCols.length === 0) {
    const named = fileColumn === undefined ? '' : `, filename = ${str(FILE_COLUMN)}`;
    return `SELECT ${select.join(', ')} FROM ${read(named)}`;
  }
  const rows = snapshot.files.map((f) => {
    const values = partCols.map((c) => {
      const v = f.partitionValues[c.physicalName] ?? f.partitionValues[c.name] ?? null;
      return v === '' ? 'NULL' : literal(v);
    });
    return `(${[str(f.file), ...values].join(', ')})`;
  });
  const names = [ident(FILE_COLUMN), ...partCols.map((c) => ident(c.physicalName))].join(', ');
  return (
    `SELECT ${select.join(', ')} FROM ${read(`, filename = ${str(FILE_COLUMN)}`)} ` +
    `JOIN (VALUES ${rows.join(', ')}) v(${names}) ON d.${ident(FILE_COLUMN)} = v.${ident(FILE_COLUMN)}`
  );
}
