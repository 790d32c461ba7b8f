import type { Column } from '../../../shared/catalog/node-type';

/**
 * Checks DuckDB does not make itself: an auto-detected CSV
 * dialect can turn a file into one wide column without error. JSON files
 * are checked by json-check/.
 */

export interface FileProblem {
  message: string;
  line?: number;
}

/** A CSV read as a single column whose name holds a delimiter was most likely split wrongly. */
export function csvLooksWrong(columns: readonly Column[]): FileProblem | null {
  if (columns.length !== 1) return null;
  const name = columns[0]?.name ?? '';
  const delim = [',', ';', '\t', '|'].find((d) => name.includes(d));
  if (delim === undefined) return null;
  const shown = delim === '\t' ? 'tab' : `"${delim}"`;
  return {
    message: `the file was read as a single column named "${name.length > 80 ? `${name.slice(0, 80)}…` : name}", which contains ${shown}: the detected dialect is probably wrong; turn off automatic detection and set the delimiter`,
  };
}
