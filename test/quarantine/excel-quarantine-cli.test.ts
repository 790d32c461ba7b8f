import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duto, hasNoStack, requireBuiltCli, tmp } from '../support';

/**
 * An Excel source's bad rows end to end through the built CLI (issue #9):
 * at a new node's defaults, the rows whose cells fit reach their sink, the
 * others (a text in a number column, an #N/A) reach a CSV sink of their own
 * with their sheet and cell, and the count is in the run's --json and its
 * human summary.
 */

async function project(): Promise<{ dir: string; file: string }> {
  const dir = tmp('excel-quarantine');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Orders');
  for (const row of [
    ['id', 'amount'],
    [1, 10.5],
    [2, 7],
    [3, 'ten'],
    [4, { error: '#DIV/0!' }],
    [5, 3],
  ])
    sheet.addRow(row);
  await book.xlsx.writeFile(join(dir, 'orders.xlsx'));
  const file = join(dir, 'orders.duto.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'duto.pipeline',
      version: 2,
      name: 'orders',
      nodes: [
        { id: 'orders', type: 'source.excel', params: { path: 'orders.xlsx', inferRows: 2 } },
        { id: 'clean', type: 'sink.csv', inputs: { in: 'orders' }, params: { path: 'clean.csv' } },
        { id: 'rejects', type: 'sink.csv', inputs: { in: 'orders.rejected' }, params: { path: 'rejects.csv' } },
      ],
    }),
  );
  return { dir, file };
}

describe('Excel quarantine through the CLI', () => {
  beforeAll(requireBuiltCli);

  it('writes the good rows and the rejected ones to their own sinks, and counts them', async () => {
    const { dir, file } = await project();
    const r = duto(['run', file, '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(hasNoStack(r.stderr)).toBe(true);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      rejected: [{ nodeId: 'orders', rows: 2, policy: 'quarantine' }],
    });
    expect(readFileSync(join(dir, 'clean.csv'), 'utf8').trim().split('\n')).toEqual([
      'id,amount',
      '1,10.5',
      '2,7.0',
      '5,3.0',
    ]);
    const rejects = readFileSync(join(dir, 'rejects.csv'), 'utf8').trim().split('\n');
    expect(rejects[0]).toBe('file,line,column,error,raw_line,reason,sheet,cell');
    expect(rejects.slice(1).map((l) => l.split(',').slice(1, 5).concat(l.split(',').slice(-2)))).toEqual([
      ['4', 'amount', 'CAST', 'ten', 'Orders', 'B4'],
      // As DuckDB's CSV writer quotes it.
      ['5', 'amount', 'ERROR CELL', '"#DIV/0!"', 'Orders', 'B5'],
    ]);

    const human = duto(['run', file, '--force'], dir);
    expect(human.code, human.stderr).toBe(0);
    expect(`${human.stdout}${human.stderr}`).toMatch(/nodes done; bad rows: orders set aside 2 rows\n/);
  });
});
