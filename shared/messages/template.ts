/**
 * A message template: text with `{name}` placeholders. The English template
 * makes a Diagnostic's `message`; the other locales render the same code and
 * arguments in the user's language. Numbers are formatted in the locale
 * (1,234,567 / 1.234.567); a number that must stay as written (a line, a
 * port) is passed as a string.
 */

export type MessageLocale = 'en' | 'pt-BR';

export type MessageArg = string | number;

/**
 * Arguments that locate a problem rather than fill the text: `offset`, the offset
 * in the user's own text (an expression, a query) where the parser stopped,
 * which the editor underlines. Any template may carry them.
 */
export const LOCATING_ARGS: readonly string[] = ['offset'];

export interface Template {
  readonly en: string;
  readonly 'pt-BR': string;
}

/** The placeholder names of a template, at the type level: `'{a} and {b}'` → `'a' | 'b'`. */
export type Placeholders<S extends string> = S extends `${string}{${infer N}}${infer Rest}`
  ? N | Placeholders<Rest>
  : never;

const numberFormats = new Map<MessageLocale, Intl.NumberFormat>();

function numberFormat(locale: MessageLocale): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    numberFormats.set(locale, f);
  }
  return f;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholder names of a template, at run time. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))].sort();
}

/** `{name}` replaced by its argument; numbers in the locale's digits; a missing argument stays visible. */
export function renderTemplate(
  template: string,
  args: Readonly<Record<string, MessageArg>>,
  locale: MessageLocale,
): string {
  return template.replace(PLACEHOLDER, (m, name: string) => {
    const v = args[name];
    if (v === undefined) return m;
    return typeof v === 'number' ? numberFormat(locale).format(v) : v;
  });
}
