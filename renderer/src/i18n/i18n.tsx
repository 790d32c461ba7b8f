import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { en, type MessageKey, type Messages } from './messages.en';
import { ptBR } from './messages.pt-BR';

export type Locale = 'en' | 'pt-BR';

export const catalogs: Readonly<Record<Locale, Messages>> = { en, 'pt-BR': ptBR };

export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

/** `{name}` placeholders replaced by `vars`. */
export function format(template: string, vars?: Readonly<Record<string, string | number>>): string {
  if (vars === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = vars[k];
    return v === undefined ? m : String(v);
  });
}

export function translator(locale: Locale): Translate {
  const messages = catalogs[locale];
  return (key, vars) => format(messages[key], vars);
}

const LocaleContext = createContext<Locale>('en');

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

/** The translate function of the current locale. */
export function useT(): Translate {
  const locale = useContext(LocaleContext);
  return useCallback<Translate>((key, vars) => format(catalogs[locale][key], vars), [locale]);
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}
