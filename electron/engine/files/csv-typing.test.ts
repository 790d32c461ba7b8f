import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CsvTyping } from '../../../shared/catalog/node-type';
import { freshDir } from '../test-support';
import type { Column } from '../../../shared/catalog/node-type';
import { protectSniffed, typeCsvColumns } from './csv-typing';

/**
 * Duto's own CSV typing on real files through DuckDB: each column gets the
 * narrowest type every value converts to without changing (issue #9), and
 * the costly date and timestamp casts are only tried where they can win.
 */

async function typesOf(csv: string, more: Partial<CsvTyping> = {}): Promise<Record<string, string>> {
  return withTyping(csv, more, async (conn, typing) => {
    const pinned = await typeCsvColumns(conn, typing);
    return Object.fromEntries((pinned?.columns ?? []).map((c) => [c.name, c.type]));
  });
}

async function withTyping<T>(
  csv: string,
  more: Partial<CsvTyping>,
  use: (conn: DuckDBConnection, typing: CsvTyping) => Promise<T>,
): Promise<T> {
  const file = join(freshDir('duto-typing-'), 'data.csv');
  writeFileSync(file, csv);
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  try {
    const typing: CsvTyping = {
      file,
      dialectArgs: `delim=',', quote='"', escape='"', header=true, skip=0`,
      header: true,
      delimiter: ',',
      quote: '"',
      escape: '"',
      skip: 0,
      comment: '',
      encoding: 'utf-8',
      decimal: '.',
      thousands: '',
      dateFormat: null,
      timestampFormat: null,
      overrides: {},
      ...more,
    };
    return await use(conn, typing);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const table = (columns: Record<string, readonly string[]>): string => {
  const names = Object.keys(columns);
  const rows = Math.max(...Object.values(columns).map((v) => v.length));
  const lines = Array.from({ length: rows }, (_, r) => names.map((n) => columns[n]?.[r] ?? '').join(','));
  return `${names.join(',')}\n${lines.join('\n')}\n`;
};

describe('typeCsvColumns', () => {
  it('a wide file (300 columns) is typed column by column, the last as the first', { timeout: 120_000 }, async () => {
    const kinds = ['7', '1.5', '2024-01-31', 'x', '007'];
    const header = Array.from({ length: 300 }, (_, i) => `c${String(i)}`).join(',');
    const row = (r: number): string =>
      Array.from({ length: 300 }, (_, i) => (r === 1 && i % 5 === 3 ? 'y' : kinds[i % 5])).join(',');
    const types = await typesOf(`${header}\n${row(0)}\n${row(1)}\n`);
    const expected = ['BIGINT', 'DOUBLE', 'DATE', 'VARCHAR', 'VARCHAR'];
    expect(Object.values(types)).toEqual(Array.from({ length: 300 }, (_, i) => expected[i % 5]));
  });

  it('gives each column the narrowest type that keeps every value', async () => {
    const types = await typesOf(
      table({
        id: ['1', '2', '30'],
        price: ['1.5', '20', '-3.25'],
        // An exponent is text around the digits: a number would print it differently.
        exp: ['1e3', '2.5E-2', '7e1'],
        flag: ['true', 'FALSE', 'true'],
        day: ['2024-01-31', '2023-12-01', '1999-07-04'],
        at: ['2024-01-31 10:00:00', '2024-02-01T08:30:00', '2024-03-01 00:00:01'],
        // Short values can be neither: text, without trying a cast.
        code: ['00123', '00456', '00789'],
        phone: ['+5511999990000', '+5521988887777', '+5531977776666'],
        cpf: ['12345678901234567', '22345678901234567', '32345678901234567'],
        mixed: ['2024-01-31', 'soon', '2024-02-01'],
        late: ['2024-01-31', '2024-01-31 10:00:00', '2024-02-01'],
        blank: ['', '', ''],
        word: ['a', 'bb', 'ccc'],
      }),
    );
    expect(types).toEqual({
      id: 'BIGINT',
      price: 'DOUBLE',
      exp: 'VARCHAR',
      flag: 'BOOLEAN',
      day: 'DATE',
      at: 'TIMESTAMP',
      code: 'VARCHAR',
      phone: 'VARCHAR',
      cpf: 'VARCHAR',
      mixed: 'VARCHAR',
      late: 'TIMESTAMP',
      blank: 'VARCHAR',
      word: 'VARCHAR',
    });
  });

  it('counts digits, not characters: a grouped 16-digit number stays text, a long text with few digits does not matter', async () => {
    const types = await typesOf(
      table({
        card: ['4111 1111 1111 1111', '5500 0000 0000 0004', '3400 0000 0000 0009'],
        words: ['a long sentence of text', 'another sentence here', 'and a third one'],
        big: ['1234567890123456', '2234567890123456', '3234567890123456'],
        ok: ['123456789012345', '223456789012345', '323456789012345'],
      }),
    );
    expect(types).toEqual({ card: 'VARCHAR', words: 'VARCHAR', big: 'VARCHAR', ok: 'BIGINT' });
  });

  it('reads numbers with a decimal comma and thousands dots, and dates in a given format', async () => {
    const csv = 'amount;when\n"1.234,5";31/01/2024\n"2,25";01/02/2024\n"10";15/03/2024\n';
    const types = await typesOf(csv, {
      dialectArgs: `delim=';', quote='"', escape='"', header=true, skip=0`,
      delimiter: ';',
      decimal: ',',
      thousands: '.',
      dateFormat: '%d/%m/%Y',
    });
    expect(types).toEqual({ amount: 'DOUBLE', when: 'DATE' });
  });

  it('a time of day makes a timestamp, never a date that drops it; overrides win', async () => {
    const csv = table({
      at: ['2024-01-31 10:00:00', '2024-02-01 11:00:00'],
      n: ['1', '2'],
    });
    expect(await typesOf(csv, { overrides: { N: 'DOUBLE' } })).toEqual({ at: 'TIMESTAMP', n: 'DOUBLE' });
    expect(await typesOf(csv, { overrides: { '*': 'VARCHAR' } })).toEqual({ at: 'VARCHAR', n: 'VARCHAR' });
  });

  it("protecting DuckDB's sniff types only its numbers, with the answer typing every column would give", async () => {
    const csv = table({
      id: ['1', '2', '3'],
      code: ['00123', '00456', '00789'],
      cpf: ['12345678901234567', '22345678901234567', '32345678901234567'],
      phone: ['+5511999990000', '+5521988887777', '+5531977776666'],
      price: ['1.5', '2', '3.25'],
      day: ['2024-01-31', '2023-12-01', '1999-07-04'],
      word: ['a', 'bb', 'ccc'],
    });
    await withTyping(csv, {}, async (conn, typing) => {
      const sniff = await conn.runAndReadAll(`SELECT Columns FROM sniff_csv('${typing.file}')`);
      const raw: unknown = sniff.getRowObjectsJson()[0]?.['Columns'];
      const sniffed: Column[] = Array.isArray(raw)
        ? raw.map((c: { name: string; type: string }) => ({ name: c.name, type: c.type }))
        : [];
      // DuckDB makes numbers of the ids and the 17-digit CPFs; of the leading zeros and the +-signed phones, text already.
      expect(sniffed.map((c) => c.type)).toEqual([
        'BIGINT',
        'VARCHAR',
        'BIGINT',
        'VARCHAR',
        'DOUBLE',
        'DATE',
        'VARCHAR',
      ]);
      const all = (await typeCsvColumns(conn, typing))?.columns ?? [];
      const numeric = /^(BIGINT|DOUBLE)$/;
      const everyColumn = sniffed.map((c, i) =>
        numeric.test(c.type) && all[i]?.type === 'VARCHAR' ? { ...c, type: 'VARCHAR' } : c,
      );
      const protectedTypes = await protectSniffed(conn, typing, sniffed);
      expect(protectedTypes).toEqual(everyColumn);
      expect(protectedTypes.map((c) => c.type)).toEqual([
        'BIGINT',
        'VARCHAR',
        'VARCHAR',
        'VARCHAR',
        'DOUBLE',
        'DATE',
        'VARCHAR',
      ]);
    });
  });
});
