import type { Column } from '../../../../shared/catalog/node-type';
import type {
  ExternalSource,
  ExternalValue,
  RejectingSource,
  RowBatch,
  SourceWarning,
  WarningSource,
} from '../../external/types';
import { cellAddress, columnLetters } from '../../../../shared/external/excel-range';
import { isCellError } from './cell-values';
import { toColumnType } from './column-types';
import { ExcelError, describePlace, explained } from './excel-error';
import { DEFAULT_EXCEL_LIMITS, type ExcelLimits } from './limits';
import { RejectedCells, type RejectedCell } from './rejected-cells';
import { RejectedRows, type BadCell } from './rejected-rows';
import { columnSpan, readLayout, type ExcelReadOptions, type SheetLayout } from './sheet-layout';
import { ExcelWorkbook } from './workbook';
import { renderMessage, said, type Said } from '../../../../shared/messages/diagnostic-messages';

/**
 * Rows of one sheet of an .xlsx file, streamed: the workbook's index parts
 * are read once, then the sheet is inflated and parsed only as far as the
 * rows asked for. Empty rows are skipped; merged and empty cells are NULL.
 * A row with a cell that does not fit its column, or an error cell, is set
 * aside or skipped (badRows quarantine, skip: `takeRejected` gives them to
 * the engine); under `fail`, such a cell is an error and error cells are
 * NULL, never in silence: each read keeps a report of them, which the
 * engine shows as a warning on the node.
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
  /** Rows set aside or skipped (badRows quarantine, skip). */
  rejectedRows: number;
}

export class ExcelSource implements ExternalSource, WarningSource, RejectingSource {
  private workbook: Promise<ExcelWorkbook> | undefined;
  private layout: Promise<SheetLayout> | undefined;
  private last: { report: ExcelReadReport; warning: Said | undefined } | undefined;
  private setAside: RejectedRows | undefined;

  constructor(
    private readonly options: ExcelReadOptions,
    private readonly limits: ExcelLimits = DEFAULT_EXCEL_LIMITS,
  ) {}

  async columns(signal: AbortSignal): Promise<Column[]> {
    const layout = await this.sheetLayout(signal);
    this.remember('sample', layout.rejected, layout.rowsRead, layout, 0);
    return layout.columns;
  }

  takeRejected(): RowBatch {
    return this.setAside?.take() ?? [];
  }

  /** What the last finished read (`columns` or `rows`) met; undefined before any. */
  report(): ExcelReadReport | undefined {
    return this.last?.report;
  }

  warnings(): SourceWarning[] {
    const s = this.last?.warning;
    return s === undefined
      ? []
      : [
          {
            code: 'excel.error-cells',
            message: renderMessage(s.key, s.args, 'en') ?? s.key,
            said: s,
            param: 'path',
            file: this.options.path,
          },
        ];
  }

  async *rows(options: { limit?: number; signal: AbortSignal }): AsyncIterable<RowBatch> {
    const { signal } = options;
    const limit = options.limit ?? Infinity;
    if (limit <= 0) return;
    const workbook = await this.open();
    const layout = await this.sheetLayout(signal);
    const width = layout.lastColumn - layout.firstColumn + 1;
    const rejected = new RejectedCells();
    const policy = this.options.badRows ?? 'fail';
    const setAside = new RejectedRows(this.options.path, layout.sheet.name);
    this.setAside = setAside;
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
        let bad: BadCell | undefined;
        for (const [column, v] of row.cells) {
          const i = column - layout.firstColumn;
          if (i < 0 || i >= width) {
            if (layout.columnsFixed) continue;
            throw this.outside(layout, row.number, column);
          }
          const name = layout.columns[i]?.name ?? '';
          if (isCellError(v)) {
            empty = false;
            if (policy !== 'fail') {
              bad ??= {
                row: row.number,
                cell: cellAddress(row.number, column),
                column: name,
                error: 'ERROR CELL',
                raw: v.error,
                reason: `the cell holds the error value ${v.error}`,
              };
              continue;
            }
            // NULL in its column, and reported; the row holds something, so it is kept.
            rejected.add({
              file: this.options.path,
              sheet: layout.sheet.name,
              cell: cellAddress(row.number, column),
              column: name,
              raw: v.error,
              reason: 'error-value',
            });
            continue;
          }
          const type = layout.types[i] ?? 'VARCHAR';
          const typed = toColumnType(v, type, workbook.date1904);
          if (typed === undefined) {
            if (policy === 'fail') throw this.mismatch(layout, row.number, column, v, i);
            bad ??= {
              row: row.number,
              cell: cellAddress(row.number, column),
              column: name,
              error: 'CAST',
              raw: shownRaw(v),
              reason: `${shown(v)} is not a ${type} like the rest of column "${name}"`,
            };
            empty = false;
            continue;
          }
          values[i] = typed;
          if (v !== '') empty = false;
        }
        if (bad !== undefined) {
          // The whole row is set aside (or skipped), as a CSV source's bad line is.
          setAside.add(bad);
          continue;
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
    this.remember(complete ? 'all' : 'first-rows', rejected, emitted, layout, setAside.count);
    if (batch.length > 0) yield batch;
  }

  async close(): Promise<void> {
    const workbook = this.workbook;
    this.workbook = undefined;
    this.layout = undefined;
    if (workbook !== undefined) (await workbook.catch(() => undefined))?.close();
  }

  private remember(
    scope: ExcelReadReport['scope'],
    rejected: RejectedCells,
    rows: number,
    layout: SheetLayout,
    rejectedRows: number,
  ): void {
    const report = { scope, rows, rejectedCount: rejected.count, rejected: rejected.cells, rejectedRows };
    const where = scope === 'first-rows' ? { first: rows } : scope;
    // Only `fail` reads error cells as NULL; the other policies count their rows as rejected.
    const warning =
      (this.options.badRows ?? 'fail') === 'fail'
        ? rejected.warning(this.options.path, layout.sheet.name, where)
        : undefined;
    this.last = { report, warning };
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
    return new ExcelError(said('excel.outside-columns', { place, span: columnSpan(layout), wider }), {
      param: 'range',
      file: this.options.path,
      sheet: layout.sheet.name,
      cell: cellAddress(row, column),
    });
  }

  private mismatch(layout: SheetLayout, row: number, column: number, v: unknown, i: number): ExcelError {
    const col = layout.columns[i];
    const cell = cellAddress(row, column);
    return new ExcelError(
      said('excel.cell-type', {
        place: describePlace(this.options.path, layout.sheet.name, cell),
        value: shown(v),
        type: col?.type ?? '',
        column: col?.name ?? '',
      }),
      { param: 'columnTypes', file: this.options.path, sheet: layout.sheet.name, cell },
    );
  }
}

/** A value in a message: `"n/a"`, `1.5`, `2024-03-01T00:00:00.000Z`. */
function shown(v: unknown): string {
  return v instanceof Date ? v.toISOString() : JSON.stringify(v);
}

/** A value as the `raw_line` of a rejected row: text as it is, anything else as `shown`. */
function shownRaw(v: unknown): string {
  return typeof v === 'string' ? v : shown(v);
}
