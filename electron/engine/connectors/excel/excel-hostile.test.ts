import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDir, sessionOpener } from '../../test-support';
import { doc } from '../test-databases';
import { ExcelError } from './excel-error';
import { ExcelSource } from './excel-source';
import { DEFAULT_EXCEL_LIMITS, type ExcelLimits } from './limits';
import type { ExcelReadOptions } from './sheet-layout';
import { repeatedDeflate, stringsXml, writeZip, workbookParts, type Parts } from './test-packages';
import { readAll } from './test-workbooks';

/*
 * Hostile workbooks, written byte by byte: zip bombs (honest and lying
 * directories), shared-strings tables built to fill memory, DTDs and
 * entities, deep nesting, endless tags, and paths that are not files. Each
 * is refused with an error naming the file, the part and the limit.
 */

const signal = new AbortController().signal;
const opened: ExcelSource[] = [];
function source(options: ExcelReadOptions, limits?: Partial<ExcelLimits>): ExcelSource {
  const s = new ExcelSource(options, { ...DEFAULT_EXCEL_LIMITS, ...limits });
  opened.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function refusal(p: Promise<unknown>): Promise<ExcelError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ExcelError);
    if (e instanceof ExcelError) return e;
  }
  throw new Error('expected the workbook to be refused');
}

function book(parts: Parts): string {
  const path = join(freshDir('duto-excel-hostile-'), 'hostile.xlsx');
  writeZip(path, parts);
  return path;
}

const MB = 1024 * 1024;
/** 1 MiB of shared strings, repeated to make a bomb. */
const STRINGS_MIB =
  '<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>'.repeat(
    MB / 112,
  );
const SST_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
const SHEET = '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>';

describe('Excel zip bombs', () => {
  it('a 1.9 GB shared-strings part in a small file is refused from its directory, before anything is inflated', async () => {
    const deflated = repeatedDeflate(SST_HEAD, STRINGS_MIB, 1900, '</sst>');
    const declared = SST_HEAD.length + STRINGS_MIB.length * 1900 + 6;
    const path = book(
      workbookParts(SHEET, { extra: { 'xl/sharedStrings.xml': { deflated, declaredSize: declared } }, strings: [] }),
    );
    const e = await refusal(source({ path }).columns(signal));
    expect(e.message).toMatch(
      new RegExp(
        `^${path} is refused: its part xl/sharedStrings\\.xml expands [\\d,]+ times \\([\\d.]+ MiB to 1\\.9 GiB\\), over the 100 times Duto allows a part: a zip bomb, or a damaged file$`,
      ),
    );
    expect(e.code).toBe('excel.limit');
    expect(e.param).toBe('path');
    expect(e.file).toBe(path);

    // The same directory over bytes that are not deflate at all: still the limit, so none of it was inflated.
    const blind = book(
      workbookParts(SHEET, {
        extra: { 'xl/sharedStrings.xml': { deflated: randomBytes(deflated.length), declaredSize: declared } },
        strings: [],
      }),
    );
    expect((await refusal(source({ path: blind }).columns(signal))).code).toBe('excel.limit');
  });

  it('a bomb whose directory lies about its size is refused while inflating, within its first megabytes', async () => {
    // 64 MiB of real bomb, then bytes that are not deflate: reading past the first megabytes would fail there instead.
    const valid = repeatedDeflate(SST_HEAD, STRINGS_MIB, 64, '').subarray(0, -5);
    const deflated = Buffer.concat([valid, randomBytes(64 * 1024)]);
    const path = book(
      workbookParts(SHEET, {
        extra: { 'xl/sharedStrings.xml': { deflated, declaredSize: deflated.length * 50 } },
        strings: [],
      }),
    );
    const e = await refusal(source({ path }).columns(signal));
    expect(e.message).toMatch(
      new RegExp(
        `^${path} is refused: its part xl/sharedStrings\\.xml expands [\\d,]+ times \\([\\d.]+ KiB to [\\d.]+ MiB\\), over the 100 times`,
      ),
    );
  });

  it('a sheet part that is a bomb is refused the same way', async () => {
    const head =
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    const rows = '<row><c><v>1</v></c></row>'.repeat(MB / 26);
    const deflated = repeatedDeflate(head, rows, 500, '</sheetData></worksheet>');
    const path = book(
      workbookParts('', { extra: { 'xl/worksheets/sheet1.xml': { deflated, declaredSize: 500 * rows.length } } }),
    );
    expect((await refusal(source({ path }).columns(signal))).message).toMatch(
      new RegExp(`^${path} is refused: its part xl/worksheets/sheet1\\.xml expands`),
    );
  });

  it('a directory that declares less than the part holds is damage, named', async () => {
    const sheet = `<row r="1"><c r="A1"><v>1</v></c></row>`.repeat(50);
    const path = book(workbookParts('', { extra: { 'xl/worksheets/sheet1.xml': { data: sheet, declaredSize: 100 } } }));
    const e = await refusal(source({ path }).columns(signal));
    expect(e.message).toBe(
      `${path} is damaged: its part xl/worksheets/sheet1.xml inflates to more than the 100 bytes its zip directory declares`,
    );
    expect(e.code).toBe('excel.damaged');
  });

  it('caps each part, the parts kept whole, and all a read inflates', async () => {
    const parts = workbookParts(
      SHEET + `<row r="3"><c r="A3" t="inlineStr"><is><t>${'x'.repeat(5000)}</t></is></c></row>`,
      { strings: ['<t>s</t>'], styles: [0, 14] },
    );
    const path = book(parts);
    const big = await refusal(source({ path }, { maxPartBytes: 4000 }).columns(signal));
    expect(big.message).toBe(
      `${path} is refused: its part xl/worksheets/sheet1.xml would inflate to 5.3 KiB, over the 3.9 KiB Duto inflates for one part`,
    );
    const index = await refusal(source({ path }, { maxIndexPartBytes: 300 }).columns(signal));
    expect(index.message).toMatch(
      new RegExp(
        `^${path} is refused: its part (_rels/\\.rels|xl/workbook\\.xml|xl/_rels/workbook\\.xml\\.rels) would inflate to \\d+ bytes, over the 300 bytes Duto inflates for an index part \\(workbook, relationships, styles\\)$`,
      ),
    );
    const total = await refusal(source({ path }, { maxTotalBytes: 6000 }).columns(signal));
    expect(total.message).toBe(
      `${path} is refused: reading it inflates more than 5.9 KiB in all (reached at part xl/worksheets/sheet1.xml), the most Duto inflates for one read`,
    );
    // Within the limits, the same workbook reads.
    expect(await readAll(source({ path }, { maxPartBytes: 6000, maxTotalBytes: 8000 }))).toHaveLength(2);
  });

  it('caps the parts in an archive', async () => {
    const path = book(workbookParts(SHEET, { strings: ['<t>s</t>'] }));
    expect((await refusal(source({ path }, { maxParts: 4 }).columns(signal))).message).toBe(
      `${path} is refused: it has 6 parts, over the 4 Duto reads in a workbook`,
    );
  });
});

