import { describe, expect, it } from 'vitest';
import { formatRows } from './format';

describe('formatRows', () => {
  it('groups thousands as en-US does, without loading ICU', () => {
    for (const n of [0, 1, 12, 999, 1000, 12345, 1234567, 9007199254740991])
      expect(formatRows(n)).toBe(`${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`);
    expect(formatRows(undefined)).toBe('');
  });
});
