import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitHeader } from './csv-header';
import { duck, freshDir, pipeline, sessionOpener } from '../test-support';

const open = sessionOpener();
const RFC = { delimiter: ',', quote: '"', escape: '"', skip: 0, comment: '' };

describe('CSV header names', () => {
  it('splits a header: quoted fields exact, unquoted ones trimmed', () => {
    expect(splitHeader('" a ", b ,c\n1,2,3\n', RFC)).toEqual([' a ', 'b', 'c']);
    expect(splitHeader('\uFEFF"x ""y"" ";z\r\n', { ...RFC, delimiter: ';' })).toEqual(['x "y" ', 'z']);
    expect(splitHeader('junk line\n" k ",v\n', { ...RFC, skip: 1 })).toEqual([' k ', 'v']);
    // As DuckDB: comment lines dropped wherever they are, `skip` counting the others.
    expect(splitHeader('# a\n# b\nid,name\n', { ...RFC, comment: '#' })).toEqual(['id', 'name']);
    expect(splitHeader('# a\n\ntitle\n# b\nid,name\n', { ...RFC, skip: 2, comment: '#' })).toEqual(['id', 'name']);
    expect(splitHeader('"a\\" b",c\n', { ...RFC, escape: '\\' })).toEqual(['a" b', 'c']);
    expect(splitHeader('"multi\nline",c\n', RFC)).toEqual(['multi\nline', 'c']);
    // Cannot be split the way DuckDB would: DuckDB's names stand.
    expect(splitHeader('"unclosed,c\n', RFC)).toBeUndefined();
    expect(splitHeader('"a"x,c\n', RFC)).toBeUndefined();
    expect(splitHeader('a,b', RFC)).toBeUndefined();
  });

  it('a quoted name keeps its spaces through previews and runs; unquoted ones are trimmed as DuckDB does', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), '" Revenue ",  region ,"id"\n10,north,1\n20,south,2\n');
    const s = await open(
      pipeline(
        { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
        { id: 'big', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: '" Revenue " > 15' } },
        { id: 'out', type: 'sink.parquet', inputs: { in: 'big' }, params: { path: 'out.parquet' } },
      ),
      dir,
    );
    expect((await s.validate()).ok).toBe(true);
    expect((await s.schema('src')).columns).toEqual([
      { name: ' Revenue ', type: 'BIGINT' },
      { name: 'region', type: 'VARCHAR' },
      { name: 'id', type: 'BIGINT' },
    ]);
    expect((await s.preview('big', 10)).rows).toEqual([[20, 'south', 2]]);
    expect((await s.run()).ok).toBe(true);
    const out = join(dir, 'out.parquet');
    expect(await duck(`SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('${out}'))`)).toEqual([
      [' Revenue '],
      ['region'],
      ['id'],
    ]);
  });
});
