import type { Row } from 'exceljs';
import type WorkbookReader from 'exceljs/lib/stream/xlsx/workbook-reader.js';
import { posix } from 'node:path';
import { ExcelError, describePlace } from './excel-error';
import { ZipArchive } from './zip-archive';

/**
 * An .xlsx workbook opened for streaming reads: its sheet list, shared
 * strings and styles are loaded once; each sheet is then read row by row,
 * from its own zip entry, as many times as asked.
 */

export interface SheetInfo {
  name: string;
  /** 1-based position in the workbook's tab order. */
  position: number;
  /** The zip entry holding its cells; undefined for a chart sheet. */
  entry: string | undefined;
}

/** Where exceljs itself looks for the workbook's index parts. */
const WORKBOOK_PART = 'xl/workbook.xml';
const WORKBOOK_RELS_PART = 'xl/_rels/workbook.xml.rels';

export class ExcelWorkbook {
  private constructor(
    readonly file: string,
    private readonly zip: ZipArchive,
    private readonly reader: WorkbookReader,
    readonly sheets: readonly SheetInfo[],
  ) {}

  static async open(file: string): Promise<ExcelWorkbook> {
    const zip = await ZipArchive.open(file);
    try {
      if (!zip.has(WORKBOOK_PART) || !zip.has(WORKBOOK_RELS_PART)) {
        throw new ExcelError(`${file} is a zip archive but not an Excel .xlsx workbook (it has no ${WORKBOOK_PART})`, { code: 'excel.not-xlsx', param: 'path', file });
      }
      // Loaded on first use: exceljs takes a noticeable part of a second to load, which every CLI start would pay.
      const { default: Reader } = await import('exceljs/lib/stream/xlsx/workbook-reader.js');
      const reader = new Reader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
      await damagedIfFails(file, async () => {
        await reader._parseRels(await zip.text(WORKBOOK_RELS_PART));
        await reader._parseWorkbook(await zip.text(WORKBOOK_PART));
        const strings = partOfType(reader, 'sharedStrings');
        if (strings !== undefined && zip.has(strings)) await drain(reader._parseSharedStrings(await zip.text(strings)));
        const styles = partOfType(reader, 'styles');
        if (styles !== undefined && zip.has(styles)) await reader._parseStyles(await zip.text(styles));
      });
      const rels = reader.workbookRels ?? [];
      const sheets = (reader.model?.sheets ?? []).map((s, i): SheetInfo => {
        const rel = rels.find((r) => r.Id === s.rId);
        const entry = rel !== undefined && rel.Type.endsWith('/worksheet') ? partPath(rel.Target) : undefined;
        return { name: s.name, position: i + 1, entry: entry !== undefined && zip.has(entry) ? entry : undefined };
      });
      return new ExcelWorkbook(file, zip, reader, sheets);
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  /** True when dates are counted from 1904 (old Mac workbooks). */
  get date1904(): boolean {
    return this.reader.model?.properties?.date1904 === true;
  }

  /**
   * A sheet by name (case-insensitive, like Excel) or by 1-based position;
   * a string of digits that names no sheet is a position. Undefined or
   * empty: the first sheet.
   */
  sheet(selector: string | number | undefined): SheetInfo {
    const names = this.sheets.map((s) => `"${s.name}"`).join(', ');
    let found: SheetInfo | undefined;
    if (selector === undefined || selector === '') found = this.sheets[0];
    else if (typeof selector === 'number') found = this.sheets[selector - 1];
    else {
      const wanted = selector.toLowerCase();
      found = this.sheets.find((s) => s.name.toLowerCase() === wanted) ?? (/^\d+$/.test(selector) ? this.sheets[Number(selector) - 1] : undefined);
    }
    if (found === undefined) {
      const what = selector === undefined || selector === '' ? 'sheets' : typeof selector === 'number' || /^\d+$/.test(selector) ? `sheet ${selector}` : `sheet named "${selector}"`;
      const named = typeof selector === 'string' && selector !== '' ? { sheet: selector } : {};
      throw new ExcelError(`${this.file} has no ${what}${names === '' ? '' : `; its sheets are ${names}`}`, { code: 'excel.sheet', param: 'sheet', file: this.file, ...named });
    }
    if (found.entry === undefined) {
      throw new ExcelError(`${describePlace(this.file, found.name)} is a chart sheet, not a sheet of cells`, { code: 'excel.sheet', param: 'sheet', file: this.file, sheet: found.name });
    }
    return found;
  }

  /** The sheet's rows in order; rows with no cells in the file are absent. Stopping early stops reading. */
  async *rows(sheet: SheetInfo): AsyncGenerator<Row> {
    if (sheet.entry === undefined) return;
    const text = await this.zip.text(sheet.entry);
    try {
      for (const { value } of this.reader._parseWorksheet(text, String(sheet.position))) yield* value;
    } finally {
      text.destroy();
    }
  }

  close(): void {
    this.zip.close();
  }
}

/** The zip path of the workbook part related as `…/<type>`, e.g. the shared strings. */
function partOfType(reader: WorkbookReader, type: string): string | undefined {
  const rel = reader.workbookRels?.find((r) => r.Type.endsWith(`/${type}`));
  return rel === undefined ? undefined : partPath(rel.Target);
}

/** Relationship targets are relative to xl/, or absolute from the archive's root. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
}

async function drain(parts: AsyncIterable<unknown>): Promise<void> {
  for await (const part of parts) void part;
}

async function damagedIfFails(file: string, load: () => Promise<void>): Promise<void> {
  try {
    await load();
  } catch (e) {
    throw new ExcelError(`${file} is damaged: ${e instanceof Error ? e.message : String(e)}`, { code: 'excel.damaged', param: 'path', file });
  }
}
