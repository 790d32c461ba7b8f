import { describe, expect, it } from 'vitest';
import { cliLocale } from './locale';

describe('the CLI language', () => {
  it('is Portuguese for pt_BR in LC_ALL, LC_MESSAGES or LANG, in that order', () => {
    expect(cliLocale({ LANG: 'pt_BR.UTF-8' })).toBe('pt-BR');
    expect(cliLocale({ LC_MESSAGES: 'pt_BR', LANG: 'en_US.UTF-8' })).toBe('pt-BR');
    expect(cliLocale({ LC_ALL: 'en_US.UTF-8', LANG: 'pt_BR.UTF-8' })).toBe('en');
    expect(cliLocale({ LC_ALL: '', LANG: 'pt_BR.UTF-8' })).toBe('pt-BR');
  });

  it('is English otherwise', () => {
    expect(cliLocale({})).toBe('en');
    expect(cliLocale({ LANG: 'C.UTF-8' })).toBe('en');
    expect(cliLocale({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(cliLocale({ LANG: 'ptx' })).toBe('en');
  });
});
