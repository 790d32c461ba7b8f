import ExcelJS from 'exceljs';
import type { ExternalSource, RowBatch } from '../../external/types';

/** Helpers for the Excel tests: real .xlsx files made with exceljs, and reading a source to the end. */

export type CellInput = ExcelJS.CellValue;

/** Writes a workbook with exceljs's in-memory writer; `prepare` can merge cells or set formats. */
export async function writeBook(
  path: string,
  sheets: Record<string, CellInput[][]>,
  prepare?: (book: ExcelJS.Workbook) => void,
): Promise<void> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  prepare?.(book);
  await book.xlsx.writeFile(path);
}

/**
 * Writes `rows` rows with exceljs's streaming writer (sheets before shared
 * strings and styles, as Excel orders them): id, label (repeated text with
 * accents and CJK), amount (fractional), day (a date), flag (boolean).
 */
export async function writeBigBook(
  path: string,
  rows: number,
  sheetName = 'Data',
  sharedStrings = true,
): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: sharedStrings,
    useStyles: true,
  });
  const sheet = book.addWorksheet(sheetName);
  sheet.addRow(['id', 'label', 'amount', 'day', 'flag']).commit();
  for (let i = 1; i <= rows; i++) {
    const row = sheet.addRow([
      i,
      `café ü 日本 ${i % 97}`,
      i + 0.25,
      new Date(Date.UTC(2024, 0, 1 + (i % 366))),
      i % 2 === 0,
    ]);
    row.getCell(4).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  sheet.commit();
  await book.commit();
}

/** Every row of a source, in order. */
export async function readAll(
  source: ExternalSource,
  limit?: number,
  signal = new AbortController().signal,
): Promise<RowBatch> {
  const out: RowBatch = [];
  for await (const batch of source.rows({ signal, ...(limit === undefined ? {} : { limit }) })) out.push(...batch);
  return out;
}
