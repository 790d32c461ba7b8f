import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDir } from '../../test-support';
import { ExcelError } from './excel-error';
import { ExcelSource } from './excel-source';
import type { ExcelReadOptions } from './sheet-layout';
import { readAll, writeBigBook, writeBook } from './test-workbooks';

const signal = new AbortController().signal;
const opened: ExcelSource[] = [];
function source(options: ExcelReadOptions): ExcelSource {
  const s = new ExcelSource(options);
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

const day = (y: number, m: number, d: number, h = 0, mi = 0): Date => new Date(Date.UTC(y, m - 1, d, h, mi));

describe('ExcelSource', () => {
  let dir: string;
  let book: string;
  beforeAll(async () => {
    dir = freshDir('duto-excel-');
    book = join(dir, 'orders.xlsx');
    await writeBook(
      book,
      {
        Orders: [
          ['id', 'customer', 'amount', 'ordered', 'paid', 'note'],
          [1, 'Ana', 10.5, day(2024, 1, 2), true, 'first'],
          [2, 'Bruno', 20, day(2024, 2, 3, 14, 30), false, null],
          [3, 'Chen', 7.25, day(2024, 3, 4), true, 42],
        ],
        Formulas: [
          ['a', 'double', 'text', 'next day', 'missing'],
          [
            2,
            { formula: 'A2*2', result: 4 },
            { formula: '"x"&A2', result: 'x2' },
            { formula: 'DATE(2024,1,1)+A2', result: day(2024, 1, 3) },
            { formula: 'NA()', result: { error: '#N/A' } },
          ],
          [
            3,
            { sharedFormula: 'B2', result: 6 },
            { formula: '"x"&A3', result: 'x3' },
            { formula: 'DATE(2024,1,1)+A3', result: day(2024, 1, 4) },
            null,
          ],
        ],
        Merged: [
          ['region', 'q1', 'q2'],
          ['North', 1, 2],
          ['', null, null],
          ['South', 3, null],
        ],
      },
      (wb) => {
        const f = wb.getWorksheet('Formulas');
        f?.getColumn(4).eachCell((c) => (c.numFmt = 'yyyy-mm-dd'));
        const o = wb.getWorksheet('Orders');
        o?.getColumn(4).eachCell((c) => (c.numFmt = 'yyyy-mm-dd hh:mm'));
        const m = wb.getWorksheet('Merged');
        m?.mergeCells('B4:C4');
      },
    );
  });

  it('infers column types from the first rows and reads typed values', async () => {
    const s = source({ path: book, sheet: 'Orders' });
    expect(await s.columns(signal)).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'customer', type: 'VARCHAR' },
      { name: 'amount', type: 'DOUBLE' },
      { name: 'ordered', type: 'TIMESTAMP' },
      { name: 'paid', type: 'BOOLEAN' },
      { name: 'note', type: 'VARCHAR' },
    ]);
    expect(await readAll(s)).toEqual([
      [1n, 'Ana', 10.5, day(2024, 1, 2), true, 'first'],
      [2n, 'Bruno', 20, day(2024, 2, 3, 14, 30), false, null],
      [3n, 'Chen', 7.25, day(2024, 3, 4), true, '42'],
    ]);
  });

  it('reads formulas as their cached results, dates included; error values are NULL', async () => {
    const s = source({ path: book, sheet: 'Formulas' });
    expect((await s.columns(signal)).map((c) => c.type)).toEqual([
      'BIGINT',
      'BIGINT',
      'VARCHAR',
      'TIMESTAMP',
      'VARCHAR',
    ]);
    expect(await readAll(s)).toEqual([
      [2n, 4n, 'x2', day(2024, 1, 3), null],
      [3n, 6n, 'x3', day(2024, 1, 4), null],
    ]);
  });

  it('reads merged and empty cells as NULL and skips empty rows', async () => {
    const s = source({ path: book, sheet: 'merged' });
    expect(await s.columns(signal)).toEqual([
      { name: 'region', type: 'VARCHAR' },
      { name: 'q1', type: 'BIGINT' },
      { name: 'q2', type: 'BIGINT' },
    ]);
    expect(await readAll(s)).toEqual([
      ['North', 1n, 2n],
      ['South', 3n, null],
    ]);
  });

  it('picks a sheet by position, as a number or as digits; the first sheet by default', async () => {
    expect((await source({ path: book, sheet: 3 }).columns(signal))[0]?.name).toBe('region');
    expect((await source({ path: book, sheet: '2' }).columns(signal))[0]?.name).toBe('a');
    expect((await source({ path: book }).columns(signal))[0]?.name).toBe('id');
  });

  it('a missing sheet is an error naming the file, the sheet and the sheets there are', async () => {
    const e = await errorOf(source({ path: book, sheet: 'Invoices' }).columns(signal));
    expect(e.message).toBe(`${book} has no sheet named "Invoices"; its sheets are "Orders", "Formulas", "Merged"`);
    expect(e.file).toBe(book);
    expect(e.sheet).toBe('Invoices');
    expect((await errorOf(source({ path: book, sheet: 7 }).columns(signal))).message).toBe(
      `${book} has no sheet 7; its sheets are "Orders", "Formulas", "Merged"`,
    );
  });

  it('without a header names columns column1, column2, … and reads the first row as data', async () => {
    const s = source({ path: book, sheet: 'Merged', header: false });
    expect((await s.columns(signal)).map((c) => c.name)).toEqual(['column1', 'column2', 'column3']);
    expect((await readAll(s))[0]).toEqual(['region', 'q1', 'q2']);
  });

  it('reads a range: its first row is the header, cells outside are left out', async () => {
    const s = source({ path: book, sheet: 'Orders', range: 'B1:C3' });
    expect(await s.columns(signal)).toEqual([
      { name: 'customer', type: 'VARCHAR' },
      { name: 'amount', type: 'DOUBLE' },
    ]);
    expect(await readAll(s)).toEqual([
      ['Ana', 10.5],
      ['Bruno', 20],
    ]);
    const open = source({ path: book, sheet: 'Orders', range: 'A2:B', header: false });
    expect(await readAll(open)).toEqual([
      [1n, 'Ana'],
      [2n, 'Bruno'],
      [3n, 'Chen'],
    ]);
  });

  it('a bad range is an error naming the file and sheet', async () => {
    const e = await errorOf(source({ path: book, sheet: 'Orders', range: 'F10:A1' }).columns(signal));
    expect(e.message).toBe(
      `range "F10:A1" ends before it starts: write it top-left first, as in A1:F100 (reading sheet "Orders" of ${book})`,
    );
  });

  it('overrides column types; a value that does not fit names its cell', async () => {
    const s = source({
      path: book,
      sheet: 'Orders',
      columnTypes: [
        { column: 'ID', type: 'varchar' },
        { column: 'ordered', type: 'DATE' },
      ],
    });
    const cols = await s.columns(signal);
    expect(cols.map((c) => c.type)).toEqual(['VARCHAR', 'VARCHAR', 'DOUBLE', 'DATE', 'BOOLEAN', 'VARCHAR']);
    expect((await readAll(s)).map((r) => [r[0], r[3]])).toEqual([
      ['1', day(2024, 1, 2)],
      ['2', day(2024, 2, 3)],
      ['3', day(2024, 3, 4)],
    ]);
    const bad = source({ path: book, sheet: 'Orders', columnTypes: [{ column: 'customer', type: 'DOUBLE' }] });
    const e = await errorOf(readAll(bad));
    expect(e.message).toBe(
      `cell B2 of sheet "Orders" of ${book} holds "Ana", which is not a DOUBLE like the rest of column "customer" (inferred from its first rows); set that column's type to VARCHAR, or fix the cell`,
    );
    expect(e.cell).toBe('B2');
    const unknown = await errorOf(
      source({ path: book, sheet: 'Orders', columnTypes: [{ column: 'total', type: 'DOUBLE' }] }).columns(signal),
    );
    expect(unknown.message).toContain('a column type is set for "total", which is not a column of sheet "Orders"');
  });

  it('a value past the inferred rows that does not fit is an error, not a rounded number', async () => {
    const path = join(dir, 'late.xlsx');
    await writeBook(path, { S: [['n'], [1], [2], [2.5]] });
    const e = await errorOf(readAll(source({ path, inferRows: 2 })));
    expect(e.message).toContain('cell A4 of sheet "S"');
    expect(e.message).toContain('holds 2.5, which is not a BIGINT');
  });

  it('makes header names unique (case-insensitively) and names blank ones by position', async () => {
    const path = join(dir, 'names.xlsx');
    await writeBook(path, {
      S: [
        ['x', 'X', null, 'x'],
        [1, 2, 3, 4],
      ],
    });
    expect((await source({ path }).columns(signal)).map((c) => c.name)).toEqual(['x', 'X_2', 'column3', 'x_3']);
  });

  it('a cell right of the columns seen in the first rows is an error suggesting a range', async () => {
    const path = join(dir, 'stray.xlsx');
    await writeBook(path, {
      S: [
        ['a', 'b'],
        [1, 2],
        [3, 4, 'note'],
      ],
    });
    const e = await errorOf(readAll(source({ path, inferRows: 1 })));
    expect(e.message).toBe(
      `cell C3 of sheet "S" of ${path} has a value outside the columns found in the header and first rows (A:B); set the range to A:C to read it, or to A:B to leave it out`,
    );
    expect(await readAll(source({ path, inferRows: 1, range: 'A:B' }))).toEqual([
      [1n, 2n],
      [3n, 4n],
    ]);
  });

  it('an empty sheet is an error; a header without rows gives columns and no rows', async () => {
    const path = join(dir, 'empty.xlsx');
    await writeBook(path, { Blank: [], HeaderOnly: [['a', 'b']] });
    expect((await errorOf(source({ path, sheet: 'Blank' }).columns(signal))).message).toBe(
      `sheet "Blank" of ${path} is empty`,
    );
    const h = source({ path, sheet: 'HeaderOnly' });
    expect(await h.columns(signal)).toEqual([
      { name: 'a', type: 'VARCHAR' },
      { name: 'b', type: 'VARCHAR' },
    ]);
    expect(await readAll(h)).toEqual([]);
  });

  it('a file that is not an .xlsx workbook is an error naming it', async () => {
    const text = join(dir, 'notes.xlsx');
    writeFileSync(text, 'id,name\n1,a\n');
    expect((await errorOf(source({ path: text }).columns(signal))).message).toMatch(
      new RegExp(`^${text} is not an Excel .xlsx workbook \\(not a zip archive`),
    );
    const legacy = join(dir, 'old.xlsx');
    writeFileSync(
      legacy,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
    );
    expect((await errorOf(source({ path: legacy }).columns(signal))).message).toBe(
      `${legacy} is a legacy .xls workbook or a password-protected one; Duto reads .xlsx: save it as .xlsx without a password`,
    );
    const missing = join(dir, 'nowhere.xlsx');
    expect((await errorOf(source({ path: missing }).columns(signal))).message).toBe(`file not found: ${missing}`);
  });

  it('a zip archive that is not a workbook is an error naming it', async () => {
    // An .xlsx with its workbook part renamed is still a valid zip.
    const path = join(dir, 'renamed.xlsx');
    await writeBook(path, { S: [['a'], [1]] });
    const bytes = readFileSync(path);
    const renamed = Buffer.from(bytes.toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbook.xmm'), 'latin1');
    writeFileSync(path, renamed);
    expect((await errorOf(source({ path }).columns(signal))).message).toBe(
      `${path} is a zip archive but not an Excel .xlsx workbook (it has no xl/workbook.xml)`,
    );
  });

  it('keeps characters whole across the chunks a big sheet is inflated in', async () => {
    // Inline strings put the accented and CJK text in the sheet part itself, where chunks split it.
    const path = join(dir, 'inline.xlsx');
    await writeBigBook(path, 20_000, 'Data', false);
    const rows = await readAll(source({ path }));
    expect(rows).toHaveLength(20_000);
    const garbled = rows.filter((r, i) => r[1] !== `café ü 日本 ${(i + 1) % 97}`);
    expect(garbled).toEqual([]);
  });
});

