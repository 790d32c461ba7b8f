import { describe, expect, it } from 'vitest';
import { diagnosticText, error, formatDiagnosticIn, warning } from '../diagnostics';
import { ERROR_CODES, isErrorCode } from '../error-codes';
import { DIAGNOSTIC_MESSAGES, renderMessage } from './diagnostic-messages';
import { placeholdersOf, renderTemplate } from './template';

describe('diagnostic message templates', () => {
  it('has an English and a Portuguese template for every code', () => {
    const missing = Object.keys(ERROR_CODES).filter((code) => !Object.hasOwn(DIAGNOSTIC_MESSAGES, code));
    expect(missing).toEqual([]);
    for (const [key, t] of Object.entries(DIAGNOSTIC_MESSAGES)) {
      expect(t.en.trim(), key).not.toBe('');
      expect(t['pt-BR'].trim(), key).not.toBe('');
    }
  });

  it('keys only codes of the table, with an optional /variant', () => {
    const stray = Object.keys(DIAGNOSTIC_MESSAGES).filter(
      (key) => !isErrorCode(key.split('/')[0] ?? '') || key.split('/').length > 2,
    );
    expect(stray).toEqual([]);
  });

  it('uses the same argument names in both languages', () => {
    const differ = Object.entries(DIAGNOSTIC_MESSAGES)
      .filter(([, t]) => placeholdersOf(t.en).join() !== placeholdersOf(t['pt-BR']).join())
      .map(([key]) => key);
    expect(differ).toEqual([]);
  });

  it('translates every sentence that is more than its arguments', () => {
    // `{detail}` alone in English is DuckDB's (or a library's) own text: the Portuguese may say only that.
    const same = Object.entries(DIAGNOSTIC_MESSAGES)
      .filter(([, t]) => t.en === t['pt-BR'] && t.en.replace(/\{\w+\}/g, '').replace(/[\s:"();.,—-]/g, '') !== '')
      .map(([key]) => key);
    expect(same).toEqual(['http.status', 'http.status/detail']);
  });
});

describe('renderTemplate', () => {
  it('fills named arguments and formats numbers in the locale', () => {
    expect(
      renderTemplate('{count} of {total} rows in {file}', { count: 1234567, total: 2000000, file: 'a.csv' }, 'pt-BR'),
    ).toBe('1.234.567 of 2.000.000 rows in a.csv');
    expect(renderTemplate('{count} rows', { count: 1234567 }, 'en')).toBe('1,234,567 rows');
    expect(renderTemplate('{share} %', { share: 12.5 }, 'pt-BR')).toBe('12,5 %');
  });

  it('leaves a string as written and a missing argument visible', () => {
    expect(renderTemplate('line {line}, {who}', { line: '12345' }, 'pt-BR')).toBe('line 12345, {who}');
  });

  it('finds placeholders once each, sorted', () => {
    expect(placeholdersOf('{b} {a} {b}')).toEqual(['a', 'b']);
  });
});

describe('diagnostics from templates', () => {
  it('makes the English message from the template and carries the code, variant and arguments', () => {
    const d = error('node.extra-input/one', { input: 'Left', count: 2 }, { nodeId: 'j' });
    expect(d).toEqual({
      severity: 'error',
      code: 'node.extra-input',
      variant: 'one',
      args: { input: 'Left', count: 2 },
      message: 'input "Left" takes one connection, not 2',
      nodeId: 'j',
    });
    expect(diagnosticText(d, 'pt-BR')).toBe('a entrada "Left" recebe uma conexão, não 2');
    expect(diagnosticText(d, 'en')).toBe(d.message);
  });

  it('renders a code without a variant from its own template', () => {
    const d = warning('node.unused', {}, { nodeId: 'x' });
    expect(d.variant).toBeUndefined();
    expect(diagnosticText(d, 'pt-BR')).toBe('nada lê a saída deste nó');
    expect(formatDiagnosticIn('pt-BR')(d)).toBe('warning [x] nada lê a saída deste nó');
  });

  it('shows free text, or a key this build does not know, as it is', () => {
    expect(diagnosticText({ code: 'node.bind', message: 'Binder Error: x' }, 'pt-BR')).toBe('Binder Error: x');
    expect(diagnosticText({ code: 'node.bind', variant: 'gone', args: {}, message: 'old text' }, 'pt-BR')).toBe(
      'old text',
    );
    expect(renderMessage('no.such', {}, 'en')).toBeUndefined();
  });

  it('checks the arguments against the template at compile time', () => {
    // @ts-expect-error -- `column` is the template's argument, not `col`
    error('node.unknown-column', { col: 'x' });
    // @ts-expect-error -- an argument is missing
    error('node.extra-input/one', { input: 'Left' });
    // @ts-expect-error -- a template without arguments takes none
    error('node.unused', { extra: 1 });
    // @ts-expect-error -- no such key
    error('node.unknown-column/nope', {});
    expect(error('node.unknown-column', { column: 'x' }).message).toBe('unknown column "x"');
  });
});
