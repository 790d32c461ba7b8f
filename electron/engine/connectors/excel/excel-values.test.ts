import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDir } from '../../test-support';
import { ExcelSource } from './excel-source';
import type { ExcelReadOptions } from './sheet-layout';
import type { SourceWarning } from '../../external/types';
import { renderMessage } from '../../../../shared/messages/diagnostic-messages';
import { writeZip, workbookParts } from './test-packages';
import { readAll, writeBook } from './test-workbooks';

/*
 * Cells read exactly as the file holds them: cached formula results of 0,
 * FALSE and "" are values; t="b" is BOOLEAN; error cells are NULL but
 * reported with their addresses; text stays text, numbers stay numbers.
 */

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

function book(name: string, sheet: string, options: Parameters<typeof workbookParts>[1] = {}): string {
  const path = join(freshDir('duto-excel-values-'), name);
  writeZip(path, workbookParts(sheet, options));
  return path;
}

const header = (...names: string[]): string =>
  `<row r="1">${names.map((n, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${n}</t></is></c>`).join('')}</row>`;

describe('Excel cells read exactly', () => {
  it('cached formula results of 0, FALSE and "" are values, not NULL; 1 and TRUE too', async () => {
    const path = book(
      'formulas.xlsx',
      header('n', 'flag', 'text') +
        '<row r="2"><c r="A2"><f>1-1</f><v>0</v></c><c r="B2" t="b"><f>1=2</f><v>0</v></c><c r="C2" t="str"><f>""</f><v></v></c></row>' +
        '<row r="3"><c r="A3"><f>2-1</f><v>1</v></c><c r="B3" t="b"><f>1=1</f><v>1</v></c><c r="C3" t="str"><f>"x"</f><v>x</v></c></row>',
    );
    const s = source({ path });
    expect(await s.columns(signal)).toEqual([
      { name: 'n', type: 'BIGINT' },
      { name: 'flag', type: 'BOOLEAN' },
      { name: 'text', type: 'VARCHAR' },
    ]);
    expect(await readAll(s)).toEqual([
      [0n, false, ''],
      [1n, true, 'x'],
    ]);
  });

  it('the same through exceljs: formulas with results 0, false and "" as Excel would cache them', async () => {
    const path = join(freshDir('duto-excel-values-'), 'exceljs.xlsx');
    await writeBook(path, {
      S: [
        ['zero', 'no', 'blank', 'one'],
        [
          { formula: 'A1-A1', result: 0 },
          { formula: '1=2', result: false },
          { formula: '""', result: '' },
          { formula: '1', result: 1 },
        ],
      ],
    });
    expect(await readAll(source({ path }))).toEqual([[0n, false, '', 1n]]);
  });

  it('t="b" constants are BOOLEAN; a boolean column does not become numbers', async () => {
    const path = book(
      'bools.xlsx',
      header('b') + '<row r="2"><c r="A2" t="b"><v>1</v></c></row><row r="3"><c r="A3" t="b"><v>0</v></c></row>',
    );
    const s = source({ path });
    expect(await s.columns(signal)).toEqual([{ name: 'b', type: 'BOOLEAN' }]);
    expect(await readAll(s)).toEqual([[true], [false]]);
  });

  it('reads shared strings, inline strings with rich runs, formula text, entities and _xHHHH_ escapes; phonetic runs are not text', async () => {
    const path = book(
      'text.xlsx',
      header('s') +
        '<row r="2"><c r="A2" t="s"><v>0</v></c></row>' +
        '<row r="3"><c r="A3" t="s"><v>1</v></c></row>' +
        '<row r="4"><c r="A4" t="inlineStr"><is><r><t>in</t></r><r><rPr><b/></rPr><t xml:space="preserve">line </t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></is></c></row>' +
        '<row r="5"><c r="A5" t="str"><f>A2&amp;"!"</f><v>a &lt;b&gt; &amp; &#233;&#x1F600;!</v></c></row>' +
        '<row r="6"><c r="A6" t="s"><v>2</v></c></row>',
      {
        strings: [
          '<t>plain</t>',
          '<r><t>ri</t></r><r><rPr><i/></rPr><t>ch</t></r><rPh><t>no</t></rPh>',
          '<t>two_x000D_\nlines _x005F_x0041_</t>',
        ],
      },
    );
    expect(await readAll(source({ path }))).toEqual([
      ['plain'],
      ['rich'],
      ['inline '],
      ['a <b> & é😀!'],
      ['two\r\nlines _x0041_'],
    ]);
  });

  it('numbers as written: exponents, negatives, a date format turns serials into dates, t="d" holds ISO dates', async () => {
    const path = book(
      'numbers.xlsx',
      header('n', 'when', 'iso') +
        '<row r="2"><c r="A2"><v>1.5E-3</v></c><c r="B2" s="1"><v>45292.5</v></c><c r="C2" t="d"><v>2024-03-01T10:30:00</v></c></row>' +
        '<row r="3"><c r="A3"><v>-42</v></c><c r="B3" s="2"><v>45293</v></c><c r="C3" t="d"><v>2024-03-02</v></c></row>',
      { styles: [0, 'dd/mm/yyyy hh:mm', 14] },
    );
    const s = source({ path });
    expect((await s.columns(signal)).map((c) => c.type)).toEqual(['DOUBLE', 'TIMESTAMP', 'TIMESTAMP']);
    expect(await readAll(s)).toEqual([
      [0.0015, new Date(Date.UTC(2024, 0, 1, 12)), new Date(Date.UTC(2024, 2, 1, 10, 30))],
      [-42, new Date(Date.UTC(2024, 0, 2)), new Date(Date.UTC(2024, 2, 2))],
    ]);
  });

  it('dates of the 1904 system', async () => {
    const path = book('mac.xlsx', header('d') + '<row r="2"><c r="A2" s="1"><v>43830</v></c></row>', {
      styles: [0, 14],
      date1904: true,
    });
    expect(await readAll(source({ path }))).toEqual([[new Date(Date.UTC(2024, 0, 1))]]);
  });

  it('cells and rows without an address follow the previous ones', async () => {
    const path = book(
      'unaddressed.xlsx',
      '<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row><row><c><v>1</v></c><c><v>2</v></c></row><row><c r="B3"><v>4</v></c></row>',
    );
    expect(await readAll(source({ path }))).toEqual([
      [1n, 2n],
      [null, 4n],
    ]);
  });

  it('prefixed elements (x:c) read like plain ones', async () => {
    const sheet =
      '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>v</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    const path = book('prefixed.xlsx', '', { extra: { 'xl/worksheets/sheet1.xml': sheet } });
    expect(await readAll(source({ path }))).toEqual([[7n]]);
  });

  it('rows of only empty strings are blank and skipped; in a row with data an empty string is kept as text', async () => {
    const path = book(
      'blanks.xlsx',
      header('a', 'b') +
        '<row r="2"><c r="A2" t="str"><f>""</f><v></v></c><c r="B2"><v>1</v></c></row>' +
        '<row r="3"><c r="A3" t="str"><f>""</f><v></v></c><c r="B3" t="str"><f>""</f><v></v></c></row>' +
        '<row r="4"><c r="A4" t="inlineStr"><is><t>x</t></is></c><c r="B4" t="str"><f>""</f><v></v></c></row>',
    );
    const s = source({ path });
    // "" tells nothing about a type: b stays a number column, where "" is NULL.
    expect(await s.columns(signal)).toEqual([
      { name: 'a', type: 'VARCHAR' },
      { name: 'b', type: 'BIGINT' },
    ]);
    expect(await readAll(s)).toEqual([
      ['', 1n],
      ['x', null],
    ]);
  });
});

/** A source warning's text in Portuguese, from its template. */
function inPortuguese(w: SourceWarning | undefined): string | undefined {
  return w && renderMessage(w.said.key, w.said.args, 'pt-BR');
}

describe('Excel error cells', () => {
  const errors = ['#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!'];
  const errorRow = (r: number): string =>
    `<row r="${String(r)}">${errors.map((e, i) => `<c r="${String.fromCharCode(65 + i)}${String(r)}" t="e"><f>X()</f><v>${e}</v></c>`).join('')}</row>`;

  it('are NULL in their column, keep their row (even one of only errors), and are reported with their addresses and count', async () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const path = book(
      'errors.xlsx',
      header(...names) +
        `<row r="2">${names.map((_, i) => `<c r="${String.fromCharCode(65 + i)}2"><v>${String(i)}</v></c>`).join('')}</row>` +
        errorRow(3) +
        errorRow(4),
    );
    const s = source({ path });
    expect((await s.columns(signal)).map((c) => c.type)).toEqual(Array(7).fill('BIGINT'));
    // At design time: what the rows read to infer types hold.
    expect(s.warnings()).toEqual([
      {
        code: 'excel.error-cells',
        param: 'path',
        file: path,
        message: `sheet "Data" of ${path} has 14 error cells in the rows read to infer types, read as NULL: A3 (#N/A), B3 (#DIV/0!), C3 (#VALUE!), D3 (#REF!), E3 (#NAME?), and 9 more`,
        said: {
          key: 'excel.error-cells/many-sample-more',
          args: {
            file: path,
            sheet: 'Data',
            cells: 'A3 (#N/A), B3 (#DIV/0!), C3 (#VALUE!), D3 (#REF!), E3 (#NAME?)',
            count: 14,
            more: 9,
          },
        },
      },
    ]);
    expect(await readAll(s)).toEqual([[0n, 1n, 2n, 3n, 4n, 5n, 6n], Array(7).fill(null), Array(7).fill(null)]);
    expect(s.warnings()[0]?.message).toBe(
      `sheet "Data" of ${path} has 14 error cells, read as NULL: A3 (#N/A), B3 (#DIV/0!), C3 (#VALUE!), D3 (#REF!), E3 (#NAME?), and 9 more`,
    );
    const report = s.report();
    expect(report?.scope).toBe('all');
    expect(report?.rejectedCount).toBe(14);
    expect(report?.rejected[6]).toEqual({
      file: path,
      sheet: 'Data',
      cell: 'G3',
      column: 'g',
      raw: '#NULL!',
      reason: 'error-value',
    });
    expect(report?.rejected.map((c) => c.cell)).toEqual([
      ...names.map((_, i) => `${String.fromCharCode(65 + i)}3`),
      ...names.map((_, i) => `${String.fromCharCode(65 + i)}4`),
    ]);
  });

  it('count exactly past the cells kept, and a limited read says which rows it looked at', async () => {
    const rows = Array.from(
      { length: 1200 },
      (_, i) =>
        `<row r="${String(i + 2)}"><c r="A${String(i + 2)}"><v>${String(i)}</v></c><c r="B${String(i + 2)}" t="e"><v>#N/A</v></c></row>`,
    ).join('');
    const path = book('many.xlsx', header('n', 'e') + rows);
    const s = source({ path, inferRows: 10 });
    await s.columns(signal);
    expect(s.report()).toMatchObject({ scope: 'sample', rows: 11, rejectedCount: 10 });
    expect(await readAll(s, 3)).toHaveLength(3);
    expect(s.warnings()[0]?.message).toBe(
      `sheet "Data" of ${path} has 3 error cells in the first 3 rows, read as NULL: B2 (#N/A), B3 (#N/A), B4 (#N/A)`,
    );
    expect(inPortuguese(s.warnings()[0])).toBe(
      `a aba "Data" de ${path} tem 3 células com erro nas primeiras 3 linhas, lidas como NULL: B2 (#N/A), B3 (#N/A), B4 (#N/A)`,
    );
    expect(await readAll(s, 1)).toHaveLength(1);
    expect(inPortuguese(s.warnings()[0])).toBe(
      `a aba "Data" de ${path} tem uma célula com erro nas primeiras 1 linhas, lida como NULL: B2 (#N/A)`,
    );
    expect(await readAll(s)).toHaveLength(1200);
    const report = s.report();
    expect(report?.rejectedCount).toBe(1200);
    expect(report?.rejected).toHaveLength(1000);
    expect(s.warnings()[0]?.message).toMatch(/has 1,200 error cells, read as NULL: B2 \(#N\/A\), .*, and 1,195 more$/);
    expect(inPortuguese(s.warnings()[0])).toMatch(
      /tem 1\.200 células com erro, lidas como NULL: B2 \(#N\/A\), .* e mais 1\.195$/,
    );
  });

  it('an error cell does not decide a column type; one in the header leaves the column its position name', async () => {
    const path = book(
      'typed.xlsx',
      '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" t="e"><v>#REF!</v></c></row><row r="2"><c r="A2" t="e"><v>#N/A</v></c><c r="B2" t="b"><v>1</v></c></row><row r="3"><c r="A3"><v>2.5</v></c></row>',
    );
    const s = source({ path });
    expect(await s.columns(signal)).toEqual([
      { name: 'x', type: 'DOUBLE' },
      { name: 'column2', type: 'BOOLEAN' },
    ]);
    expect(s.report()?.rejected.map((c) => [c.cell, c.column, c.raw])).toEqual([
      ['B1', 'column2', '#REF!'],
      ['A2', 'x', '#N/A'],
    ]);
    expect(await readAll(s)).toEqual([
      [null, true],
      [2.5, null],
    ]);
  });
});

describe('Excel typing keeps values', () => {
  it('text of digits stays text (leading zeros, long IDs, CPF, CEP); numbers stay numbers; a mixed column is text written as Excel shows numbers', async () => {
    const path = book(
      'ids.xlsx',
      header('cep', 'cpf', 'id', 'qty', 'mixed') +
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2"><v>1</v></c><c r="E2"><v>1</v></c></row>' +
        '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>4</v></c><c r="C3" t="s"><v>5</v></c><c r="D3"><v>20</v></c><c r="E3" t="s"><v>6</v></c></row>' +
        '<row r="4"><c r="E4"><v>2.5</v></c></row><row r="5"><c r="E5"><v>1E+21</v></c></row><row r="6"><c r="E6"><v>0.30000000000000004</v></c></row>',
      {
        strings: [
          '<t>01310-100</t>',
          '<t>012.345.678-90</t>',
          '<t>00012345678901234567</t>',
          '<t>04538133</t>',
          '<t>01234567890</t>',
          '<t>12345678901234567890</t>',
          '<t>n/a</t>',
        ],
      },
    );
    const s = source({ path });
    expect(await s.columns(signal)).toEqual([
      { name: 'cep', type: 'VARCHAR' },
      { name: 'cpf', type: 'VARCHAR' },
      { name: 'id', type: 'VARCHAR' },
      { name: 'qty', type: 'BIGINT' },
      { name: 'mixed', type: 'VARCHAR' },
    ]);
    expect(await readAll(s)).toEqual([
      ['01310-100', '012.345.678-90', '00012345678901234567', 1n, '1'],
      ['04538133', '01234567890', '12345678901234567890', 20n, 'n/a'],
      [null, null, null, null, '2.5'],
      [null, null, null, null, '1e+21'],
      [null, null, null, null, '0.30000000000000004'],
    ]);
  });
});
