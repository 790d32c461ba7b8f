import type ExcelJS from 'exceljs';
import { createWriteStream, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Column } from '../../../../shared/catalog/node-type';
import { sheetNameProblem } from '../../../../shared/external/excel';
import { cellAddress, MAX_COLUMNS, MAX_ROWS } from '../../../../shared/external/excel-range';
import { commitTemp, discardTemp, prepareTemp, sweepOrphans, tempTargetFor } from '../../sinks/atomic-sink';
import { duckType } from '../../external/duck-types';
import type { CheckedSink, ExternalSink, FileTargetSink, MultiInputSink, NamedInput, RowBatch } from '../../external/types';
import { ExcelError, describePlace } from './excel-error';
import { formatFor, isCellProblem, MAX_CELL_CHARS, toCell } from './sheet-cells';

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

  async write(columns: readonly Column[], batches: AsyncIterable<RowBatch>, signal: AbortSignal): Promise<{ rows: number }> {
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
    if (sheets.length === 0) throw new ExcelError(`nothing to write to ${file}: no input`, { code: 'excel.no-input', file });
    if (this.options.ifExists === 'fail' && existsSync(file)) {
      throw new ExcelError(`${file} already exists, and this sink is set to fail rather than replace it`, { code: 'excel.exists', param: 'path', file });
    }
    const seen = new Set<string>();
    for (const s of sheets) {
      const problem = sheetNameProblem(s.name);
      if (problem !== undefined) throw new ExcelError(`${problem} (writing ${file})`, { code: 'excel.sheet-name', param: 'sheet', file, sheet: s.name });
      if (seen.has(s.name.toLowerCase())) throw new ExcelError(`two sheets of ${file} would be named "${s.name}" (Excel ignores case)`, { code: 'excel.sheet-name', param: 'sheet', file, sheet: s.name });
      seen.add(s.name.toLowerCase());
      if (s.columns.length > MAX_COLUMNS) {
        throw new ExcelError(`${describePlace(file, s.name)} would have ${s.columns.length} columns; Excel sheets hold at most ${MAX_COLUMNS}`, { code: 'excel.too-big', file, sheet: s.name });
      }
    }
  }

  private async writeSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, input: SheetInput, signal: AbortSignal, failure: { error?: unknown }): Promise<number> {
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
          throw new ExcelError(`${describePlace(file, input.name)} would have more than ${MAX_ROWS.toLocaleString('en-US')} rows, the most an Excel sheet holds; filter the rows or write CSV or Parquet`, { code: 'excel.too-big', file, sheet: input.name });
        }
        const cells = values.map((v, i) => {
          const cell = toCell(v, families[i] ?? 'other');
          if (!isCellProblem(cell)) return cell;
          const where = cellAddress(rowNumber, i + 1);
          throw new ExcelError(
            `${describePlace(file, input.name, where)} would hold ${cell.tooLong} characters of column "${input.columns[i]?.name ?? ''}"; an Excel cell holds at most ${MAX_CELL_CHARS}`,
            { code: 'excel.cell-too-long', file, sheet: input.name, cell: where },
          );
        });
        const row = sheet.addRow(cells);
        formats.forEach((format, i) => {
          const cell = cells[i];
          if (format !== undefined && (cell instanceof Date || typeof cell === 'number')) row.getCell(i + 1).numFmt = format;
        });
        row.commit();
      }
    }
    sheet.commit();
    return rowNumber - (header ? 1 : 0);
  }
}
