import { describe, expect, it } from 'vitest';
import { columnLetters, columnNumber, parseRange } from './excel-range';

describe('cell ranges', () => {
  it('converts column letters both ways', () => {
    expect([1, 26, 27, 52, 703, 16_384].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA', 'XFD']);
    expect(['A', 'z', 'AA', 'XFD'].map(columnNumber)).toEqual([1, 26, 27, 16_384]);
  });

  it('parses A1:F100, A:F, B3:F and absolute references', () => {
    expect(parseRange('A1:F100')).toEqual({ firstColumn: 1, lastColumn: 6, firstRow: 1, lastRow: 100 });
    expect(parseRange('a:f')).toEqual({ firstColumn: 1, lastColumn: 6, firstRow: 1, lastRow: undefined });
    expect(parseRange('B3:F')).toEqual({ firstColumn: 2, lastColumn: 6, firstRow: 3, lastRow: undefined });
    expect(parseRange('$B$2:$C$9')).toEqual({ firstColumn: 2, lastColumn: 3, firstRow: 2, lastRow: 9 });
  });

  it('refuses what is not a range, or past Excel limits', () => {
    expect(() => parseRange('A1')).toThrow('"A1" is not a cell range such as A1:F100 or A:F');
    expect(() => parseRange('A1:XFE2')).toThrow('goes past column XFD');
    expect(() => parseRange('A0:B2')).toThrow('has rows outside 1 to 1048576');
    expect(() => parseRange('C1:A2')).toThrow('ends before it starts');
  });
});
