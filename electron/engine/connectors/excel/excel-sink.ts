import type ExcelJS from 'exceljs';
import { createWriteStream, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Column } from '../../../../shared/catalog/node-type';
import { sheetNameProblem } from '../../../../shared/external/excel';
import { cellAddress, MAX_COLUMNS, MAX_ROWS } from '../../../../shared/external/excel-range';
import { commitTemp, discardTemp, prepareTemp, sweepOrphans, tempTargetFor } from '../../sinks/atomic-sink';
import { duckType } from '../../external/duck-types';
import type {
  CheckedSink,
  ExternalSink,
  FileTargetSink,
  MultiInputSink,
  NamedInput,
  RowBatch,
} from '../../external/types';
import { ExcelError, describePlace } from './excel-error';
import { formatFor, isCellProblem, MAX_CELL_CHARS, toCell } from './sheet-cells';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * Writes rows to an .xlsx file with exceljs's streaming writer: one sheet
 * per input, a bold header row kept in view, typed cells (dates shown as
 * dates: see sheet-cells.ts). Written atomically like every file sink: to a temporary name in
 * the target's folder, fsynced, then renamed over the target — a failed or
 * cancelled write leaves the previous file as it was.
 */

export interface ExcelWriteOptions {
  /** Absolute path of the .xlsx file to write. */
  path: string;
  /** Name of the sheet {@link ExcelSink.write} writes (default `Sheet1`). */
  sheet?: string;
  /** Write the column names as the first row (default true). */
  header?: boolean;
  /** When the file exists: replace it (default), or fail. */
  ifExists?: 'overwrite' | 'fail';
}

/** A sheet to write: its name, columns and rows. */
export type SheetInput = NamedInput;

export class ExcelSink implements ExternalSink, CheckedSink, MultiInputSink, FileTargetSink {
  constructor(private readonly options: ExcelWriteOptions) {}

  /** The workbook replaced: runs hold its lock file while writing. */
  targetFile(): string {
    return this.options.path;
  }

  /** Refuses before the run what would fail at the end: a bad sheet name, an existing file set to fail, too many columns. */
  async check(columns: readonly Column[]): Promise<void> {
    this.refuse([{ name: this.sheetName(), columns }]);
  }

  async write(
    columns: readonly Column[],
    batches: AsyncIterable<RowBatch>,
    signal: AbortSignal,
  ): Promise<{ rows: number }> {
    return this.writeSheets([{ name: this.sheetName(), columns, batches }], signal);
  }

  /** The engine's path for a sink with several inputs: a sheet each. */
  async writeMany(inputs: readonly NamedInput[], signal: AbortSignal): Promise<{ rows: number }> {
    return this.writeSheets(inputs, signal);
  }

  /** Several inputs into one workbook, a sheet each, in order. */
  async writeSheets(sheets: readonly SheetInput[], signal: AbortSignal): Promise<{ rows: number }> {
    const file = this.options.path;
    this.refuse(sheets);
    // What killed runs left here (the engine sweeps only the folders of the sinks DuckDB writes).
    sweepOrphans(dirname(file));
    // Loaded on first use (see workbook.ts).
    const { default: exceljs } = await import('exceljs');
    const temp = tempTargetFor(file, false);
    prepareTemp(temp);
    // Our own stream, so a write error (a full disk) fails the write instead of going unheard.
    const out = createWriteStream(temp.temp);
    const failure: { error?: unknown } = {};
    const failed = new Promise<never>((_, reject) => out.once('error', (e) => reject((failure.error = e))));
    failed.catch(() => undefined);
    const book = new exceljs.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    let rows = 0;
    let closing = false;
    try {
      for (const sheet of sheets) rows += await this.writeSheet(book, sheet, signal, failure);
      closing = true;
      await Promise.race([book.commit(), failed]);
      signal.throwIfAborted();
      commitTemp(temp);
      return { rows };
    } catch (e) {
      // Closing the zip first lets its file handle go before the file is removed.
      if (!closing) await Promise.race([book.commit(), failed]).catch(() => undefined);
      out.destroy();
      discardTemp(temp);
      throw e;
    }
  }

  private sheetName(): string {
    return this.options.sheet === undefined || this.options.sheet === '' ? 'Sheet1' : this.options.sheet;
  }

  private refuse(sheets: ReadonlyArray<Pick<SheetInput, 'name' | 'columns'>>): void {
    const file = this.options.path;
    if (sheets.length === 0) throw new ExcelError(said('excel.no-input', { file }), { file });
    if (this.options.ifExists === 'fail' && existsSync(file)) {
      throw new ExcelError(said('excel.exists', { file }), { param: 'path', file });
    }
    const seen = new Set<string>();
    for (const s of sheets) {
      const problem = sheetNameProblem(s.name);
      if (problem !== undefined)
        throw new ExcelError(said('excel.sheet-name', { detail: problem, file }), {
          param: 'sheet',
          file,
          sheet: s.name,
        });
      if (seen.has(s.name.toLowerCase()))
        throw new ExcelError(said('excel.sheet-name/twice', { file, sheet: s.name }), {
          param: 'sheet',
          file,
          sheet: s.name,
        });
      seen.add(s.name.toLowerCase());
      if (s.columns.length > MAX_COLUMNS) {
        throw new ExcelError(
          said('excel.too-big', {
            place: describePlace(file, s.name),
            columns: String(s.columns.length),
            max: String(MAX_COLUMNS),
          }),
          { file, sheet: s.name },
        );
      }
    }
  }

  private async writeSheet(
    book: ExcelJS.stream.xlsx.WorkbookWriter,
    input: SheetInput,
    signal: AbortSignal,
    failure: { error?: unknown },
  ): Promise<number> {
    const file = this.options.path;
    const header = this.options.header ?? true;
    const sheet = book.addWorksheet(input.name, header ? { views: [{ state: 'frozen', ySplit: 1 }] } : {});
    const families = input.columns.map((c) => duckType(c.type).family);
    const formats = families.map(formatFor);
    let rowNumber = 0;
    if (header) {
      const row = sheet.addRow(input.columns.map((c) => c.name));
      row.font = { bold: true };
      row.commit();
      rowNumber++;
    }
    for await (const batch of input.batches) {
      signal.throwIfAborted();
      if (failure.error !== undefined) throw failure.error;
      for (const values of batch) {
        rowNumber++;
        if (rowNumber > MAX_ROWS) {
          throw new ExcelError(said('excel.too-big/rows', { place: describePlace(file, input.name), max: MAX_ROWS }), {
            file,
            sheet: input.name,
          });
        }
        const cells = values.map((v, i) => {
          const cell = toCell(v, families[i] ?? 'other');
          if (!isCellProblem(cell)) return cell;
          const where = cellAddress(rowNumber, i + 1);
          throw new ExcelError(
            said('excel.cell-too-long', {
              place: describePlace(file, input.name, where),
              chars: String(cell.tooLong),
              column: input.columns[i]?.name ?? '',
              max: String(MAX_CELL_CHARS),
            }),
            { file, sheet: input.name, cell: where },
          );
        });
        const row = sheet.addRow(cells);
        formats.forEach((format, i) => {
          const cell = cells[i];
          if (format !== undefined && (cell instanceof Date || typeof cell === 'number'))
            row.getCell(i + 1).numFmt = format;
        });
        row.commit();
      }
    }
    sheet.commit();
    return rowNumber - (header ? 1 : 0);
  }
}
