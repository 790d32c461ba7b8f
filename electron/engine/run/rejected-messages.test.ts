import { describe, expect, it } from 'vitest';
import { diagnosticOf, diagnosticText } from '../../../shared/diagnostics';
import { rejectedSaid } from './rejected-messages';

describe("a source's rejected rows, said in each language", () => {
  it('keeps the English sentence, and counts in the user’s digits', () => {
    const d = diagnosticOf(
      'warning',
      rejectedSaid(
        { rows: 1234567, total: 2000000, aside: false, first: { line: '7', file: 'a.csv', reason: 'bad' } },
        { kind: 'plain' },
      ),
    );
    expect(d.message).toBe('1,234,567 of 2,000,000 rows skipped; the first, line 7 of a.csv: bad');
    expect(diagnosticText(d, 'pt-BR')).toBe('1.234.567 de 2.000.000 linhas puladas; a primeira, linha 7 de a.csv: bad');
  });

  it('says a limit that was passed', () => {
    const d = diagnosticOf('error', rejectedSaid({ rows: 3, total: 6, aside: true }, { kind: 'max-rows', max: 1 }));
    expect(d.message).toBe('3 of 6 rows set aside (see the Rejected rows output): more than the 1 allowed');
    expect(diagnosticText(d, 'pt-BR')).toBe(
      '3 de 6 linhas separadas (veja a saída Linhas rejeitadas): mais que as 1 permitidas',
    );
  });
});