describe('Excel shared strings built to fill memory', () => {
  it('a table declaring more strings than the limit is refused before it is read', async () => {
    const path = book(workbookParts(SHEET, { strings: Array.from({ length: 11 }, (_, i) => `<t>${String(i)}</t>`) }));
    expect((await refusal(source({ path }, { maxSharedStrings: 10 }).columns(signal))).message).toBe(
      `${path} is refused: its shared strings (xl/sharedStrings.xml) declare 11 strings, over 10, Duto's limit for a workbook`,
    );
  });

  it('a table lying about its count is refused when it passes the limit, and so is one with too many characters', async () => {
    const lying = stringsXml(Array.from({ length: 11 }, (_, i) => `<t>${String(i)}</t>`)).replace(
      /uniqueCount="\d+"/,
      'uniqueCount="1"',
    );
    const path = book(workbookParts(SHEET, { strings: [], extra: { 'xl/sharedStrings.xml': lying } }));
    expect((await refusal(source({ path }, { maxSharedStrings: 10 }).columns(signal))).message).toBe(
      `${path} is refused: its shared strings (xl/sharedStrings.xml) hold more than 10 strings, Duto's limit for a workbook`,
    );
    const long = book(
      workbookParts(SHEET, { strings: ['<t>0123456789</t>', '<r><t>0123456789</t></r><r><t>0123456789</t></r>'] }),
    );
    expect((await refusal(source({ path: long }, { maxSharedStringChars: 25 }).columns(signal))).message).toBe(
      `${long} is refused: its shared strings (xl/sharedStrings.xml) hold more than 25 characters, Duto's limit for a workbook`,
    );
  });
});

