import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../../shared/format/json';
import { freshDir, pipeline, sessionOpener } from '../../test-support';
import { ExcelSource } from './excel-source';
import { readAll, writeBook } from './test-workbooks';

/*
 * Bad rows of a sheet (issue #9), like a CSV file's: a cell that does not fit
 * its column's type, or an error cell, sets its row aside on the `rejected`
 * port (quarantine), skips it (counted), or fails the run naming the cell.
 */

const open = sessionOpener();

/** `amount` is BIGINT from its first three rows; B5 is text, B6 a fraction, B7 #N/A. */
async function project(): Promise<string> {
  const dir = freshDir('duto-excel-rejects-');
  await writeBook(join(dir, 'book.xlsx'), {
    Sales: [
      ['id', 'amount', 'name'],
      [1, 10, 'Ana'],
      [2, 20, 'Bia'],
      [3, 30, 'Caio'],
      [4, 'n/a', 'Davi'],
      [5, 2.5, 'Eva'],
      [6, { error: '#N/A' }, 'Fábio'],
      [7, 70, 'Gil'],
    ],
  });
  return dir;
}

const source = (params: Record<string, JsonValue> = {}) => ({
  id: 'book',
  type: 'source.excel',
  params: { path: 'book.xlsx', inferRows: 3, ...params },
});
const good = { id: 'good', type: 'sink.csv', inputs: { in: 'book' }, params: { path: 'good.csv' } };

describe('Excel bad rows', () => {
  it('quarantine (the default): good rows flow on, bad ones come out of the rejected port with sheet, cell and reason', async () => {
    const dir = await project();
    const s = await open(
      pipeline(source(), good, {
        id: 'bad',
        type: 'sink.csv',
        inputs: { in: 'book.rejected' },
        params: { path: 'rejected.csv' },
      }),
      dir,
    );
    expect((await s.validate()).ok).toBe(true);
    expect((await s.preview('book', 10)).rows).toEqual([
      [1, 10, 'Ana'],
      [2, 20, 'Bia'],
      [3, 30, 'Caio'],
      [7, 70, 'Gil'],
    ]);
    const rej = await s.preview('book.rejected', 10);
    expect(rej.columns.map((c) => c.name)).toEqual([
      'file',
      'line',
      'column',
      'error',
      'raw_line',
      'reason',
      'sheet',
      'cell',
    ]);
    const book = join(dir, 'book.xlsx');
    expect(rej.rows).toEqual([
      [book, 5, 'amount', 'CAST', 'n/a', '"n/a" is not a BIGINT like the rest of column "amount"', 'Sales', 'B5'],
      [book, 6, 'amount', 'CAST', '2.5', '2.5 is not a BIGINT like the rest of column "amount"', 'Sales', 'B6'],
      [book, 7, 'amount', 'ERROR CELL', '#N/A', 'the cell holds the error value #N/A', 'Sales', 'B7'],
    ]);

    const r = await s.run();
    expect(r.ok).toBe(true);
    expect(r.rejected).toEqual([{ nodeId: 'book', rows: 3, policy: 'quarantine' }]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'source.rejected',
        nodeId: 'book',
        param: 'badRows',
        message: expect.stringMatching(/^3 of 7 rows set aside .*line 5 of .*book\.xlsx: "n\/a" is not a BIGINT/),
      }),
    ]);
    expect(readFileSync(join(dir, 'good.csv'), 'utf8')).toBe(
      'id,amount,name\n1,10,Ana\n2,20,Bia\n3,30,Caio\n7,70,Gil\n',
    );
    const rejected = readFileSync(join(dir, 'rejected.csv'), 'utf8').trim().split('\n');
    expect(rejected[0]).toBe('file,line,column,error,raw_line,reason,sheet,cell');
    expect(rejected.slice(1).map((l) => l.split(',').slice(-2).join('!'))).toEqual([
      'Sales!B5',
      'Sales!B6',
      'Sales!B7',
    ]);
  });

  it('skip: bad rows are left out, and counted', async () => {
    const dir = await project();
    const s = await open(pipeline(source({ badRows: 'skip' }), good), dir);
    const r = await s.run();
    expect(r.ok).toBe(true);
    expect(r.rejected).toEqual([{ nodeId: 'book', rows: 3, policy: 'skip' }]);
    expect(r.diagnostics.find((d) => d.code === 'source.rejected')?.message).toMatch(/^3 of 7 rows skipped/);
    expect(readFileSync(join(dir, 'good.csv'), 'utf8')).toBe(
      'id,amount,name\n1,10,Ana\n2,20,Bia\n3,30,Caio\n7,70,Gil\n',
    );
  });

  it('fail: the run stops at the first cell that does not fit, naming it, and writes nothing', async () => {
    const dir = await project();
    const s = await open(pipeline(source({ badRows: 'fail' }), good), dir);
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(r.rejected).toBeUndefined();
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        nodeId: 'book',
        param: 'columnTypes',
        message: expect.stringContaining('cell B5 of sheet "Sales"'),
      }),
    ]);
    expect(() => readFileSync(join(dir, 'good.csv'))).toThrow();
  });

  it('more rejected rows than maxRejected fail the run before the sink replaces its target', async () => {
    const dir = await project();
    writeFileSync(join(dir, 'good.csv'), 'previous\n');
    const s = await open(pipeline(source({ maxRejected: 1 }), good), dir);
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'source.rejected',
        nodeId: 'book',
        param: 'maxRejected',
        message: expect.stringContaining('more than the 1 allowed'),
      }),
    );
    expect(readFileSync(join(dir, 'good.csv'), 'utf8')).toBe('previous\n');
  });
});

describe('ExcelSource with badRows', () => {
  it('sets aside one row per sheet row, for its first bad cell; a row of only an error is set aside, not dropped as blank', async () => {
    const dir = freshDir('duto-excel-rejects-source-');
    const path = join(dir, 'book.xlsx');
    await writeBook(path, {
      Data: [
        ['n', 'd'],
        [1, 1.5],
        [2, 2.5],
        ['x', 'y'],
        [{ error: '#REF!' }, null],
        [3, 3.5],
      ],
    });
    const s = new ExcelSource({
      path,
      inferRows: 2,
      badRows: 'quarantine',
      columnTypes: [{ column: 'd', type: 'DOUBLE' }],
    });
    await s.columns(new AbortController().signal);
    expect(await readAll(s)).toEqual([
      [1n, 1.5],
      [2n, 2.5],
      [3n, 3.5],
    ]);
    expect(s.takeRejected()).toEqual([
      [path, 4, 'n', 'CAST', 'x', '"x" is not a BIGINT like the rest of column "n"', 'Data', 'A4'],
      [path, 5, 'n', 'ERROR CELL', '#REF!', 'the cell holds the error value #REF!', 'Data', 'A5'],
    ]);
    // Taken once; a limited read sets aside only what it met.
    expect(s.takeRejected()).toEqual([]);
    expect(await readAll(s, 2)).toHaveLength(2);
    expect(s.takeRejected()).toEqual([]);
    expect(s.report()).toMatchObject({ scope: 'first-rows', rows: 2, rejectedRows: 0, rejectedCount: 0 });
    expect(s.warnings()).toEqual([]);
  });
});
