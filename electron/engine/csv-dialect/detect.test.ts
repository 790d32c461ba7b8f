import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir } from '../test-support';
import { boundedSniffer } from './bounded-sniffer';
import { detectCsvDialect, guessFromBytes } from './detect';

const guess = (text: string | Buffer) => {
  const g = guessFromBytes(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, [], true);
  return g;
};

describe('the CSV dialect detector', () => {
  it('a Brazilian Excel export: Latin-1, semicolons, decimal comma, dd/mm/yyyy, header on line 3', () => {
    const g = guess(
      Buffer.from(
        'Relatório gerado em 01/02/2024\r\n\r\ncidade;valor;data\r\nSão Paulo;1.234,56;31/12/2024\r\nRio;3,5;01/02/2024\r\n',
        'latin1',
      ),
    );
    expect(g).toMatchObject({
      encoding: 'latin-1',
      delimiter: ';',
      header: true,
      skipRows: 2,
      decimal: ',',
      thousands: '.',
      dateFormat: '%d/%m/%Y',
      warnings: [],
    });
    expect(g.description).toBe(
      'semicolon-separated, 3 columns, never quoted, decimal comma, thousands point, Latin-1, header on line 3, dates dd/mm/yyyy',
    );
  });

  it('decimals with no grouping beside grouped ones leave no thousands separator that would rescale them', () => {
    // `7.5` with `.` grouping thousands would be read as 75: no separator then (the column stays text).
    expect(guess('produto;preco\nArroz;1.234,56\nFeijao;8,99\nOleo;7.5\nSal;2,10\nAcucar;3.25\n')).toMatchObject({
      decimal: ',',
      thousands: '',
    });
    expect(guess('item\tprice\nRice\t1,234.56\nOil\t7,5\nBeans\t2.25\nSalt\t0.5\n')).toMatchObject({
      decimal: '.',
      thousands: '',
    });
    // Grouped and plain decimals of one mark still say it.
    expect(guess('produto;preco\nArroz;1.234,56\nFeijao;8,99\nSal;2,10\n')).toMatchObject({
      decimal: ',',
      thousands: '.',
    });
  });

  it('a UTF-8 file with one Latin-1 line stays UTF-8, saying so; a Latin-1 file stays Latin-1', () => {
    const utf8 = Array.from({ length: 49 }, (_, i) => `${String(i + 1)};João ${String(i + 1)};São Paulo\n`).join('');
    const g = guess(
      Buffer.concat([Buffer.from(`id;nome;cidade\n${utf8}`), Buffer.from('50;José;Brasília\n', 'latin1')]),
    );
    expect(g.encoding).toBe('utf-8');
    expect(g.warnings).toEqual([
      'the file is UTF-8 but 2 of its first bytes are not (a line in another encoding, such as Latin-1): the lines holding them are bad rows',
    ]);
    expect(guess(Buffer.from('id;nome;cidade\n1;João;São Paulo\n2;Conceição;Brasília\n', 'latin1')).encoding).toBe(
      'latin-1',
    );
  });

  it('byte order marks: UTF-8 and UTF-16', () => {
    expect(guess(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n1,2\n')])).encoding).toBe('utf-8');
    const le = guess(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\n1\t2\n', 'utf16le')]));
    expect(le).toMatchObject({ encoding: 'utf-16', delimiter: '\t' });
  });

  it('month first when a second value is above 12; ISO needs no format; timestamps get one', () => {
    expect(guess('d,v\n02/13/2024,1\n03/01/2024,2\n').dateFormat).toBe('%m/%d/%Y');
    expect(guess('d,v\n2024-02-13,1\n2024-03-01,2\n').dateFormat).toBeNull();
    expect(guess('t;v\n31.12.2024 10:30:00;1\n01.01.2025 08:00:00;2\n').timestampFormat).toBe('%d.%m.%Y %H:%M:%S');
  });

  it('day and month that cannot be told apart are a warning, and left to the reader', () => {
    const g = guess('d,v\n01/02/2024,1\n03/04/2024,2\n');
    expect(g.dateFormat).toBeNull();
    expect(g.warnings.join()).toMatch(/day\/month or month\/day/);
  });

  it('quotes respected: delimiters and line breaks inside quotes, doubled quotes, backslash escapes', () => {
    expect(guess('id;note\n1;"a; b"\n2;"x\ny; z"\n3;"say ""hi"""\n')).toMatchObject({
      delimiter: ';',
      quote: '"',
      escape: '"',
    });
    expect(guess('id,note\n1,"say \\"hi\\""\n2,"and \\"bye\\""\n3,plain\n')).toMatchObject({
      delimiter: ',',
      escape: '\\',
    });
    expect(guess("id|name\n1|'O''Neil, Pat'\n2|'Lee, Ann'\n")).toMatchObject({ delimiter: '|', quote: "'" });
  });

  it('never quoted: no quote; times and URLs do not make a colon-separated file', () => {
    expect(guess('a\tb\n1\t2\n')).toMatchObject({ delimiter: '\t', quote: '', escape: '' });
    expect(guess('when,url\n10:30,https://x.org\n11:45,https://y.org\n').delimiter).toBe(',');
  });

  it('a one-column file stays one column', () => {
    const g = guess('name\nAnn Lee\nBo: the second\nCy Young\n');
    expect(g.description).toMatch(/^one column/);
    expect(g.header).toBe(true);
  });

  it('rows that end with a delimiter under a header that does not: the header is kept, its width read', () => {
    const g = guess('id,amount,name\n1,10,a,\n2,20,b,\n3,30,c,\n4,40,d\n');
    expect(g).toMatchObject({ header: true, skipRows: 0, warnings: [] });
    expect(g.description).toMatch(/^comma-separated, 3 columns/);
    // The header ends with one too: DuckDB reads the empty last field as a column of its own.
    expect(guess('id;v;\n1;2;\n3;4;\n')).toMatchObject({ header: true, skipRows: 0, delimiter: ';' });
    // A title above such a table is still skipped.
    expect(guess('Report\nid,amount,name\n1,10,a,\n2,20,b,\n3,30,c,\n')).toMatchObject({ header: true, skipRows: 1 });
  });

  it('a table pivoted by year has a header of years; rows of years or of other numbers do not', () => {
    expect(guess('country,2019,2020\nBrazil,10,20\nChile,11,21\n').header).toBe(true);
    expect(guess('region;2019;2020;2021\nNorte;1,5;2,5;3\nSul;4;5;6\n').header).toBe(true);
    expect(guess('2019,2020,2021\n10,20,30\n11,21,31\n').header).toBe(true);
    expect(guess('2019,2020,2021\n2020,2021,2022\n').header).toBe(false);
    expect(guess('1999,2005,1\n2001,2007,2\n').header).toBe(false);
    expect(guess('name,2020,2019,2021\nann,1,2,3\nbob,4,5,6\n').header).toBe(false);
  });

  it('no header when the first row holds numbers', () => {
    expect(guess('1,ann,10\n2,bob,20\n').header).toBe(false);
  });

  it('comma-and-space separated', () => {
    expect(guess('a, b, c\n1, x, 2.5\n3, "y, z", 4\n').delimiter).toBe(', ');
  });

  it('two-digit years: day or month first by a value above 12, never year first', () => {
    expect(guess('id;data;valor\n1;05/03/24;10,5\n2;28/02/24;7,25\n3;31/12/23;3,10\n')).toMatchObject({
      dateFormat: '%d/%m/%y',
    });
    expect(guess('id,at\n1,12/31/24 14:30\n2,01/02/24 08:00\n')).toMatchObject({ timestampFormat: '%m/%d/%y %H:%M' });
    // With dots, two-digit "years" are more often versions: not dates.
    expect(guess('id,version\n1,1.2.10\n2,13.4.22\n')).toMatchObject({ dateFormat: null });
  });

  it('comment lines above the header are not counted in the lines before it (DuckDB skips them itself)', () => {
    const g = guess('# exported by tool\n# version 3\nid,name,amount\n1,Ana,10.5\n# a comment\n2,Bia,7\n3,Caio,3.25\n');
    expect(g).toMatchObject({ comment: '#', header: true, skipRows: 0 });
    expect(g.description).toContain('header on line 3');
    const titled = guess('# c\n\ntitle line\n# c2\nid,name\n1,a\n# mid\n2,b\n');
    expect(titled).toMatchObject({ comment: '#', skipRows: 2 });
    expect(titled.description).toContain('header on line 5');
  });

  it('comment lines inside the table', () => {
    expect(guess('a,b\n1,2\n# a note\n3,4\n').comment).toBe('#');
  });

  it('implausible: one column although the lines are full of another delimiter', () => {
    // No width is common enough for ';' to be the delimiter, yet most lines have one.
    const g = guess('a;b;c\n1;2\n3;4;5;6;7\n8\n9;1;2;3\n');
    expect(g.warnings).toEqual(['it reads one column, although 4 of 5 sample lines contain ";"']);
  });

  it('reads files, caches per version, and reports what it cannot read', () => {
    const dir = freshDir('duto-sniff-');
    const f = join(dir, 'a.csv');
    writeFileSync(f, 'a;b\n1;2\n');
    expect(detectCsvDialect(f)).toMatchObject({ delimiter: ';' });
    writeFileSync(f, 'a|b\n1|2\n');
    utimesSync(f, new Date(), new Date(Date.now() + 5_000));
    expect(detectCsvDialect(f)).toMatchObject({ delimiter: '|' });
    expect(detectCsvDialect(join(dir, 'missing.csv'))).toEqual({
      problem: `file not found: ${join(dir, 'missing.csv')}`,
    });
    expect(detectCsvDialect(dir)).toEqual({ problem: `${dir} is not a regular file` });
  });

  it('a restricted pipeline sniffs only files inside its folder', () => {
    const home = freshDir('duto-sniff-home-');
    const away = freshDir('duto-sniff-away-');
    writeFileSync(join(home, 'in.csv'), 'a;b\n1;2\n');
    writeFileSync(join(away, 'out.csv'), 'a;b\n1;2\n');
    const sniff = boundedSniffer(home, 'restricted');
    expect(sniff(join(home, 'in.csv'))).toMatchObject({ delimiter: ';' });
    // Not detected at all (nothing learnt of the file); the trust check holds the node back.
    expect(sniff(join(away, 'out.csv'))).toBeUndefined();
    expect(boundedSniffer(home, 'trusted')(join(away, 'out.csv'))).toMatchObject({ delimiter: ';' });
  });
});
