import { describe, expect, it } from 'vitest';
import { duckdbLimitFor, parseMemorySize } from './memory-size';

describe('memory sizes', () => {
  it('reads sizes as DuckDB does, and refuses anything else', () => {
    expect(parseMemorySize('1GB')).toBe(1e9);
    expect(parseMemorySize(' 512 mb ')).toBe(512e6);
    expect(parseMemorySize('1.5GiB')).toBe(1.5 * 2 ** 30);
    for (const bad of ['', '4', '0GB', '12XB', '-1GB', 'GB', '1e3MB']) expect(parseMemorySize(bad), bad).toBeUndefined();
  });

  it('keeps back what DuckDB does not count, and gives it at least a quarter', () => {
    expect(duckdbLimitFor(4 * 2 ** 30, 2)).toBe(4 * 2 ** 30 - 384 * 2 ** 20);
    expect(duckdbLimitFor(256 * 2 ** 20, 2)).toBe(64 * 2 ** 20);
    expect(duckdbLimitFor(4 * 2 ** 30, 8)).toBe(4 * 2 ** 30 - 768 * 2 ** 20);
  });
});
