import { describe, expect, it } from 'vitest';
import { binCondition, binFilters, formatNumber, formatStat, valueCondition, valueFilters } from './profile-format';

describe('profile formatting', () => {
  it("formats numbers in the user's locale", () => {
    expect(formatStat('1306.3227730152814', 'DOUBLE', 'en')).toBe('1,306.32');
    expect(formatStat('1306.3227730152814', 'DOUBLE', 'pt-BR')).toBe('1.306,32');
    expect(formatNumber(1234567, 'pt-BR')).toBe('1.234.567');
    expect(formatNumber(0.000123456, 'en')).toBe('0.000123');
    expect(formatStat('n0', 'VARCHAR', 'en')).toBe('n0');
    expect(formatStat(null, 'BIGINT', 'en')).toBe('');
  });

  it('formats dates and times without shifting them by the time zone', () => {
    expect(formatStat('2024-03-05', 'DATE', 'en')).toBe('Mar 5, 2024');
    expect(formatStat('2024-03-05', 'DATE', 'pt-BR')).toBe('5 de mar. de 2024');
    expect(formatStat('2024-03-05 14:30:00', 'TIMESTAMP', 'en')).toBe('Mar 5, 2024, 2:30 PM');
    expect(formatStat('2024-03-05 14:30:00', 'TIMESTAMP', 'pt-BR')).toBe('5 de mar. de 2024, 14:30');
  });

  it('turns a bin or a value into preview filters and an equivalent, quoted Filter condition', () => {
    expect(binFilters('a"b', { lo: '10', hi: '20' }, false)).toEqual([
      { column: 'a"b', text: '>= 10' },
      { column: 'a"b', text: '< 20' },
    ]);
    expect(binCondition('a"b', 'DOUBLE', 'number', { lo: '10', hi: '20' }, true)).toBe('"a""b" >= 10 AND "a""b" <= 20');
    expect(binCondition('day', 'DATE', 'time', { lo: '2024-01-01', hi: '2024-02-01' }, false)).toBe(
      '"day" >= DATE \'2024-01-01\' AND "day" < DATE \'2024-02-01\'',
    );
    expect(valueFilters('city', "O'Hare", false)).toEqual([{ column: 'city', text: "= O'Hare" }]);
    expect(valueCondition('city', 'VARCHAR', "O'Hare", false)).toBe("\"city\" = 'O''Hare'");
    expect(valueCondition('ok', 'BOOLEAN', 'true', false)).toBe('CAST("ok" AS VARCHAR) = \'true\'');
    expect(valueCondition('t', 'VARCHAR', 'long', true)).toBe('starts_with("t", \'long\')');
  });
});
