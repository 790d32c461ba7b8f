import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDir, sessionOpener } from '../../test-support';
import { doc } from '../test-databases';
import { ExcelError } from './excel-error';
import { ExcelSource } from './excel-source';
import { readZip, rels, writeZip, workbookParts, type Parts } from './test-packages';
import { readAll, writeBook } from './test-workbooks';

/*
 * Parts are found through the package's relationships, wherever they live
 * and whatever their names: real workbooks rewritten with their parts moved
 * and renamed, strict OOXML, and packages without relationships at all.
 */

const signal = new AbortController().signal;
const opened: ExcelSource[] = [];
function source(path: string, sheet?: string): ExcelSource {
  const s = new ExcelSource({ path, ...(sheet === undefined ? {} : { sheet }) });
  opened.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function errorOf(p: Promise<unknown>): Promise<ExcelError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ExcelError);
    if (e instanceof ExcelError) return e;
  }
  throw new Error('expected an ExcelError');
}

const day = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

/** A real workbook (exceljs, shared strings, a date style, two sheets) and its parts. */
async function original(dir: string): Promise<{ path: string; parts: Map<string, Buffer> }> {
  const path = join(dir, 'original.xlsx');
  await writeBook(
    path,
    {
      Orders: [
        ['id', 'customer', 'day'],
        [1, 'Ana', day(2024, 1, 2)],
        [2, 'Bruno', day(2024, 2, 3)],
      ],
      Notes: [['note'], ['olá'], ['日本']],
    },
    (wb) =>
      wb
        .getWorksheet('Orders')
        ?.getColumn(3)
        .eachCell((c) => (c.numFmt = 'yyyy-mm-dd')),
  );
  return { path, parts: await readZip(path) };
}

function text(parts: Map<string, Buffer>, name: string): string {
  const b = parts.get(name);
  if (b === undefined) throw new Error(`no part ${name} in ${[...parts.keys()].join(', ')}`);
  return b.toString('utf8');
}

/** The same workbook with every part moved: relative, absolute and `..` targets, other folders and names. */
function moved(parts: Map<string, Buffer>): Parts {
  const out: Parts = {};
  for (const [name, data] of parts) {
    if (name.startsWith('xl/') || name === '_rels/.rels') continue;
    out[name] = data;
  }
  const workbookRels = text(parts, 'xl/_rels/workbook.xml.rels');
  const sheetTarget = (n: number): string => {
    const m = new RegExp(`Target="/?(?:xl/)?(worksheets/sheet${String(n)}\\.xml)"`).exec(workbookRels);
    if (m === null) throw new Error(`no sheet ${String(n)} in ${workbookRels}`);
    return `xl/${m[1] ?? ''}`;
  };
  out['_rels/.rels'] = rels([['rId1', 'officeDocument', '/book/main.xml']]);
  out['book/main.xml'] = text(parts, 'xl/workbook.xml');
  out['book/tabs/first tab.xml'] = text(parts, sheetTarget(1));
  out['data/second.xml'] = text(parts, sheetTarget(2));
  out['strings/all.xml'] = text(parts, 'xl/sharedStrings.xml');
  out['look/styles.xml'] = text(parts, 'xl/styles.xml');
  const ids = [...text(parts, 'xl/workbook.xml').matchAll(/<sheet [^>]*r:id="([^"]+)"/g)].map((m) => m[1] ?? '');
  out['book/_rels/main.xml.rels'] = rels([
    [ids[0] ?? '', 'worksheet', 'tabs/first%20tab.xml'],
    [ids[1] ?? '', 'worksheet', '/data/second.xml'],
    ['rIdS', 'sharedStrings', '../strings/all.xml'],
    ['rIdT', 'styles', '/look/styles.xml'],
    ['rIdX', 'hyperlink', 'https://example.com/'],
  ]);
  return out;
}

const ORDERS = [
  [1n, 'Ana', day(2024, 1, 2)],
  [2n, 'Bruno', day(2024, 2, 3)],
];

