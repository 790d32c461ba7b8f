import { describe, expect, it } from 'vitest';
import { duckdbLimitFor, parseMemorySize, threadsFor } from './memory-size';

describe('memory sizes', () => {
  it('reads sizes as DuckDB does, and refuses anything else', () => {
    expect(parseMemorySize('1GB')).toBe(1e9);
    expect(parseMemorySize(' 512 mb ')).toBe(512e6);
    expect(parseMemorySize('1.5GiB')).toBe(1.5 * 2 ** 30);
    for (const bad of ['', '4', '0GB', '12XB', '-1GB', 'GB', '1e3MB'])
      expect(parseMemorySize(bad), bad).toBeUndefined();
  });

  it('keeps back what DuckDB does not count, and gives it at least half of a small budget', () => {
    expect(duckdbLimitFor(4 * 2 ** 30, 2)).toBe(4 * 2 ** 30 - 384 * 2 ** 20);
    expect(duckdbLimitFor(4 * 2 ** 30, 8)).toBe(4 * 2 ** 30 - 768 * 2 ** 20);
    expect(duckdbLimitFor(256 * 2 ** 20, 2)).toBe(192 * 2 ** 20);
    expect(duckdbLimitFor(512 * 2 ** 20, 2)).toBe(256 * 2 ** 20);
    expect(duckdbLimitFor(512 * 2 ** 20, 8)).toBe(256 * 2 ** 20);
    expect(duckdbLimitFor(100 * 2 ** 20, 2)).toBe(100 * 2 ** 20);
  });

  it('gives each DuckDB thread at least 64 MiB', () => {
    expect(threadsFor(192 * 2 ** 20, 8)).toBe(3);
    expect(threadsFor(100 * 2 ** 20, 2)).toBe(1);
    expect(threadsFor(4 * 2 ** 30, 8)).toBe(8);
  });
});