describe('ExcelSource on a big sheet', () => {
  let dir: string;
  let big: string;
  beforeAll(async () => {
    dir = freshDir('duto-excel-big-');
    mkdirSync(dir, { recursive: true });
    big = join(dir, 'big.xlsx');
    await writeBigBook(big, 60_000);
  });

  it('a limit stops reading early: a preview succeeds on a file damaged past its first rows', async () => {
    const damaged = join(dir, 'damaged.xlsx');
    writeFileSync(damaged, readFileSync(big));
    // Garble the deflated sheet data two-thirds in: reading it all must fail there.
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x55), 0, 4096, Math.floor(statSync(damaged).size * 0.66));
    closeSync(fd);

    const preview = source({ path: damaged });
    expect((await preview.columns(signal)).map((c) => c.type)).toEqual([
      'BIGINT',
      'VARCHAR',
      'DOUBLE',
      'TIMESTAMP',
      'BOOLEAN',
    ]);
    const first = await readAll(preview, 100);
    expect(first).toHaveLength(100);
    expect(first[99]).toEqual([100n, `café ü 日本 ${100 % 97}`, 100.25, day(2024, 1, 1 + 100), true]);

    const e = await errorOf(readAll(source({ path: damaged })));
    expect(e.message).toMatch(new RegExp(`^sheet "Data" of ${damaged} is damaged: `));
  });

  it('reads every row of the intact file, in batches', async () => {
    const s = source({ path: big });
    let rows = 0;
    let batches = 0;
    let last: unknown;
    for await (const batch of s.rows({ signal })) {
      batches++;
      rows += batch.length;
      last = batch[batch.length - 1];
    }
    expect(rows).toBe(60_000);
    expect(batches).toBeGreaterThan(1);
    expect(last).toEqual([60_000n, `café ü 日本 ${60_000 % 97}`, 60_000.25, day(2024, 1, 1 + (60_000 % 366)), true]);
  });

  it('aborting ends the stream promptly', async () => {
    const ac = new AbortController();
    const s = source({ path: big });
    let rows = 0;
    const read = (async () => {
      for await (const batch of s.rows({ signal: ac.signal })) {
        rows += batch.length;
        if (rows >= 4096) ac.abort();
      }
    })();
    await expect(read).rejects.toThrow(/aborted/i);
    expect(rows).toBe(4096);
  });
});

describe('ExcelSource memory', () => {
  it('reads a 200,000-row sheet in bounded memory', async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const cacheDir = resolve(here, '../../../../node_modules/.cache/duto-excel-test');
    mkdirSync(cacheDir, { recursive: true });
    const child = join(cacheDir, 'read-all-child.mjs');
    await build({
      entryPoints: [join(here, 'test-fixtures/read-all-child.ts')],
      outfile: child,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['exceljs', 'exceljs/*', 'yauzl'],
      logLevel: 'warning',
    });
    const path = join(freshDir('duto-excel-mem-'), 'big.xlsx');
    await writeBigBook(path, 200_000);
    // A 64 MB heap: holding the rows read (or the sheet's 45 MB of XML) runs out of it.
    const r = spawnSync(process.execPath, ['--max-old-space-size=64', child, path], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout) as { rows: number; baseRss: number; peakRss: number };
    expect(m.rows).toBe(200_000);
    expect(m.peakRss - m.baseRss).toBeLessThan(128 * 1024 * 1024);
  });
});
