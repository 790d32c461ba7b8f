import { z } from 'zod';
import { REJECTED_COLUMNS } from './rejected-columns';

/**
 * What the Excel nodes ask of their connector: the data contract between the
 * catalog's pure compile (which builds it) and the engine's Excel connector
 * (which parses it back with these schemas, so neither side casts).
 */

/** Types a sheet's column can be read as: inferred from its first rows, or set per column. */
export const EXCEL_COLUMN_TYPES = ['VARCHAR', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'TIMESTAMP', 'DATE'] as const;
export type ExcelColumnType = (typeof EXCEL_COLUMN_TYPES)[number];

export const EXCEL_SOURCE_CONFIG = z.strictObject({
  /** The .xlsx file, absolute. */
  path: z.string().min(1),
  /** Sheet name (case-insensitive) or 1-based position as digits; empty: the first sheet. */
  sheet: z.string(),
  /** `A1:F100`, `A:F`, `B3:F`; empty: the used columns, every row. */
  range: z.string(),
  header: z.boolean(),
  inferRows: z.number().int().min(1),
  columnTypes: z.array(z.strictObject({ column: z.string().min(1), type: z.enum(EXCEL_COLUMN_TYPES) })),
  /** A row with a cell that does not fit its column, or an error cell: set aside, skipped, or (`fail`) an error. */
  badRows: z.enum(['quarantine', 'skip', 'fail']),
});
export type ExcelSourceConfig = z.infer<typeof EXCEL_SOURCE_CONFIG>;

/**
 * The columns of a sheet's rejected rows: the CSV source's (`line` is the
 * sheet's row number, `raw_line` the cell's text as read), then where the
 * cell is.
 */
export const EXCEL_REJECTED_COLUMNS = [
  ...REJECTED_COLUMNS,
  { name: 'sheet', type: 'VARCHAR' },
  { name: 'cell', type: 'VARCHAR' },
] as const;

export const EXCEL_SINK_CONFIG = z.strictObject({
  /** The .xlsx file to write, absolute. */
  path: z.string().min(1),
  sheet: z.string().min(1),
  header: z.boolean(),
  ifExists: z.enum(['overwrite', 'fail']),
});
export type ExcelSinkConfig = z.infer<typeof EXCEL_SINK_CONFIG>;

/** Why Excel would refuse a sheet name, or undefined when it is fine. */
export function sheetNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'a sheet name cannot be empty';
  if (name.length > 31) return `sheet name "${name}" is longer than Excel's 31 characters`;
  if (/[:\\/?*[\]]/.test(name))
    return `sheet name "${name}" contains one of : \\ / ? * [ ], which Excel does not allow`;
  if (name.startsWith("'") || name.endsWith("'")) return `sheet name "${name}" cannot start or end with an apostrophe`;
  if (name.toLowerCase() === 'history') return 'Excel reserves the sheet name "History"';
  return undefined;
}
