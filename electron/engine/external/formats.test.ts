import { describe, expect, it } from 'vitest';
import { parseIntervalText } from './interval-text';
import { lastRowEnd } from './load-csv';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('CSV parts are cut at row ends only', () => {
  it('skips newlines inside quoted values, counting quotes from the part start', () => {
    expect(lastRowEnd(bytes('1,a\n2,b\n3,c'), false)).toBe(7);
    expect(lastRowEnd(bytes('1,"x\ny"\n2,"z\n'), false)).toBe(7);
    expect(lastRowEnd(bytes('1,"a""b"\n2,"'), false)).toBe(8);
    // A quoted value opened in an earlier chunk: the first newline is inside it.
    expect(lastRowEnd(bytes('still inside\n",1\n2,'), true)).toBe(16);
    expect(lastRowEnd(bytes('no newline'), false)).toBe(-1);
  });
});

describe('interval text', () => {
  it.each([
    ['1 year 2 mons 3 days 04:05:06.5', 14, 3, 14_706_500_000n],
    ['-1 years -2 mons +3 days -04:05:06.5', -14, 3, -14_706_500_000n],
    ['2 months 1 day', 2, 1, 0n],
    ['00:00:01', 0, 0, 1_000_000n],
    ['1 week 2 hours', 0, 7, 7_200_000_000n],
  ])('%s', (text, months, days, micros) => {
    expect(parseIntervalText(text)).toMatchObject({ months, days, micros });
  });

  it('refuses what it does not understand', () => {
    expect(parseIntervalText('P1Y')).toBeUndefined();
    expect(parseIntervalText('3 fortnights')).toBeUndefined();
  });
});
