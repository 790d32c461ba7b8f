import { describe, expect, it } from 'vitest';
import { parseTsvLine, tsvField } from './ch-tsv';

describe('ClickHouse TSV', () => {
  it('splits fields and reads \\N as NULL only when it is the whole field', () => {
    expect(parseTsvLine('a\t\\N\t\\\\N\tb')).toEqual(['a', null, '\\N', 'b']);
    expect(parseTsvLine('\\N')).toEqual([null]);
    expect(parseTsvLine('\\N\t')).toEqual([null, '']);
    expect(parseTsvLine('')).toEqual(['']);
  });
  it('round-trips every escaped character', () => {
    const hostile = "tab\there\nnew\\slash\0nul\r'quote'\b\f end";
    expect(parseTsvLine(`${tsvField(hostile)}\t${tsvField(null)}`)).toEqual([hostile, null]);
  });
});
