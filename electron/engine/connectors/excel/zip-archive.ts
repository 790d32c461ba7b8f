import { close, constants, fstat, open, read, type Stats } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { promisify } from 'node:util';
import { createInflateRaw } from 'node:zlib';
import { fromFdPromise, type Entry, type ZipFile } from 'yauzl';
import { ExcelError } from './excel-error';
import { limitError, type InflateBudget, type PartKind } from './inflate-budget';
import { count, type ExcelLimits } from './limits';
import { said } from '../../../../shared/messages/diagnostic-messages';

/**
 * An .xlsx file is a zip archive. Opened by random access (its central
 * directory first), any part can be read without inflating the ones before
 * it: the workbook's small index parts first, then only the sheet asked for.
 * Every part is inflated here, by Duto, under an InflateBudget.
 */
export class ZipArchive {
  private constructor(
    readonly file: string,
    private readonly zip: ZipFile,
    private readonly entries: ReadonlyMap<string, Entry>,
    /** Part names are case-insensitive in a package (OPC); some writers differ in case from their relationships. */
    private readonly folded: ReadonlyMap<string, string>,
  ) {}

  static async open(file: string, limits: ExcelLimits): Promise<ZipArchive> {
    const fd = await openRegularFile(file);
    let zip: ZipFile;
    try {
      zip = await fromFdPromise(fd, { lazyEntries: true, autoClose: false });
    } catch (e) {
      const refused = await notAZip(file, fd, e);
      await closeFd(fd);
      throw refused;
    }
    try {
      // From the directory's end record: a directory of millions of entries is refused before any is read.
      if (zip.entryCount > limits.maxParts)
        throw limitError(
          file,
          `it has ${count(zip.entryCount)} parts, over the ${count(limits.maxParts)} Duto reads in a workbook`,
        );
      const entries = new Map<string, Entry>();
      const folded = new Map<string, string>();
      for await (const entry of zip.eachEntry()) {
        entries.set(entry.fileName, entry);
        folded.set(entry.fileName.toLowerCase(), entry.fileName);
      }
      return new ZipArchive(file, zip, entries, folded);
    } catch (e) {
      zip.close();
      if (e instanceof ExcelError) throw e;
      throw new ExcelError(said('excel.damaged', { place: file, detail: e instanceof Error ? e.message : String(e) }), {
        param: 'path',
        file,
      });
    }
  }

  /** The archive's own name of a part, matched exactly or else ignoring case; undefined when absent. */
  find(name: string): string | undefined {
    return this.entries.has(name) ? name : this.folded.get(name.toLowerCase());
  }

  /**
   * A part's content as text, inflated under the budget. UTF-8 (the
   * encoding every writer uses) or UTF-16 with a byte-order mark, as OPC
   * allows. Characters split between chunks are kept whole.
   */
  async *text(name: string, kind: PartKind, budget: InflateBudget): AsyncGenerator<string, void, undefined> {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new Error(`the archive has no part ${name}`);
    if (entry.isEncrypted()) {
      throw new ExcelError(said('excel.not-xlsx/encrypted', { file: this.file, part: name }), {
        param: 'path',
        file: this.file,
      });
    }
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new ExcelError(
        said('excel.damaged/method', { file: this.file, part: name, method: String(entry.compressionMethod) }),
        { param: 'path', file: this.file },
      );
    }
    budget.admit(name, kind, { compressed: entry.compressedSize, declared: entry.uncompressedSize });
    const raw = await this.zip.openReadStreamPromise(entry, { decodeFileData: false });
    const meter = budget.meter(name, kind, entry.uncompressedSize);
    const out = meter.inflated;
    // A failure anywhere destroys every stage; the last one, read below, then throws it.
    const settle = (): void => undefined;
    if (entry.compressionMethod === 8) pipeline(raw, meter.compressed, createInflateRaw(), out, settle);
    else pipeline(raw, meter.compressed, out, settle);
    try {
      yield* decoded(out, this.file, name);
    } finally {
      out.destroy();
    }
  }

  /** Closes the file once the streams still reading it end. */
  close(): void {
    if (this.zip.isOpen) this.zip.close();
  }
}

async function* decoded(bytes: Readable, file: string, part: string): AsyncGenerator<string, void, undefined> {
  let decoder: StringDecoder | undefined;
  for await (const chunk of bytes) {
    if (!(chunk instanceof Buffer)) continue;
    let data = chunk;
    if (decoder === undefined) {
      // The first chunk is at least a few bytes: the byte-order mark, if any, is whole.
      if (data[0] === 0xfe && data[1] === 0xff) {
        throw new ExcelError(said('excel.damaged/utf16', { file, part }), { param: 'path', file });
      }
      const utf16 = data[0] === 0xff && data[1] === 0xfe;
      decoder = new StringDecoder(utf16 ? 'utf16le' : 'utf8');
      if (utf16) data = data.subarray(2);
      else if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    }
    const text = decoder.write(data);
    if (text !== '') yield text;
  }
  const rest = decoder?.end() ?? '';
  if (rest !== '') yield rest;
}

const openFd = promisify(open);
const fstatFd = promisify(fstat);
const readFd = promisify(read);
const closeFd = promisify(close);

/**
 * Opens the workbook, refusing anything but a regular file. The open does
 * not block (a FIFO with no writer would hang a plain open forever), and
 * the type is checked on the open descriptor, so the file cannot be swapped
 * between the check and the read.
 */
async function openRegularFile(file: string): Promise<number> {
  let fd: number;
  try {
    // O_NONBLOCK is undefined on Windows (no FIFOs there): `| 0` drops it.
    fd = await openFd(file, constants.O_RDONLY | (constants.O_NONBLOCK | 0));
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? e.code : undefined;
    if (code === 'ENOENT') throw new ExcelError(said('excel.not-found', { file }), { param: 'path', file });
    throw new ExcelError(said('excel.unreadable', { file, detail: e instanceof Error ? e.message : String(e) }), {
      param: 'path',
      file,
    });
  }
  let stats: Stats;
  try {
    stats = await fstatFd(fd);
  } catch (e) {
    await closeFd(fd);
    throw new ExcelError(said('excel.unreadable', { file, detail: e instanceof Error ? e.message : String(e) }), {
      param: 'path',
      file,
    });
  }
  if (!stats.isFile()) {
    await closeFd(fd);
    throw new ExcelError(said('excel.not-file', { file, kind: fileKind(stats) }), { param: 'path', file });
  }
  return fd;
}

function fileKind(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  return 'not a file';
}

/** What a file that yauzl cannot open as a zip is, in words a user can act on. */
async function notAZip(file: string, fd: number, cause: unknown): Promise<ExcelError> {
  const head = Buffer.alloc(8);
  try {
    await readFd(fd, head, 0, 8, 0);
  } catch (e) {
    return new ExcelError(said('excel.unreadable', { file, detail: e instanceof Error ? e.message : String(e) }), {
      param: 'path',
      file,
    });
  }
  // Legacy .xls workbooks, and password-protected .xlsx ones, are OLE compound files.
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return new ExcelError(said('excel.not-xlsx/legacy', { file }), { param: 'path', file });
  }
  const why = cause instanceof Error ? cause.message : String(cause);
  return new ExcelError(said('excel.not-xlsx', { file, detail: why }), { param: 'path', file });
}
