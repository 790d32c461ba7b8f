import type { JsonValue } from '../../../shared/format/json';
import type { Translate } from '../i18n/i18n';

/**
 * A CSV source's dialect params in plain words, in the user's language:
 * "semicolon-separated, decimal comma, Latin-1, header on line 3, dates
 * dd/mm/yyyy". Params not yet set (being detected) are left out.
 */

const SEPARATORS: Readonly<
  Record<string, 'dialect.sep.comma' | 'dialect.sep.semicolon' | 'dialect.sep.tab' | 'dialect.sep.pipe'>
> = {
  ',': 'dialect.sep.comma',
  ';': 'dialect.sep.semicolon',
  '\t': 'dialect.sep.tab',
  '|': 'dialect.sep.pipe',
};

const ENCODINGS: Readonly<Record<string, string>> = { 'utf-8': 'UTF-8', 'utf-16': 'UTF-16', 'latin-1': 'Latin-1' };

/** `%d/%m/%Y` as the user reads it: dd/mm/yyyy (dd/mm/aaaa in Portuguese). */
export function readableFormat(format: string, t: Translate): string {
  const [dd, mm, yyyy, yy, hh, mi, ss] = t('dialect.datePattern').split('|');
  const parts: Readonly<Record<string, string | undefined>> = { d: dd, m: mm, Y: yyyy, y: yy, H: hh, M: mi, S: ss };
  return format.replace(/%([dmYyHMS])/g, (all, c: string) => parts[c] ?? all);
}

export function dialectWords(params: Readonly<Record<string, JsonValue>>, t: Translate): string[] {
  const out: string[] = [];
  const text = (k: string): string | undefined => {
    const v = params[k];
    return typeof v === 'string' ? v : undefined;
  };
  const delimiter = text('delimiter');
  if (delimiter !== undefined) {
    const key = SEPARATORS[delimiter];
    out.push(key === undefined ? t('dialect.sep.other', { char: delimiter }) : t(key));
  }
  if (text('decimal') === ',') out.push(t('dialect.decimalComma'));
  const thousands = text('thousands');
  if (thousands === ' ') out.push(t('dialect.thousandsSpace'));
  else if (thousands !== undefined && thousands !== '') out.push(t('dialect.thousands', { char: thousands }));
  const encoding = text('encoding');
  if (encoding !== undefined) out.push(t('dialect.encoding', { name: ENCODINGS[encoding] ?? encoding }));
  const skip = typeof params['skipRows'] === 'number' ? params['skipRows'] : 0;
  if (params['header'] === true) out.push(t('dialect.header', { line: skip + 1 }));
  else if (params['header'] === false)
    out.push(t('dialect.noHeader'), ...(skip > 0 ? [t('dialect.skip', { line: skip + 1 })] : []));
  const dates = text('dateFormat');
  if (dates !== undefined && dates !== '') out.push(t('dialect.dates', { format: readableFormat(dates, t) }));
  const stamps = text('timestampFormat');
  if (stamps !== undefined && stamps !== '') out.push(t('dialect.timestamps', { format: readableFormat(stamps, t) }));
  const comment = text('comment');
  if (comment !== undefined && comment !== '') out.push(t('dialect.comment', { char: comment }));
  if (text('quote') === '') out.push(t('dialect.noQuotes'));
  return out;
}

/** The params detection fills: cleared by "Detect again". */
export const DIALECT_PARAMS = [
  'encoding',
  'delimiter',
  'quote',
  'escape',
  'header',
  'skipRows',
  'decimal',
  'thousands',
  'dateFormat',
  'timestampFormat',
  'comment',
] as const;
