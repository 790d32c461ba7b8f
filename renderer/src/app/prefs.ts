import { useCallback, useEffect, useState } from 'react';
import type { Locale } from '../i18n/i18n';

/** UI preferences, kept apart from the pipeline and persisted in localStorage. */
export interface Prefs {
  theme: 'system' | 'light' | 'dark';
  locale: Locale;
  /** The side panels are shown (false: collapsed to give the canvas room). */
  palette: boolean;
  inspector: boolean;
}

const KEY = 'duto.prefs';

function defaultLocale(): Locale {
  const lang = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return lang.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}

export function loadPrefs(): Prefs {
  const fallback: Prefs = { theme: 'system', locale: defaultLocale(), palette: true, inspector: true };
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return fallback;
    const theme =
      'theme' in raw && (raw.theme === 'light' || raw.theme === 'dark' || raw.theme === 'system')
        ? raw.theme
        : fallback.theme;
    const locale = 'locale' in raw && (raw.locale === 'en' || raw.locale === 'pt-BR') ? raw.locale : fallback.locale;
    const palette = 'palette' in raw && typeof raw.palette === 'boolean' ? raw.palette : fallback.palette;
    const inspector = 'inspector' in raw && typeof raw.inspector === 'boolean' ? raw.inspector : fallback.inspector;
    return { theme, locale, palette, inspector };
  } catch {
    return fallback;
  }
}

export function savePrefs(p: Prefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    // Storage may be unavailable (private mode): preferences then last the session.
  }
}

function systemDark(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-color-scheme: dark)').matches
  );
}

/** The prefs, a setter that persists them, and the theme actually in effect. */
export function usePrefs(): { prefs: Prefs; setPrefs: (p: Partial<Prefs>) => void; resolvedTheme: 'light' | 'dark' } {
  const [prefs, set] = useState<Prefs>(loadPrefs);
  const [dark, setDark] = useState(systemDark);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const on = (e: MediaQueryListEvent): void => setDark(e.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  const setPrefs = useCallback((p: Partial<Prefs>) => {
    set((old) => {
      const next = { ...old, ...p };
      savePrefs(next);
      return next;
    });
  }, []);
  const resolvedTheme = prefs.theme === 'system' ? (dark ? 'dark' : 'light') : prefs.theme;
  useEffect(() => {
    document.documentElement.dataset['theme'] = resolvedTheme;
    document.documentElement.lang = prefs.locale;
  }, [resolvedTheme, prefs.locale]);
  return { prefs, setPrefs, resolvedTheme };
}
