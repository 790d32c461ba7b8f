import { writeFileSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { openPromise } from 'yauzl';

/**
 * Helpers for the Excel tests that need packages exceljs would never write:
 * parts at other paths, hostile parts (bombs, DTDs, deep nesting), cells
 * spelled by hand. A zip is written byte by byte (local headers, central
 * directory, end record), so a test can also make the directory lie.
 */

export interface PartSpec {
  /** The part's content; ignored when `deflated` is given. */
  data?: string | Buffer;
  /** Raw deflate bytes to store as the part's compressed data, as they are. */
  deflated?: Buffer;
  /** The uncompressed size the directory declares (default: the real one). */
  declaredSize?: number;
}

export type Parts = Record<string, string | Buffer | PartSpec>;

export function writeZip(path: string, parts: Parts): void {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, given] of Object.entries(parts)) {
    const spec: PartSpec = typeof given === 'string' || Buffer.isBuffer(given) ? { data: given } : given;
    const data = typeof spec.data === 'string' ? Buffer.from(spec.data, 'utf8') : (spec.data ?? Buffer.alloc(0));
    const compressed = spec.deflated ?? deflateRawSync(data);
    const size = spec.declaredSize ?? data.length;
    const crc = spec.deflated === undefined ? crc32(data) : 0;
    const fileName = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(fileName.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(compressed.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(fileName.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, fileName, compressed);
    central.push(header, fileName);
    offset += local.length + fileName.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...locals, directory, end]));
}

/** Every part of a zip (an .xlsx exceljs wrote), by name, to rewrite into another package. */
export async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await openPromise(path, { lazyEntries: true });
  const parts = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(Buffer.from(chunk));
      parts.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return parts;
}

/**
 * Raw deflate bytes of `head`, then `middle` repeated `times` times, then
 * `tail`: each piece compressed once and byte-aligned by a full flush, so
 * a gigabyte of repeated XML costs a few megabytes and milliseconds.
 */
export function repeatedDeflate(head: string, middle: string, times: number, tail: string): Buffer {
  const piece = (s: string): Buffer => deflateRawSync(Buffer.from(s, 'utf8'), { finishFlush: constants.Z_FULL_FLUSH });
  const block = piece(middle);
  return Buffer.concat([
    piece(head),
    ...Array.from({ length: times }, () => block),
    deflateRawSync(Buffer.from(tail, 'utf8')),
  ]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** XML of a relationships part: [id, type's last segment, target]. */
export function rels(list: Array<[string, string, string]>, family = REL): string {
  const items = list
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${family}/${type}" Target="${target}"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}">${items}</Relationships>`;
}

/** A sheet part around `<row>` elements. */
export function sheetXml(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${rows}</sheetData></worksheet>`;
}

/** A shared-strings part; each item is the inside of an `<si>`. */
export function stringsXml(items: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="${String(items.length)}" uniqueCount="${String(items.length)}">${items.map((i) => `<si>${i}</si>`).join('')}</sst>`;
}

/** A styles part whose cellXfs are these number formats (by id; custom ones from 164 given as codes). */
export function stylesXml(formats: ReadonlyArray<number | string>): string {
  const custom = formats.flatMap((f, i) =>
    typeof f === 'string' ? [`<numFmt numFmtId="${String(164 + i)}" formatCode="${f}"/>`] : [],
  );
  const xfs = formats
    .map((f, i) => `<xf numFmtId="${String(typeof f === 'string' ? 164 + i : f)}" fontId="0" fillId="0" borderId="0"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}"><numFmts count="${String(custom.length)}">${custom.join('')}</numFmts><cellXfs count="${String(formats.length)}">${xfs}</cellXfs></styleSheet>`;
}

/**
 * The parts of a one-sheet workbook ("Data") at Excel's standard paths,
 * with shared strings and styles when given; `extra` adds or replaces parts.
 */
export function workbookParts(
  sheet: string,
  options: {
    strings?: readonly string[];
    styles?: ReadonlyArray<number | string>;
    date1904?: boolean;
    extra?: Parts;
  } = {},
): Parts {
  const related: Array<[string, string, string]> = [['rId1', 'worksheet', 'worksheets/sheet1.xml']];
  const parts: Parts = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': rels([['rId1', 'officeDocument', 'xl/workbook.xml']]),
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}">${options.date1904 === true ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/worksheets/sheet1.xml': sheetXml(sheet),
  };
  if (options.strings !== undefined) {
    related.push(['rId2', 'sharedStrings', 'sharedStrings.xml']);
    parts['xl/sharedStrings.xml'] = stringsXml(options.strings);
  }
  if (options.styles !== undefined) {
    related.push(['rId3', 'styles', 'styles.xml']);
    parts['xl/styles.xml'] = stylesXml(options.styles);
  }
  parts['xl/_rels/workbook.xml.rels'] = rels(related);
  return { ...parts, ...options.extra };
}
