import type { Column } from '../../../shared/catalog/node-type';

/**
 * Checks DuckDB does not make itself: an auto-detected CSV
 * dialect can turn a file into one wide column without error. JSON files
 * are checked by json-check/.
 */

/** A CSV read as a single column whose name holds a delimiter was most likely split wrongly: the column and the delimiter. */
export function csvLooksWrong(columns: readonly Column[]): { name: string; shown: string } | null {
  if (columns.length !== 1) return null;
  const name = columns[0]?.name ?? '';
  const delim = [',', ';', '\t', '|'].find((d) => name.includes(d));
  if (delim === undefined) return null;
  return { name: name.length > 80 ? `${name.slice(0, 80)}…` : name, shown: JSON.stringify(delim) };
}
