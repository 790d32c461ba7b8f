import type { Column } from '../../../../shared/catalog/node-type';
import type { ExternalSource, ExternalValue, RowBatch, SourceWarning, WarningSource } from '../../external/types';
import { cellAddress, columnLetters } from '../../../../shared/external/excel-range';
import { isCellError } from './cell-values';
import { toColumnType } from './column-types';
import { ExcelError, describePlace, explained } from './excel-error';
import { DEFAULT_EXCEL_LIMITS, type ExcelLimits } from './limits';
import { RejectedCells, type RejectedCell } from './rejected-cells';
import { columnSpan, readLayout, type ExcelReadOptions, type SheetLayout } from './sheet-layout';
import { ExcelWorkbook } from './workbook';

/**
 * Rows of one sheet of an .xlsx file, streamed: the workbook's index parts
 * are read once, then the sheet is inflated and parsed only as far as the
 * rows asked for. Empty rows are skipped; merged and empty cells are NULL.
 * Error cells are NULL too, but never in silence: each read keeps a report
 * of them, which the engine shows as a warning on the node.
 */

const BATCH_ROWS = 2048;

/** What the last finished read met. */
export interface ExcelReadReport {
  /** `sample`: the header and the rows read to infer types; `first-rows`: a read stopped by its limit; `all`: every row. */
  scope: 'sample' | 'first-rows' | 'all';
  /** Rows emitted (for `sample`, the rows read). */
  rows: number;
  /** Error cells, exactly counted. */
  rejectedCount: number;
  /** The first REJECTED_CELLS_KEPT of them, in reading order. */
  rejected: readonly RejectedCell[];
}

export class ExcelSource implements ExternalSource, WarningSource {
  private workbook: Promise<ExcelWorkbook> | undefined;
  private layout: Promise<SheetLayout> | undefined;
  private last: { report: ExcelReadReport; warning: string | undefined } | undefined;

  constructor(
    private readonly options: ExcelReadOptions,
    private readonly limits: ExcelLimits = DEFAULT_EXCEL_LIMITS,
  ) {}

  async columns(signal: AbortSignal): Promise<Column[]> {
    const layout = await this.sheetLayout(signal);
    this.remember('sample', layout.rejected, layout.rowsRead, layout);
    return layout.columns;
  }

  /** What the last finished read (`columns` or `rows`) met; undefined before any. */
  report(): ExcelReadReport | undefined {
    return this.last?.report;
  }

  warnings(): SourceWarning[] {
    const message = this.last?.warning;
    return message === undefined ? [] : [{ code: 'excel.error-cells', message, param: 'path', file: this.options.path }];
  }

  async *rows(options: { limit?: number; signal: AbortSignal }): AsyncIterable<RowBatch> {
    const { signal } = options;
    const limit = options.limit ?? Infinity;
    if (limit <= 0) return;
    const workbook = await this.open();
    const layout = await this.sheetLayout(signal);
    const width = layout.lastColumn - layout.firstColumn + 1;
    const rejected = new RejectedCells();
    let batch: RowBatch = [];
    let emitted = 0;
    let complete = true;
    try {
      for await (const row of workbook.rows(layout.sheet)) {
        signal.throwIfAborted();
        if (row.number < layout.firstDataRow) continue;
        if (layout.lastRow !== undefined && row.number > layout.lastRow) break;
        const values: ExternalValue[] = new Array<ExternalValue>(width).fill(null);
        let empty = true;
        for (const [column, v] of row.cells) {
          const i = column - layout.firstColumn;
          if (i < 0 || i >= width) {
            if (layout.columnsFixed) continue;
            throw this.outside(layout, row.number, column);
          }
          if (isCellError(v)) {
            // NULL in its column, and reported; the row holds something, so it is kept.
            const cell = cellAddress(row.number, column);
            rejected.add({ file: this.options.path, sheet: layout.sheet.name, cell, column: layout.columns[i]?.name ?? '', raw: v.error, reason: 'error-value' });
            empty = false;
            continue;
          }
          const type = layout.types[i] ?? 'VARCHAR';
          const typed = toColumnType(v, type, workbook.date1904);
          if (typed === undefined) throw this.mismatch(layout, row.number, column, v, i);
          values[i] = typed;
          if (v !== '') empty = false;
        }
        if (empty) continue;
        batch.push(values);
        emitted++;
        if (emitted >= limit) {
          complete = false;
          break;
        }
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
    } catch (e) {
      throw explained(e, signal, this.options.path, layout.sheet.name);
    }
    this.remember(complete ? 'all' : 'first-rows', rejected, emitted, layout);
    if (batch.length > 0) yield batch;
  }

  async close(): Promise<void> {
    const workbook = this.workbook;
    this.workbook = undefined;
    this.layout = undefined;
    if (workbook !== undefined) (await workbook.catch(() => undefined))?.close();
  }

  private remember(scope: ExcelReadReport['scope'], rejected: RejectedCells, rows: number, layout: SheetLayout): void {
    const report = { scope, rows, rejectedCount: rejected.count, rejected: rejected.cells };
    const where = scope === 'all' ? undefined : scope === 'sample' ? 'in the rows read to infer types' : `in the first ${String(rows)} rows`;
    this.last = { report, warning: rejected.warning(this.options.path, layout.sheet.name, where) };
  }

  private open(): Promise<ExcelWorkbook> {
    this.workbook ??= ExcelWorkbook.open(this.options.path, this.limits);
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
