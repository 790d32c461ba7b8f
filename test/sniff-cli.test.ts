import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duto, hasNoStack, requireBuiltCli, tmp } from './support';

/** `duto sniff FILE [--json]`: the dialect a CSV source with no dialect params reads, from the built CLI. */

beforeAll(requireBuiltCli);

function brazilianExport(): string {
  const dir = tmp('sniff');
  const file = join(dir, 'vendas.csv');
  writeFileSync(
    file,
    Buffer.from(
      'Relatório de vendas\r\n\r\ncidade;valor;data\r\nSão Paulo;1.234,56;31/12/2024\r\nRio;3,5;01/02/2024\r\n',
      'latin1',
    ),
  );
  return file;
}

describe('duto sniff', () => {
  it('prints the dialect in words, then each part', () => {
    const file = brazilianExport();
    const r = duto(['sniff', file]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      `${file}: semicolon-separated, 3 columns, never quoted, decimal comma, thousands point, Latin-1, header on line 3, dates dd/mm/yyyy`,
    );
    expect(r.stdout).toMatch(/^ {2}delimiter {7};$/m);
    expect(r.stdout).toMatch(/^ {2}skipRows {8}2$/m);
    expect(r.stdout).toMatch(/^ {2}dateFormat {6}%d\/%m\/%Y \(dd\/mm\/yyyy\)$/m);
    expect(r.stderr).toBe('');
  });

  it('--json prints the guess', () => {
    const file = brazilianExport();
    const r = duto(['sniff', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      file,
      encoding: 'latin-1',
      delimiter: ';',
      quote: '',
      escape: '',
      header: true,
      skipRows: 2,
      decimal: ',',
      thousands: '.',
      dateFormat: '%d/%m/%Y',
      timestampFormat: null,
      comment: '',
      warnings: [],
      description:
        'semicolon-separated, 3 columns, never quoted, decimal comma, thousands point, Latin-1, header on line 3, dates dd/mm/yyyy',
    });
  });

  it('warnings go to stderr', () => {
    const file = join(tmp('sniff'), 'odd.csv');
    writeFileSync(file, 'a;b;c\n1;2\n3;4;5;6;7\n8\n9;1;2;3\n');
    const r = duto(['sniff', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: it reads one column, although 4 of 5 sample lines contain ";"\n');
  });

  it('a missing file: exit 2, one line (JSON under --json), no stack', () => {
    const file = join(tmp('sniff'), 'nope.csv');
    const r = duto(['sniff', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`file not found: ${file}`);
    expect(hasNoStack(r.stderr)).toBe(true);
    const j = duto(['sniff', file, '--json']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout)).toMatchObject({
      ok: false,
      diagnostics: [{ severity: 'error', message: `file not found: ${file}` }],
    });
  });
});
