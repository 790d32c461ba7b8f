/**
 * The parts of exceljs 4.4.0's streaming WorkbookReader that Duto drives
 * directly (package.json pins that exact version; workbook.test.ts breaks
 * if they change). Its public iterator reads the zip front to back and,
 * when the shared strings come after the sheets — the order Excel and
 * exceljs itself write — copies every sheet to a temporary file before
 * yielding the first row, so a preview of a big sheet would read all of it.
 * Driving the same parsers over zip entries opened by random access reads
 * only the parts a read needs.
 */
declare module 'exceljs/lib/stream/xlsx/workbook-reader.js' {
  import type { Readable } from 'node:stream';
  import type { Row } from 'exceljs';

  export interface WorkbookRelationship {
    Id: string;
    Type: string;
    Target: string;
  }

  export interface WorkbookSheetEntry {
    name: string;
    id: number;
    rId: string;
    state?: string;
  }

  export interface WorkbookReaderOptions {
    worksheets: 'emit';
    sharedStrings: 'cache';
    hyperlinks: 'ignore';
    styles: 'cache';
    entries: 'ignore';
  }

  export default class WorkbookReader {
    constructor(input: string, options: WorkbookReaderOptions);
    /** Set by _parseRels. */
    workbookRels?: WorkbookRelationship[];
    /** Set by _parseWorkbook. */
    model?: { sheets?: WorkbookSheetEntry[]; properties?: { date1904?: boolean } };
    _parseRels(entry: Readable): Promise<void>;
    _parseWorkbook(entry: Readable): Promise<void>;
    /** Caches the shared strings as it is drained. */
    _parseSharedStrings(entry: Readable): AsyncGenerator<unknown, void>;
    _parseStyles(entry: Readable): Promise<void>;
    _parseWorksheet(chunks: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<Row> }, void>;
  }
}
