import { describe, expect, it } from 'vitest';
import { diagnosticOf, diagnosticText } from '../../../shared/diagnostics';
import { countFailure, rowsFailure, uniqueFailure } from './quality-messages';

describe('a failed data check, said in each language', () => {
  it('keeps the English as it was, and counts rows in the user’s digits', () => {
    const d = diagnosticOf(
      'error',
      rowsFailure('fail', { check: 'amount is never empty', bad: 1234567, rows: 2000000 }, '"a", "b"'),
    );
    expect(d.message).toBe('check failed: amount is never empty — 1,234,567 of 2,000,000 rows do not, e.g. "a", "b"');
    expect(diagnosticText(d, 'pt-BR')).toBe(
      'verificação falhou: amount is never empty — 1.234.567 de 2.000.000 linhas não atendem, ex.: "a", "b"',
    );
  });

  it('says one row set aside, or several, and a row count', () => {
    expect(
      diagnosticOf('warning', uniqueFailure('route', { check: 'id is unique', bad: 1, rows: 3, columns: 'id' }, ''))
        .message,
    ).toBe('1 row set aside on Failed rows: id is unique — 1 of 3 rows share their id with another');
    expect(diagnosticOf('warning', rowsFailure('route', { check: 'x', bad: 2, rows: 3 }, '')).code).toBe(
      'quality.routed',
    );
    expect(diagnosticText(diagnosticOf('error', countFailure('fail', 'min', { limit: 10000, rows: 5 })), 'pt-BR')).toBe(
      'verificação falhou: pelo menos 10.000 linhas — há 5',
    );
  });
});
