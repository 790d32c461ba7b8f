import { describe, expect, it } from 'vitest';
import { editRow, gridParam, gridRows, matchingRows, moveRow, setKeep } from './column-grid';

const input = [
  { name: 'id', type: 'BIGINT' },
  { name: 'região', type: 'VARCHAR' },
  { name: 'amount', type: 'DOUBLE' },
];

describe('column grid', () => {
  it('lists the listed rows first, then every other input column as the others rule says', () => {
    const rows = gridRows(
      [
        { column: 'amount', rename: 'total' },
        { column: 'gone', keep: false },
      ],
      input,
      false,
    );
    expect(rows.map((r) => [r.column, r.keep, r.rename, r.inputType, r.missing])).toEqual([
      ['amount', true, 'total', 'DOUBLE', false],
      ['gone', false, '', undefined, true],
      ['id', false, '', 'BIGINT', false],
      ['região', false, '', 'VARCHAR', false],
    ]);
    expect(gridRows(undefined, input, true).every((r) => r.keep)).toBe(true);
    // Without a known input, a listed row is not called missing.
    expect(gridRows([{ column: 'x' }], undefined, true)).toEqual([
      { column: 'x', keep: true, rename: '', type: '', inputType: undefined, missing: false },
    ]);
  });

  it('writes every row back with only what differs from the defaults', () => {
    const rows = editRow(gridRows(undefined, input, true), 2, { rename: 'total', type: 'DECIMAL(12,2)' });
    expect(gridParam(setKeep(rows, [1], false))).toEqual([
      { column: 'id' },
      { column: 'região', keep: false },
      { column: 'amount', rename: 'total', type: 'DECIMAL(12,2)' },
    ]);
  });

  it('searches by name, new name or type, ignoring case and accents, and bulk-ticks only the matches', () => {
    const rows = editRow(gridRows(undefined, input, true), 0, { rename: 'order_id' });
    expect(matchingRows(rows, 'REGIAO')).toEqual([1]);
    expect(matchingRows(rows, 'order')).toEqual([0]);
    expect(matchingRows(rows, 'double')).toEqual([2]);
    expect(matchingRows(rows, ' ')).toEqual([0, 1, 2]);
    const none = setKeep(rows, matchingRows(rows, 'i'), false);
    expect(none.map((r) => r.keep)).toEqual([false, false, true]);
  });

  it('moves a row within the bounds', () => {
    const rows = gridRows(undefined, input, true);
    expect(moveRow(rows, 2, -1).map((r) => r.column)).toEqual(['id', 'amount', 'região']);
    expect(moveRow(rows, 0, -1).map((r) => r.column)).toEqual(['id', 'região', 'amount']);
  });
});
