import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir, pipeline, sessionOpener } from '../test-support';

/** A CSV source with no dialect params reads what the detector finds (issue #9), through a real session. */

const open = sessionOpener();

function project(name: string, content: string | Buffer): string {
  const dir = freshDir('duto-sniffed-');
  writeFileSync(join(dir, name), content);
  return dir;
}

const csvSource = (path: string) => pipeline({ id: 'src', type: 'source.csv', params: { path } });

async function read(dir: string, name: string) {
  const s = await open(csvSource(name), dir);
  const preview = await s.preview('src', 50);
  return {
    preview,
    diagnostics: (await s.validate()).diagnostics,
    columns: preview.columns.map((c) => [c.name, c.type]),
  };
}

describe('a detected dialect reads the file', () => {
  it('a Brazilian Excel export: semicolons, decimal comma, Latin-1, dd/mm/yyyy, two lines before the header', async () => {
    const text =
      'Relatório de vendas;;\r\n;;\r\ncidade;valor;data\r\nSão Paulo;1.234,56;31/12/2024\r\nRio de Janeiro;3,5;01/02/2024\r\nBrasília;-10,25;15/03/2024\r\n';
    const dir = project('vendas.csv', Buffer.from(text, 'latin1'));
    const r = await read(dir, 'vendas.csv');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.columns).toEqual([
      ['cidade', 'VARCHAR'],
      ['valor', 'DOUBLE'],
      ['data', 'DATE'],
    ]);
    expect(r.preview.rows).toEqual([
      ['São Paulo', 1234.56, '2024-12-31'],
      ['Rio de Janeiro', 3.5, '2024-02-01'],
      ['Brasília', -10.25, '2024-03-15'],
    ]);
  });

  it('a tab-separated file', async () => {
    const dir = project('t.tsv.csv', 'id\tname\tscore\n1\tann\t2.5\n2\tbo, jr\t3\n');
    const r = await read(dir, 't.tsv.csv');
    expect(r.preview.rows).toEqual([
      [1, 'ann', 2.5],
      [2, 'bo, jr', 3],
    ]);
  });

  it('a pipe-separated file', async () => {
    const dir = project('p.csv', 'code|label\nA1|first; one\nB2|second, two\nC3|third\n');
    const r = await read(dir, 'p.csv');
    expect(r.preview.rows).toEqual([
      ['A1', 'first; one'],
      ['B2', 'second, two'],
      ['C3', 'third'],
    ]);
  });

  it('quoted fields holding delimiters, doubled quotes and line breaks', async () => {
    const dir = project('q.csv', 'id,note,amount\n1,"a, b",10\n2,"say ""hi""",20\n3,"two\nlines",30\n4,plain,40\n');
    const r = await read(dir, 'q.csv');
    expect(r.preview.rows).toEqual([
      [1, 'a, b', 10],
      [2, 'say "hi"', 20],
      [3, 'two\nlines', 30],
      [4, 'plain', 40],
    ]);
  });

  it('UTF-16 with a byte order mark (as Excel saves "Unicode text")', async () => {
    const dir = project(
      'u.csv',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('nome\tcidade\nJoão\tSão Paulo\nZé\tBelém\n', 'utf16le')]),
    );
    const r = await read(dir, 'u.csv');
    expect(r.columns).toEqual([
      ['nome', 'VARCHAR'],
      ['cidade', 'VARCHAR'],
    ]);
    expect(r.preview.rows).toEqual([
      ['João', 'São Paulo'],
      ['Zé', 'Belém'],
    ]);
  });

  it('a one-column file is one column, not split on a stray character', async () => {
    const dir = project('names.csv', 'name\nAnn Lee\nBo: the second\nCy Young\nDee\n');
    const r = await read(dir, 'names.csv');
    expect(r.columns).toEqual([['name', 'VARCHAR']]);
    expect(r.preview.rows).toEqual([['Ann Lee'], ['Bo: the second'], ['Cy Young'], ['Dee']]);
    expect(r.diagnostics).toEqual([]);
  });

  it('an implausible detection is a warning on the node', async () => {
    // Rows of uneven width: whichever delimiter wins, most rows disagree with the header.
    const dir = project('odd.csv', 'a,b,c\n1,2\n3\n4,5,6,7\n8,9\n10\n');
    const s = await open(csvSource('odd.csv'), dir);
    const warnings = (await s.validate()).diagnostics.filter((d) => d.severity === 'warning' && d.nodeId === 'src');
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/the detected dialect looks wrong: .*fields/);
  });

  it('params given win over the detection', async () => {
    const dir = project('x.csv', 'a;b\n1;2\n');
    const s = await open(pipeline({ id: 'src', type: 'source.csv', params: { path: 'x.csv', delimiter: ',' } }), dir);
    expect((await s.preview('src', 5)).columns.map((c) => c.name)).toEqual(['a;b']);
  });

  it('rows ending with a delimiter under a header without one: the header names the columns, every row is read', async () => {
    const dir = project('trail.csv', 'id,amount,name\r\n1,10,a,\r\n2,20,b,\r\n3,30,c,\r\n');
    const r = await read(dir, 'trail.csv');
    expect(r.diagnostics).toEqual([]);
    expect(r.columns).toEqual([
      ['id', 'BIGINT'],
      ['amount', 'BIGINT'],
      ['name', 'VARCHAR'],
    ]);
    expect(r.preview.rows).toEqual([
      [1, 10, 'a'],
      [2, 20, 'b'],
      [3, 30, 'c'],
    ]);
  });

  it('a table pivoted by year: the years name the columns', async () => {
    const dir = project('pivot.csv', 'country,2019,2020\nBrazil,10,20.5\nChile,11,21\n');
    const r = await read(dir, 'pivot.csv');
    expect(r.columns).toEqual([
      ['country', 'VARCHAR'],
      ['2019', 'BIGINT'],
      ['2020', 'DOUBLE'],
    ]);
    expect(r.preview.rows).toEqual([
      ['Brazil', 10, 20.5],
      ['Chile', 11, 21],
    ]);
  });
});
