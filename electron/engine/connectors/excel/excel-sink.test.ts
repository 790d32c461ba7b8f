import ExcelJS from 'exceljs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../../../shared/catalog/node-type';
import type { RowBatch } from '../../external/types';
import { freshDir, tempEntries } from '../../test-support';
import { ExcelError } from './excel-error';
import { ExcelSink } from './excel-sink';
import { ExcelSource } from './excel-source';
import { readAll } from './test-workbooks';

const signal = new AbortController().signal;

async function* batches(...bs: RowBatch[]): AsyncIterable<RowBatch> {
  for (const b of bs) yield b;
}

const columns: Column[] = [
  { name: 'id', type: 'BIGINT' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'amount', type: 'DOUBLE' },
  { name: 'paid', type: 'BOOLEAN' },
  { name: 'day', type: 'DATE' },
  { name: 'at', type: 'TIMESTAMP' },
];
const day = (y: number, m: number, d: number, h = 0, mi = 0): Date => new Date(Date.UTC(y, m - 1, d, h, mi));

async function readBack(path: string, sheet?: string): Promise<RowBatch> {
  const source = new ExcelSource({ path, ...(sheet === undefined ? {} : { sheet }) });
  try {
    return await readAll(source);
  } finally {
    await source.close();
  }
}

describe('ExcelSink', () => {
  it('writes a header row and typed cells, dates shown as dates', async () => {
    const path = join(freshDir('duto-xlsx-out-'), 'out.xlsx');
    const result = await new ExcelSink({ path, sheet: 'Orders' }).write(
      columns,
      batches(
        [[1n, 'Ana', 10.5, true, day(2024, 1, 2), day(2024, 1, 2, 9, 30)]],
        [[2n, null, -3, false, null, day(2024, 12, 31, 23, 59)]],
      ),
      signal,
    );
    expect(result).toEqual({ rows: 2 });
    expect(tempEntries(join(path, '..'))).toEqual([]);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.getWorksheet('Orders');
    expect(sheet?.getRow(1).values).toEqual([undefined, 'id', 'name', 'amount', 'paid', 'day', 'at']);
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.getCell('E2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet?.getCell('F2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(sheet?.getCell('A2').value).toBe(1);

    // Read back through the source: the same types and values.
    expect(await readBack(path)).toEqual([
      [1n, 'Ana', 10.5, true, day(2024, 1, 2), day(2024, 1, 2, 9, 30)],
      [2n, null, -3, false, null, day(2024, 12, 31, 23, 59)],
    ]);
  });

  it('writes the text DuckDB gives for dates, times, timestamps and decimals as dates and numbers', async () => {
    const path = join(freshDir('duto-xlsx-out-'), 'typed.xlsx');
    const cols: Column[] = [
      { name: 'd', type: 'DATE' },
      { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' },
      { name: 't', type: 'TIME' },
      { name: 'amount', type: 'DECIMAL(10,2)' },
    ];
    await new ExcelSink({ path }).write(
      cols,
      batches([['2024-03-01', '2024-03-01 10:15:00.000000+00', '06:00:00', '12.50']]),
      signal,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const row = book.worksheets[0]?.getRow(2);
    // A time is a fraction of a day, which Excel (and exceljs) shows on day 0, 1899-12-30.
    expect([row?.getCell(1).value, row?.getCell(2).value, row?.getCell(3).value, row?.getCell(4).value]).toEqual([
      day(2024, 3, 1),
      day(2024, 3, 1, 10, 15),
      new Date(Date.UTC(1899, 11, 30, 6)),
      12.5,
    ]);
    expect([row?.getCell(1).numFmt, row?.getCell(2).numFmt, row?.getCell(3).numFmt]).toEqual([
      'yyyy-mm-dd',
      'yyyy-mm-dd hh:mm:ss',
      'hh:mm:ss',
    ]);
  });

  it('keeps what a number cell would lose as text: big integers, NaN, bytes', async () => {
    const path = join(freshDir('duto-xlsx-out-'), 'edge.xlsx');
    const cols: Column[] = [
      { name: 'big', type: 'HUGEINT' },
      { name: 'x', type: 'DOUBLE' },
      { name: 'b', type: 'BLOB' },
    ];
    await new ExcelSink({ path }).write(
      cols,
      batches([[12345678901234567890n, Number.NaN, new Uint8Array([0, 255, 16])]]),
      signal,
    );
    expect(await readBack(path)).toEqual([['12345678901234567890', 'NaN', '00ff10']]);
  });

  it('writes several inputs as sheets of one workbook; no header when asked', async () => {
    const path = join(freshDir('duto-xlsx-out-'), 'two.xlsx');
    const sink = new ExcelSink({ path, header: false });
    const r = await sink.writeSheets(
      [
        { name: 'first', columns: [{ name: 'a', type: 'BIGINT' }], batches: batches([[1n], [2n]]) },
        { name: 'second', columns: [{ name: 'b', type: 'VARCHAR' }], batches: batches([['x']]) },
      ],
      signal,
    );
    expect(r).toEqual({ rows: 3 });
    const source = new ExcelSource({ path, sheet: 'second', header: false });
    expect(await readAll(source)).toEqual([['x']]);
    await source.close();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.worksheets.map((w) => w.name)).toEqual(['first', 'second']);
    expect(book.getWorksheet('first')?.getCell('A1').value).toBe(1);
  });

  it('a failed write leaves the previous file as it was, and no temporary file', async () => {
    const dir = freshDir('duto-xlsx-out-');
    const path = join(dir, 'out.xlsx');
    writeFileSync(path, 'previous output');
    async function* failing(): AsyncIterable<RowBatch> {
      yield [[1n, 'a', 1, true, null, null]];
      throw new Error('the upstream query failed');
    }
    await expect(new ExcelSink({ path }).write(columns, failing(), signal)).rejects.toThrow(
      'the upstream query failed',
    );
    expect(readFileSync(path, 'utf8')).toBe('previous output');
    expect(tempEntries(dir)).toEqual([]);
  });

  it('a cancelled write leaves the previous file as it was', async () => {
    const dir = freshDir('duto-xlsx-out-');
    const path = join(dir, 'out.xlsx');
    writeFileSync(path, 'previous output');
    const ac = new AbortController();
    async function* endless(): AsyncIterable<RowBatch> {
      for (let i = 0; ; i++) {
        if (i === 5) ac.abort();
        yield [[BigInt(i), 'row', i, true, null, null]];
      }
    }
    await expect(new ExcelSink({ path }).write(columns, endless(), ac.signal)).rejects.toThrow(/aborted/i);
    expect(readFileSync(path, 'utf8')).toBe('previous output');
    expect(tempEntries(dir)).toEqual([]);
  });

  it('refuses what Excel cannot hold, naming the file, sheet and cell', async () => {
    const dir = freshDir('duto-xlsx-out-');
    const path = join(dir, 'out.xlsx');
    const long = 'x'.repeat(40_000);
    const e = await new ExcelSink({ path, sheet: 'S' })
      .write([{ name: 'text', type: 'VARCHAR' }], batches([['ok'], [long]]), signal)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExcelError);
    expect((e as ExcelError).message).toBe(
      `cell A3 of sheet "S" of ${path} would hold 40000 characters of column "text"; an Excel cell holds at most 32767`,
    );
    expect(existsSync(path)).toBe(false);
    expect(tempEntries(dir)).toEqual([]);

    await expect(new ExcelSink({ path, sheet: 'a/b' }).write(columns, batches(), signal)).rejects.toThrow(
      `sheet name "a/b" contains one of : \\ / ? * [ ], which Excel does not allow (writing ${path})`,
    );
    await expect(new ExcelSink({ path, sheet: 'x'.repeat(32) }).write(columns, batches(), signal)).rejects.toThrow(
      "is longer than Excel's 31 characters",
    );
    await expect(
      new ExcelSink({ path }).writeSheets(
        [
          { name: 'Data', columns, batches: batches() },
          { name: 'DATA', columns, batches: batches() },
        ],
        signal,
      ),
    ).rejects.toThrow(`two sheets of ${path} would be named "DATA" (Excel ignores case)`);
  });

  it('set to fail, refuses to replace an existing file, before the run and at write time', async () => {
    const dir = freshDir('duto-xlsx-out-');
    const path = join(dir, 'out.xlsx');
    writeFileSync(path, 'previous output');
    await expect(new ExcelSink({ path, ifExists: 'fail' }).check(columns)).rejects.toThrow(`${path} already exists`);
    await expect(new ExcelSink({ path, sheet: 'a?' }).check(columns)).rejects.toThrow(
      'sheet name "a?" contains one of',
    );
    await new ExcelSink({ path }).check(columns);
    await expect(new ExcelSink({ path, ifExists: 'fail' }).write(columns, batches(), signal)).rejects.toThrow(
      `${path} already exists, and this sink is set to fail rather than replace it`,
    );
    expect(readFileSync(path, 'utf8')).toBe('previous output');
  });

  it('replaces an existing file, sweeping what a killed write left beside it', async () => {
    const dir = freshDir('duto-xlsx-out-');
    const path = join(dir, 'out.xlsx');
    writeFileSync(path, 'previous output');
    // A temporary file of a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max).
    writeFileSync(join(dir, '.duto-tmp-4194305-abc123-new-out.xlsx'), 'half a workbook');
    await new ExcelSink({ path }).write([{ name: 'n', type: 'INTEGER' }], batches([[7]]), signal);
    expect(await readBack(path)).toEqual([[7n]]);
    expect(tempEntries(dir)).toEqual([]);
  });
});
