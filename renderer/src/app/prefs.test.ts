// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { loadPrefs, savePrefs } from './prefs';

describe('prefs', () => {
  afterEach(() => localStorage.clear());

  it('shows both side panels until the user collapses one, and remembers that', () => {
    expect(loadPrefs()).toMatchObject({ palette: true, inspector: true });
    savePrefs({ ...loadPrefs(), palette: false });
    expect(loadPrefs()).toMatchObject({ palette: false, inspector: true });
  });

  it('reads prefs saved before the panels could collapse, and ignores a bad value', () => {
    localStorage.setItem('duto.prefs', JSON.stringify({ theme: 'dark', locale: 'pt-BR' }));
    expect(loadPrefs()).toEqual({ theme: 'dark', locale: 'pt-BR', palette: true, inspector: true });
    localStorage.setItem('duto.prefs', JSON.stringify({ theme: 'dark', locale: 'en', inspector: 'no' }));
    expect(loadPrefs().inspector).toBe(true);
  });
});
