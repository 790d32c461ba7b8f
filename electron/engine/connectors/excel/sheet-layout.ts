import type { Column } from '../../../../shared/catalog/node-type';
import { cellAddress, columnLetters, parseRange, type CellRange } from '../../../../shared/external/excel-range';
import { isCellError, type CellContent } from './cell-values';
import { dateText, isExcelColumnType, TypeTally, type ExcelColumnType } from './column-types';
import { ExcelError, describePlace, explained } from './excel-error';
import { RejectedCells } from './rejected-cells';
import type { ExcelWorkbook, SheetInfo } from './workbook';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * Where a sheet's table is and what its columns are, found by reading its
 * header and first rows once: the block of columns, the header row, the
 * rows that hold data, the column names and their types.
 */

export interface ExcelReadOptions {
  /** Absolute path of the .xlsx file. */
  path: string;
  /** Sheet name (case-insensitive) or 1-based position; the first sheet when absent or empty. */
  sheet?: string | number;
  /** Cells to read, e.g. `A1:F100`, `A:F` or `B3:F`; when absent, the used columns and all rows. */
  range?: string;
  /** The first non-empty row holds the column names (default true); otherwise they are column1, column2, … */
  header?: boolean;
  /** Rows read to infer column types (default 1000). */
  inferRows?: number;
  /** Types forced on some columns (by name, case-insensitive), overriding inference. */
  columnTypes?: ReadonlyArray<{ column: string; type: string }>;
  /**
   * A row with a cell that does not fit its column, or an error cell: set
   * aside (`quarantine`, taken with `takeRejected`), skipped and counted, or
   * (`fail`, the default) a cell that does not fit is an error and error
   * cells are NULL with a warning — what sources read before issue #9.
   */
  badRows?: 'quarantine' | 'skip' | 'fail';
}

export const DEFAULT_INFER_ROWS = 1000;

export interface SheetLayout {
  sheet: SheetInfo;
  firstColumn: number;
  lastColumn: number;
  /** Set by a range: cells outside the columns are ignored. Otherwise a cell outside is an error. */
  columnsFixed: boolean;
  /** The first row that can hold data (after the header). */
  firstDataRow: number;
  lastRow: number | undefined;
  columns: Column[];
  types: ExcelColumnType[];
  /** Rows read to find the header and infer types. */
  rowsRead: number;
  /** Error cells met in them. */
  rejected: RejectedCells;
}

/** A row's non-empty cells: column number → content. */
export type RowCells = Map<number, CellContent>;

