import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDir, compileType } from '../../../test/compile-kit';
import { EXCEL_REJECTED_COLUMNS } from '../../external/excel';
import { sourceExcel } from './source-excel';

describe('source.excel', () => {
  it('compiles to an excel source reading the file', () => {
    expect(
      compileType(sourceExcel, {
        path: 'book.xlsx',
        sheet: ' Orders ',
        range: 'a1:f100',
        columnTypes: [{ column: 'id', type: 'VARCHAR' }],
      }),
    ).toEqual({
      externalSource: {
        kind: 'excel',
        config: {
          path: path.join(compileDir, 'book.xlsx'),
          sheet: 'Orders',
          range: 'a1:f100',
          header: true,
          inferRows: 1000,
          columnTypes: [{ column: 'id', type: 'VARCHAR' }],
          badRows: 'quarantine',
        },
        param: 'path',
        describe: `${path.join(compileDir, 'book.xlsx')}: sheet Orders, a1:f100`,
        rejected: { table: '_duto_rejected_n', columns: [...EXCEL_REJECTED_COLUMNS] },
      },
      rejects: { from: 'connector', table: '_duto_rejected_n', policy: 'quarantine', maxRows: 0, maxPercent: 0 },
      reads: [{ path: path.join(compileDir, 'book.xlsx'), kind: 'file' }],
    });
  });

  it('keeps no rejects when bad rows fail the read; skip counts them in a table without a port', () => {
    const failing = compileType(sourceExcel, { path: 'book.xlsx', badRows: 'fail' });
    expect(failing).toMatchObject({ externalSource: { config: { badRows: 'fail' } } });
    expect(failing).not.toHaveProperty('rejects');
    expect(failing).not.toHaveProperty('externalSource.rejected');
    expect(
      compileType(sourceExcel, { path: 'book.xlsx', badRows: 'skip', maxRejected: 5, maxRejectedPercent: 10 }),
    ).toMatchObject({
      rejects: { from: 'connector', policy: 'skip', maxRows: 5, maxPercent: 10 },
    });
  });

  it('reports a missing file, a bad range and an unknown type on their params', () => {
    expect(compileType(sourceExcel, { path: 'nope.xlsx', range: 'A1' })).toEqual({
      issues: [
        { param: 'path', message: `file not found: ${path.join(compileDir, 'nope.xlsx')}` },
        { param: 'range', message: '"A1" is not a cell range such as A1:F100 or A:F' },
      ],
    });
    expect(compileType(sourceExcel, { path: 'book.xlsx', columnTypes: [{ column: 'id', type: 'INTEGER' }] })).toEqual([
      {
        param: 'columnTypes.0.type',
        message: 'expected one of "VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN", "TIMESTAMP", "DATE"',
      },
    ]);
  });
});

// Read on a real workbook through an engine session: electron/engine/connectors/excel/source-excel-node.test.ts.
