import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir, sessionOpener } from '../../test-support';
import { doc } from '../test-databases';

/*
 * sink.excel with several inputs, run by the engine: one workbook, a sheet
 * per input named after its input node.
 */

const open = sessionOpener();

function csvs(dir: string): void {
  writeFileSync(join(dir, 'orders.csv'), 'id,amount\n1,10.5\n2,20\n3,7.25\n');
  writeFileSync(join(dir, 'customers.csv'), 'name,country\nAna,PT\nBo,SE\n');
}

describe('sink.excel with several inputs', () => {
  it('writes a sheet per input, named after the input node, with its own columns and rows', async () => {
    const dir = freshDir('duto-xlsx-multi-');
    csvs(dir);
    const s = await open(
      doc(
        { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
        { id: 'customers', type: 'source.csv', params: { path: 'customers.csv' } },
        { id: 'out', type: 'sink.excel', inputs: { in: ['orders', 'customers'] }, params: { path: 'report.xlsx' } },
      ),
      dir,
    );
    const r = await s.run();
    expect(r.diagnostics).toEqual([]);
    expect(r.outputs).toEqual([
      { nodeId: 'out', path: `${join(dir, 'report.xlsx')}: sheets orders, customers`, rows: 5 },
    ]);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'report.xlsx'));
    expect(book.worksheets.map((w) => w.name)).toEqual(['orders', 'customers']);
    expect(book.getWorksheet('orders')?.getSheetValues().slice(1)).toEqual([
      [undefined, 'id', 'amount'],
      [undefined, 1, 10.5],
      [undefined, 2, 20],
      [undefined, 3, 7.25],
    ]);
    expect(book.getWorksheet('customers')?.getSheetValues().slice(1)).toEqual([
      [undefined, 'name', 'country'],
      [undefined, 'Ana', 'PT'],
      [undefined, 'Bo', 'SE'],
    ]);
  });

  it('refuses two inputs that would share a sheet name, and a sheet name given with several inputs, naming the node and param', async () => {
    const dir = freshDir('duto-xlsx-multi-bad-');
    csvs(dir);
    const long = 'quarterly_orders_for_the_region_';
    const s = await open(
      doc(
        { id: `${long}north`, type: 'source.csv', params: { path: 'orders.csv' } },
        { id: `${long}south`, type: 'source.csv', params: { path: 'orders.csv' } },
        {
          id: 'out',
          type: 'sink.excel',
          inputs: { in: [`${long}north`, `${long}south`] },
          params: { path: 'report.xlsx' },
        },
      ),
      dir,
    );
    const v = await s.validate();
    expect(v.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        nodeId: 'out',
        param: 'sheet',
        message: expect.stringContaining(
          `inputs ${long}north and ${long}south would both be written to sheet "${long.slice(0, 31)}"`,
        ),
      }),
    ]);

    const named = await open(
      doc(
        { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
        { id: 'customers', type: 'source.csv', params: { path: 'customers.csv' } },
        {
          id: 'out',
          type: 'sink.excel',
          inputs: { in: ['orders', 'customers'] },
          params: { path: 'report.xlsx', sheet: 'Summary' },
        },
      ),
      dir,
    );
    expect((await named.validate()).diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        nodeId: 'out',
        param: 'sheet',
        message: expect.stringContaining('2 inputs are connected'),
      }),
    ]);
  });
});