describe('Excel XML a parser could be attacked with', () => {
  it('a billion-laughs DTD is refused: no entity is ever declared, so none can expand', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${String(i + 1)} "${`&lol${i === 0 ? '' : String(i)};`.repeat(10)}">`).join('')}]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`;
    const path = book(workbookParts(SHEET, { strings: [], extra: { 'xl/sharedStrings.xml': laughs } }));
    const e = await refusal(source({ path }).columns(signal));
    expect(e.message).toBe(
      `${path} is refused: its part xl/sharedStrings.xml declares a DTD (<!DOCTYPE …>), which a workbook never has and whose entities could expand without bound`,
    );
    expect(e.code).toBe('excel.limit');
  });

  it('an entity used without a DTD is refused too, in a sheet as in the index', async () => {
    const path = book(workbookParts('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'));
    expect((await refusal(source({ path }).columns(signal))).message).toBe(
      `sheet "Data" of ${path} is refused: its part xl/worksheets/sheet1.xml uses an undeclared entity "&lol9;" (a workbook uses only XML's own five)`,
    );
    const rels = book(
      workbookParts(SHEET, {
        extra: { '_rels/.rels': '<!DOCTYPE r SYSTEM "http://attacker.example/r.dtd"><Relationships/>' },
      }),
    );
    expect((await refusal(source({ path: rels }).columns(signal))).message).toMatch(
      new RegExp(`^${rels} is refused: its part _rels/\\.rels declares a DTD`),
    );
  });

  it('deeply nested elements are refused, in bounded memory and without recursion', async () => {
    // 100,000 levels: under the size where a part's compression ratio is checked, so the scanner meets them.
    const deep = `<?xml version="1.0"?><worksheet><sheetData>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</sheetData></worksheet>`;
    const path = book(workbookParts('', { extra: { 'xl/worksheets/sheet1.xml': deep } }));
    expect((await refusal(source({ path }).columns(signal))).message).toBe(
      `sheet "Data" of ${path} is damaged: its part xl/worksheets/sheet1.xml nests elements more than 256 deep`,
    );
  });

  it('a tag that never ends is refused once longer than any real one, not buffered whole', async () => {
    // Random text, which does not compress: the scanner meets it rather than the ratio check.
    const endless = `<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="${randomBytes(2 * MB).toString('base64')}`;
    const path = book(workbookParts('', { extra: { 'xl/worksheets/sheet1.xml': endless } }));
    expect((await refusal(source({ path }).columns(signal))).message).toBe(
      `sheet "Data" of ${path} is damaged: its part xl/worksheets/sheet1.xml has a tag longer than 1,048,576 characters`,
    );
  });

  it('a part cut short is damage, not a silently shorter sheet', async () => {
    const cut = `<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c>`;
    const path = book(workbookParts('', { extra: { 'xl/worksheets/sheet1.xml': cut } }));
    const s = source({ path, header: false });
    expect((await refusal(readAll(s))).message).toBe(
      `sheet "Data" of ${path} is damaged: its part xl/worksheets/sheet1.xml ends before closing its elements: it is cut short`,
    );
  });

  it("cells beyond Excel's grid are damage, not a table millions of columns wide", async () => {
    const path = book(workbookParts('<row r="1"><c r="ZZZZZZ1"><v>1</v></c></row>'));
    expect((await refusal(source({ path }).columns(signal))).message).toBe(
      `sheet "Data" of ${path} is damaged: its part xl/worksheets/sheet1.xml has a cell ZZZZZZ1 in row 1 beyond Excel's last column, XFD`,
    );
    const rows = book(workbookParts('<row r="99999999"><c r="A1"><v>1</v></c></row>'));
    expect((await refusal(source({ path: rows }).columns(signal))).message).toBe(
      `sheet "Data" of ${rows} is damaged: its part xl/worksheets/sheet1.xml has a row numbered 99999999, outside Excel's rows 1 to 1,048,576`,
    );
  });
});

describe('Excel paths that are not files', () => {
  it('a FIFO is refused before it is opened for reading (it would hang), and so are devices and folders', async () => {
    const dir = freshDir('duto-excel-fifo-');
    const fifo = join(dir, 'pipe.xlsx');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const e = await refusal(source({ path: fifo }).columns(signal));
    expect(e.message).toBe(`${fifo} is a FIFO (named pipe), not a regular file: an Excel source reads an .xlsx file`);
    expect(e.code).toBe('excel.not-file');
    expect((await refusal(source({ path: '/dev/zero' }).columns(signal))).message).toBe(
      '/dev/zero is a device, not a regular file: an Excel source reads an .xlsx file',
    );
    const folder = join(dir, 'folder.xlsx');
    mkdirSync(folder);
    expect((await refusal(source({ path: folder }).columns(signal))).message).toBe(
      `${folder} is a folder, not a regular file: an Excel source reads an .xlsx file`,
    );
  });
});

describe('Hostile workbooks through the engine', () => {
  const open = sessionOpener();

  it('validate refuses a bomb and a FIFO with diagnostics naming the node, the param, the file and the limit', async () => {
    const dir = freshDir('duto-excel-hostile-engine-');
    const deflated = repeatedDeflate(SST_HEAD, STRINGS_MIB, 1900, '</sst>');
    writeZip(
      join(dir, 'bomb.xlsx'),
      workbookParts(SHEET, {
        strings: [],
        extra: { 'xl/sharedStrings.xml': { deflated, declaredSize: SST_HEAD.length + STRINGS_MIB.length * 1900 + 6 } },
      }),
    );
    expect(spawnSync('mkfifo', [join(dir, 'pipe.xlsx')]).status).toBe(0);
    const s = await open(
      doc(
        { id: 'bomb', type: 'source.excel', params: { path: 'bomb.xlsx' } },
        { id: 'pipe', type: 'source.excel', params: { path: 'pipe.xlsx' } },
      ),
      dir,
    );
    const v = await s.validate();
    expect(v.ok).toBe(false);
    expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'excel.limit',
        nodeId: 'bomb',
        param: 'path',
        file: join(dir, 'bomb.xlsx'),
        message: expect.stringContaining('its part xl/sharedStrings.xml expands'),
      }),
      // The engine refuses a non-regular file at compile time, before the connector is even asked (walls/file-boundary.ts).
      expect.objectContaining({
        severity: 'error',
        code: 'node.check',
        nodeId: 'pipe',
        param: 'path',
        message: `${join(dir, 'pipe.xlsx')} is not a regular file (a pipe, device or socket): sources read files only`,
      }),
    ]);
  });
});
