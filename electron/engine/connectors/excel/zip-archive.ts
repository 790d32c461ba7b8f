import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { openPromise, type Entry, type ZipFile } from 'yauzl';
import { ExcelError } from './excel-error';

/**
 * An .xlsx file is a zip archive. Opened by random access (its central
 * directory first), any part can be read without inflating the ones before
 * it: the workbook's small index parts first, then only the sheet asked for.
 */
export class ZipArchive {
  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: ReadonlyMap<string, Entry>,
  ) {}

  static async open(file: string): Promise<ZipArchive> {
    let zip: ZipFile;
    try {
      zip = await openPromise(file, { lazyEntries: true, autoClose: false });
    } catch (e) {
      throw await notAZip(file, e);
    }
    try {
      const entries = new Map<string, Entry>();
      for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
      return new ZipArchive(zip, entries);
    } catch (e) {
      zip.close();
      throw new ExcelError(`${file} is damaged: ${e instanceof Error ? e.message : String(e)}`, { code: 'excel.damaged', param: 'path', file });
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /**
   * A part's content as UTF-8 text. Decoded here rather than by exceljs,
   * which decodes each chunk on its own and garbles a character split
   * between two chunks.
   */
  async text(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new Error(`the archive has no part ${name}`);
    const stream = await this.zip.openReadStreamPromise(entry);
    stream.setEncoding('utf8');
    return stream;
  }

  /** Closes the file once the streams still reading it end. */
  close(): void {
    if (this.zip.isOpen) this.zip.close();
  }
}

/** What a file that yauzl cannot open as a zip is, in words a user can act on. */
async function notAZip(file: string, cause: unknown): Promise<ExcelError> {
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      head = Buffer.alloc(8);
      await handle.read(head, 0, 8, 0);
    } finally {
      await handle.close();
    }
  } catch (e) {
    const missing = e instanceof Error && 'code' in e && e.code === 'ENOENT';
    return new ExcelError(missing ? `file not found: ${file}` : `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, { code: missing ? 'excel.not-found' : 'excel.unreadable', param: 'path', file });
  }
  // Legacy .xls workbooks, and password-protected .xlsx ones, are OLE compound files.
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return new ExcelError(`${file} is a legacy .xls workbook or a password-protected one; Duto reads .xlsx: save it as .xlsx without a password`, { code: 'excel.not-xlsx', param: 'path', file });
  }
  const why = cause instanceof Error ? cause.message : String(cause);
  return new ExcelError(`${file} is not an Excel .xlsx workbook (not a zip archive: ${why})`, { code: 'excel.not-xlsx', param: 'path', file });
}
