import type { Column } from '../../../../shared/catalog/node-type';
import type { ExternalSource, ExternalValue, RowBatch } from '../../external/types';
import { cellAddress, columnLetters } from '../../../../shared/external/excel-range';
import { toColumnType } from './column-types';
import { ExcelError, describePlace, explained } from './excel-error';
import { columnSpan, readLayout, rowCells, type ExcelReadOptions, type SheetLayout } from './sheet-layout';
import { ExcelWorkbook } from './workbook';

/**
 * Rows of one sheet of an .xlsx file, streamed: the workbook's index parts
 * are read once, then the sheet is inflated and parsed only as far as the
 * rows asked for. Empty rows are skipped; merged and empty cells are NULL.
 */

const BATCH_ROWS = 2048;

export class ExcelSource implements ExternalSource {
  private workbook: Promise<ExcelWorkbook> | undefined;
  private layout: Promise<SheetLayout> | undefined;

  constructor(private readonly options: ExcelReadOptions) {}

  async columns(signal: AbortSignal): Promise<Column[]> {
    return (await this.sheetLayout(signal)).columns;
  }

  async *rows(options: { limit?: number; signal: AbortSignal }): AsyncIterable<RowBatch> {
    const { signal } = options;
    const limit = options.limit ?? Infinity;
    if (limit <= 0) return;
    const workbook = await this.open();
    const layout = await this.sheetLayout(signal);
    const width = layout.lastColumn - layout.firstColumn + 1;
    let batch: RowBatch = [];
    let emitted = 0;
    try {
      for await (const row of workbook.rows(layout.sheet)) {
        signal.throwIfAborted();
        if (row.number < layout.firstDataRow) continue;
        if (layout.lastRow !== undefined && row.number > layout.lastRow) break;
        const cells = rowCells(row, workbook.date1904);
        const values: ExternalValue[] = new Array<ExternalValue>(width).fill(null);
        let empty = true;
        for (const [column, v] of cells) {
          const i = column - layout.firstColumn;
          if (i < 0 || i >= width) {
            if (layout.columnsFixed) continue;
            throw this.outside(layout, row.number, column);
          }
          const type = layout.types[i] ?? 'VARCHAR';
          const typed = toColumnType(v, type, workbook.date1904);
          if (typed === undefined) throw this.mismatch(layout, row.number, column, v, i);
          values[i] = typed;
          empty = false;
        }
        if (empty) continue;
        batch.push(values);
        emitted++;
        if (emitted >= limit) break;
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
    } catch (e) {
      throw explained(e, signal, this.options.path, layout.sheet.name);
    }
    if (batch.length > 0) yield batch;
  }

  async close(): Promise<void> {
    const workbook = this.workbook;
    this.workbook = undefined;
    this.layout = undefined;
    if (workbook !== undefined) (await workbook.catch(() => undefined))?.close();
  }

  private open(): Promise<ExcelWorkbook> {
    this.workbook ??= ExcelWorkbook.open(this.options.path);
    return this.workbook;
  }

  private sheetLayout(signal: AbortSignal): Promise<SheetLayout> {
    this.layout ??= this.open().then((wb) => readLayout(wb, this.options, signal));
    // A failed or cancelled read is not remembered: the next call tries again.
    this.layout.catch(() => (this.layout = undefined));
    return this.layout;
  }

  private outside(layout: SheetLayout, row: number, column: number): ExcelError {
    const place = describePlace(this.options.path, layout.sheet.name, cellAddress(row, column));
    const wider = `${columnLetters(Math.min(layout.firstColumn, column))}:${columnLetters(Math.max(layout.lastColumn, column))}`;
    return new ExcelError(
      `${place} has a value outside the columns found in the header and first rows (${columnSpan(layout)}); set the range to ${wider} to read it, or to ${columnSpan(layout)} to leave it out`,
      { code: 'excel.outside-columns', param: 'range', file: this.options.path, sheet: layout.sheet.name, cell: cellAddress(row, column) },
    );
  }

  private mismatch(layout: SheetLayout, row: number, column: number, v: unknown, i: number): ExcelError {
    const col = layout.columns[i];
    const cell = cellAddress(row, column);
    const shown = v instanceof Date ? v.toISOString() : JSON.stringify(v);
    return new ExcelError(
      `${describePlace(this.options.path, layout.sheet.name, cell)} holds ${shown}, which is not a ${col?.type ?? ''} like the rest of column "${col?.name ?? ''}" (inferred from its first rows); set that column's type to VARCHAR, or fix the cell`,
      { code: 'excel.cell-type', param: 'columnTypes', file: this.options.path, sheet: layout.sheet.name, cell },
    );
  }
}
