import { describe, expect, it } from 'vitest';
import { isDateFormat, serialToDate } from './cell-values';
import { dateText, toColumnType, TypeTally } from './column-types';
import { sheetNameProblem } from '../../../../shared/external/excel';
import { formatFor, toCell } from './sheet-cells';

describe('cell values and types', () => {
  it('recognises date formats and serial days (1900 and 1904 systems)', () => {
    expect(['yyyy-mm-dd', 'h:mm AM/PM', 'd-mmm', '[$-409]mmmm d, yyyy'].every(isDateFormat)).toBe(true);
    expect(['0.00', '#,##0', '"day"0', '[Red]0.0', 'General', undefined].some(isDateFormat)).toBe(false);
    expect(serialToDate(45_292.5, false)).toEqual(new Date(Date.UTC(2024, 0, 1, 12)));
    expect(serialToDate(43_830, true)).toEqual(new Date(Date.UTC(2024, 0, 1)));
  });

  it('infers the narrowest type holding every value', () => {
    const tally = (...vs: Array<null | number | string | boolean | Date>): string => {
      const t = new TypeTally();
      vs.forEach((v) => t.add(v));
      return t.type();
    };
    expect(tally(1, 2, null)).toBe('BIGINT');
    expect(tally(1, 2.5)).toBe('DOUBLE');
    expect(tally(2 ** 60)).toBe('DOUBLE');
    expect(tally(true, false)).toBe('BOOLEAN');
    expect(tally(new Date(0))).toBe('TIMESTAMP');
    expect(tally(1, 'a')).toBe('VARCHAR');
    expect(tally(null)).toBe('VARCHAR');
  });

  it('converts values to a column type, or says they do not fit', () => {
    expect(toColumnType(3, 'VARCHAR', false)).toBe('3');
    expect(toColumnType(new Date(Date.UTC(2024, 1, 3, 4, 5, 6)), 'VARCHAR', false)).toBe('2024-02-03 04:05:06');
    expect(toColumnType(' 42 ', 'BIGINT', false)).toBe(42n);
    expect(toColumnType('99999999999999999999', 'BIGINT', false)).toBeUndefined();
    expect(toColumnType('1e3', 'DOUBLE', false)).toBe(1000);
    expect(toColumnType(1, 'BOOLEAN', false)).toBe(true);
    expect(toColumnType('TRUE', 'BOOLEAN', false)).toBe(true);
    expect(toColumnType('2024-02-30', 'DATE', false)).toBeUndefined();
    expect(toColumnType('2024-02-29 13:45', 'TIMESTAMP', false)).toEqual(new Date(Date.UTC(2024, 1, 29, 13, 45)));
    expect(toColumnType(45_292.75, 'DATE', false)).toEqual(new Date(Date.UTC(2024, 0, 1)));
    expect(dateText(new Date(Date.UTC(2024, 0, 1)))).toBe('2024-01-01');
  });
});

describe('sheet cells', () => {
  it('checks sheet names as Excel does', () => {
    expect(sheetNameProblem('Orders 2024')).toBeUndefined();
    expect(sheetNameProblem('')).toBe('a sheet name cannot be empty');
    expect(sheetNameProblem("'quoted'")).toContain('apostrophe');
    expect(sheetNameProblem('history')).toBe('Excel reserves the sheet name "History"');
  });

  it('picks date formats by column family and keeps what a number would lose as text', () => {
    expect((['date', 'time', 'timestamp', 'timestamptz', 'varchar'] as const).map(formatFor)).toEqual([
      'yyyy-mm-dd',
      'hh:mm:ss',
      'yyyy-mm-dd hh:mm:ss',
      'yyyy-mm-dd hh:mm:ss',
      undefined,
    ]);
    expect(toCell(2n ** 53n, 'hugeint')).toBe('9007199254740992');
    expect(toCell(2n ** 53n - 1n, 'bigint')).toBe(9_007_199_254_740_991);
    expect(toCell(Number.POSITIVE_INFINITY, 'double')).toBe('Infinity');
    expect(toCell('x'.repeat(32_768), 'varchar')).toEqual({ tooLong: 32_768 });
  });

  it('turns DuckDB text of dates, times, timestamps and decimals into dates and numbers', () => {
    expect(toCell('2024-02-29', 'date')).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(toCell('2024-02-29 13:45:01.123456', 'timestamp')).toEqual(new Date(Date.UTC(2024, 1, 29, 13, 45, 1, 123)));
    expect(toCell('2024-02-29 13:45:00.000000+00', 'timestamptz')).toEqual(new Date(Date.UTC(2024, 1, 29, 13, 45)));
    expect(toCell('2024-02-29 13:45:00+05:30', 'timestamptz')).toEqual(new Date(Date.UTC(2024, 1, 29, 8, 15)));
    expect(toCell('18:00:00', 'time')).toBe(0.75);
    expect(toCell('1234.50', 'decimal')).toBe(1234.5);
    expect(toCell('1234567890.123456789', 'decimal')).toBe('1234567890.123456789');
    expect(toCell('170141183460469231731687303715884105727', 'hugeint')).toBe(
      '170141183460469231731687303715884105727',
    );
    // Excel has no dates before 1900, nor infinite ones: those stay text.
    expect(toCell('1850-01-01', 'date')).toBe('1850-01-01');
    expect(toCell('infinity', 'timestamp')).toBe('infinity');
    expect(toCell('2024-01-01', 'varchar')).toBe('2024-01-01');
  });
});
