import { describe, expect, it } from 'vitest';
import { catalogs, format, translator } from './i18n';
import { en } from './messages.en';

const placeholders = (s: string): string[] => [...s.matchAll(/(?<!\$)\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('message catalogs', () => {
  it('have identical keys in every locale', () => {
    const keys = Object.keys(en).sort();
    for (const [locale, messages] of Object.entries(catalogs))
      expect(Object.keys(messages).sort(), locale).toEqual(keys);
  });

  it('use the same placeholders in every locale, and no message is empty', () => {
    for (const [locale, messages] of Object.entries(catalogs)) {
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(en[key as keyof typeof en]));
      }
    }
  });

  it('fills placeholders', () => {
    expect(format('{a} of {b}', { a: 1, b: 'x' })).toBe('1 of x');
    expect(translator('pt-BR')('node.status.rows', { rows: '3' })).toBe('3 linhas');
  });
});