describe('Excel parts found through relationships', () => {
  let dir: string;
  let real: { path: string; parts: Map<string, Buffer> };
  beforeAll(async () => {
    dir = freshDir('duto-excel-package-');
    real = await original(dir);
  });

  it('reads a workbook whose parts live at other paths under other names, as the relationships say', async () => {
    const path = join(dir, 'moved.xlsx');
    writeZip(path, moved(real.parts));
    expect(await readAll(source(real.path, 'Orders'))).toEqual(ORDERS);
    const s = source(path, 'Orders');
    expect((await s.columns(signal)).map((c) => c.type)).toEqual(['BIGINT', 'VARCHAR', 'TIMESTAMP']);
    expect(await readAll(s)).toEqual(ORDERS);
    expect(await readAll(source(path, 'Notes'))).toEqual([['olá'], ['日本']]);
  });

  it('previews and runs it through the engine like the original', async () => {
    writeZip(join(dir, 'engine-moved.xlsx'), moved(real.parts));
    const open = sessionOpener();
    const s = await open(
      doc(
        { id: 'orders', type: 'source.excel', params: { path: 'engine-moved.xlsx', sheet: 'Orders' } },
        { id: 'out', type: 'sink.csv', inputs: { in: 'orders' }, params: { path: 'orders.csv' } },
      ),
      dir,
    );
    expect((await s.validate()).diagnostics).toEqual([]);
    const preview = await s.preview('orders', 10);
    expect(preview.rows).toEqual([
      [1, 'Ana', '2024-01-02T00:00:00'],
      [2, 'Bruno', '2024-02-03T00:00:00'],
    ]);
    const run = await s.run();
    expect(run.diagnostics).toEqual([]);
    expect(run.outputs).toEqual([{ nodeId: 'out', path: join(dir, 'orders.csv'), rows: 2 }]);
    expect(readFileSync(join(dir, 'orders.csv'), 'utf8')).toBe(
      'id,customer,day\n1,Ana,2024-01-02 00:00:00\n2,Bruno,2024-02-03 00:00:00\n',
    );
  });

  it('reads strict OOXML (purl.oclc.org namespaces and relationship types)', async () => {
    const strict: Parts = {};
    for (const [name, data] of real.parts) {
      strict[name] = data
        .toString('utf8')
        .replaceAll(
          'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
          'http://purl.oclc.org/ooxml/spreadsheetml/main',
        )
        .replaceAll(
          'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
          'http://purl.oclc.org/ooxml/officeDocument/relationships',
        );
    }
    expect(JSON.stringify(strict)).not.toContain('schemas.openxmlformats.org/officeDocument/2006/relationships');
    const path = join(dir, 'strict.xlsx');
    writeZip(path, strict);
    expect(await readAll(source(path, 'Orders'))).toEqual(ORDERS);
  });

  it('falls back to the standard paths only when a package has no relationships', async () => {
    const bare: Parts = {};
    for (const [name, data] of real.parts) if (!name.endsWith('.rels')) bare[name] = data;
    const path = join(dir, 'no-rels.xlsx');
    writeZip(path, bare);
    expect(await readAll(source(path, 'Orders'))).toEqual(ORDERS);
    expect(await readAll(source(path, 'Notes'))).toEqual([['olá'], ['日本']]);
  });

  it('matches part names ignoring case, as packages do', async () => {
    const parts = workbookParts('<row r="1"><c r="A1"><v>5</v></c></row>', {
      extra: { 'xl/_rels/workbook.xml.rels': rels([['rId1', 'worksheet', 'Worksheets/SHEET1.xml']]) },
    });
    const path = join(dir, 'case.xlsx');
    writeZip(path, parts);
    expect((await source(path).columns(signal)).map((c) => c.name)).toEqual(['5']);
  });

  it('a sheet whose relationship names a part the file lacks, or one outside the package, is damage, named', async () => {
    const path = join(dir, 'lost.xlsx');
    writeZip(
      path,
      workbookParts('', { extra: { 'xl/_rels/workbook.xml.rels': rels([['rId1', 'worksheet', 'sheets/gone.xml']]) } }),
    );
    const e = await errorOf(source(path).columns(signal));
    expect(e.message).toBe(
      `sheet "Data" of ${path} is damaged: the workbook's relationships put it in xl/sheets/gone.xml, which the file does not have`,
    );
    expect(e.sheet).toBe('Data');
    const escape = join(dir, 'escape.xlsx');
    writeZip(
      escape,
      workbookParts('', {
        extra: { 'xl/_rels/workbook.xml.rels': rels([['rId1', 'worksheet', '../../../etc/passwd']]) },
      }),
    );
    expect((await errorOf(source(escape).columns(signal))).message).toBe(
      `sheet "Data" of ${escape} is damaged: the workbook's relationships put it in ../../../etc/passwd, which the file does not have`,
    );
  });

  it('a package whose main part is not a workbook, or is a binary one, is named for what it is', async () => {
    const docx = join(dir, 'letter.xlsx');
    writeZip(docx, {
      '_rels/.rels': rels([['rId1', 'officeDocument', 'word/document.xml']]),
      'word/document.xml':
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
    });
    expect((await errorOf(source(docx).columns(signal))).message).toBe(
      `${docx} is a zip archive but not an Excel .xlsx workbook (its main part word/document.xml holds <document>, not <workbook>)`,
    );
    const xlsb = join(dir, 'binary.xlsx');
    writeZip(xlsb, {
      '_rels/.rels': rels([['rId1', 'officeDocument', 'xl/workbook.bin']]),
      'xl/workbook.bin': Buffer.from([0x83, 0x01, 0x00]),
    });
    expect((await errorOf(source(xlsb).columns(signal))).message).toBe(
      `${xlsb} is a binary workbook (.xlsb); Duto reads .xlsx: save it as .xlsx`,
    );
  });
});
