import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDir, compileType, ordersInput } from '../../../test/compile-kit';
import { sinkExcel } from './sink-excel';

/* Compiles to the spec the Excel connector writes (electron/engine/connectors/excel/ writes real workbooks). */

describe('sink.excel', () => {
  it('names the sheet after its input unless told, and checks the name', () => {
    expect(compileType(sinkExcel, { path: 'out.xlsx' }, { in: [ordersInput] })).toEqual({
      externalSink: {
        kind: 'excel',
        config: { path: path.join(compileDir, 'out.xlsx'), sheet: 'orders', header: true, ifExists: 'overwrite' },
        input: '"orders"',
        param: 'path',
        describe: `${path.join(compileDir, 'out.xlsx')}: sheet orders`,
        file: path.join(compileDir, 'out.xlsx'),
      },
    });
    expect(compileType(sinkExcel, { path: 'out.xlsx', sheet: 'Q1/Q2', mode: 'fail' }, { in: [ordersInput] })).toEqual({
      issues: [
        { param: 'sheet', message: 'sheet name "Q1/Q2" contains one of : \\ / ? * [ ], which Excel does not allow' },
      ],
    });
    expect(compileType(sinkExcel, { path: 'out.xlsx' })).toEqual({
      issues: [{ message: 'input "Rows" is not connected' }],
    });
  });
});