export async function readLayout(
  workbook: ExcelWorkbook,
  options: ExcelReadOptions,
  signal: AbortSignal,
): Promise<SheetLayout> {
  const sheet = workbook.sheet(options.sheet);
  const place = describePlace(workbook.file, sheet.name);
  let range: CellRange | undefined;
  try {
    range = options.range === undefined || options.range.trim() === '' ? undefined : parseRange(options.range);
  } catch (e) {
    throw new ExcelError(said('excel.range', { detail: e instanceof Error ? e.message : String(e), place }), {
      param: 'range',
      file: workbook.file,
      sheet: sheet.name,
    });
  }
  const wantHeader = options.header ?? true;
  const inferRows = Math.max(1, options.inferRows ?? DEFAULT_INFER_ROWS);
  const firstRow = range?.firstRow ?? 1;
  let header: { row: number; cells: RowCells } | undefined;
  const sample: RowCells[] = [];
  const sampleRows: number[] = [];

  try {
    for await (const row of workbook.rows(sheet)) {
      signal.throwIfAborted();
      if (row.number < firstRow) continue;
      if (range?.lastRow !== undefined && row.number > range.lastRow) break;
      const cells = within(row.cells, range);
      if (isBlank(cells)) continue;
      if (wantHeader && header === undefined) header = { row: row.number, cells };
      else {
        sampleRows.push(row.number);
        if (sample.push(cells) >= inferRows) break;
      }
    }
  } catch (e) {
    throw explained(e, signal, workbook.file, sheet.name);
  }

  const used = [...(header?.cells.keys() ?? []), ...sample.flatMap((c) => [...c.keys()])];
  if (used.length === 0 && range === undefined)
    throw new ExcelError(said('excel.empty', { place }), { param: 'sheet', file: workbook.file, sheet: sheet.name });
  const firstColumn = range?.firstColumn ?? Math.min(...used);
  const lastColumn = range?.lastColumn ?? Math.max(...used);

  const names = uniqueNames(
    Array.from({ length: lastColumn - firstColumn + 1 }, (_, i) => {
      const v = header?.cells.get(firstColumn + i);
      return v === undefined ? `column${i + 1}` : headerText(v);
    }),
  );
  const types = names.map((_, i) => {
    const tally = new TypeTally();
    for (const cells of sample) tally.add(cells.get(firstColumn + i) ?? null);
    return tally.type();
  });
  applyOverrides(names, types, options.columnTypes ?? [], workbook.file, sheet.name);

  const rejected = new RejectedCells();
  const rowsRead = header === undefined ? sample : [header.cells, ...sample];
  const numbers = header === undefined ? sampleRows : [header.row, ...sampleRows];
  rowsRead.forEach((cells, r) => {
    for (const [column, v] of cells) {
      if (!isCellError(v)) continue;
      const name = names[column - firstColumn] ?? columnLetters(column);
      rejected.add({
        file: workbook.file,
        sheet: sheet.name,
        cell: cellAddress(numbers[r] ?? 0, column),
        column: name,
        raw: v.error,
        reason: 'error-value',
      });
    }
  });

  return {
    sheet,
    firstColumn,
    lastColumn,
    columnsFixed: range !== undefined,
    firstDataRow: header === undefined ? firstRow : header.row + 1,
    lastRow: range?.lastRow,
    columns: names.map((name, i) => ({ name, type: types[i] ?? 'VARCHAR' })),
    types,
    rowsRead: rowsRead.length,
    rejected,
  };
}

/**
 * A row with no cells, or only empty strings, is blank and skipped: a
 * formula filled down past the data (`=IF(A9="","",…)`) leaves such rows.
 * In a row with anything else, an empty string is a value.
 */
export function isBlank(cells: RowCells): boolean {
  for (const v of cells.values()) if (v !== '') return false;
  return true;
}

/** The cells inside a range's columns (all of them without a range). */
function within(cells: RowCells, range: CellRange | undefined): RowCells {
  if (range === undefined) return cells;
  for (const column of cells.keys()) if (column < range.firstColumn || column > range.lastColumn) cells.delete(column);
  return cells;
}

/** A header cell's name; an error value names nothing (the column gets its position's name). */
function headerText(v: CellContent): string {
  if (isCellError(v)) return '';
  const text = v instanceof Date ? dateText(v) : String(v);
  return text.trim();
}

/** DuckDB names are case-insensitive: `Name` and `name` in one header become `Name` and `name_2`. */
function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw, i) => {
    const base = raw === '' ? `column${i + 1}` : raw;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

function applyOverrides(
  names: readonly string[],
  types: ExcelColumnType[],
  overrides: ReadonlyArray<{ column: string; type: string }>,
  file: string,
  sheet: string,
): void {
  for (const o of overrides) {
    const i = names.findIndex((n) => n.toLowerCase() === o.column.toLowerCase());
    if (i < 0) {
      throw new ExcelError(
        said('excel.column-type/unknown', {
          column: o.column,
          place: describePlace(file, sheet),
          columns: names.map((n) => `"${n}"`).join(', '),
        }),
        { param: 'columnTypes', file, sheet },
      );
    }
    const type = o.type.trim().toUpperCase();
    if (!isExcelColumnType(type)) {
      throw new ExcelError(said('excel.column-type', { column: o.column, type: o.type }), {
        param: 'columnTypes',
        file,
        sheet,
      });
    }
    types[i] = type;
  }
}

/** `A:F`, for messages. */
export function columnSpan(layout: SheetLayout): string {
  return `${columnLetters(layout.firstColumn)}:${columnLetters(layout.lastColumn)}`;
}
