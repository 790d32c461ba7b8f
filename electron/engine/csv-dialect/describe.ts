import type { CsvDialectGuess } from '../../../shared/catalog/node-type';

type Dialect = Omit<CsvDialectGuess, 'warnings' | 'description'>;

const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
  ':': 'colon',
  ' ': 'space',
  '~': 'tilde',
  '^': 'caret',
  ', ': 'comma-and-space',
  '; ': 'semicolon-and-space',
};
const ENCODING_NAMES: Readonly<Record<Dialect['encoding'], string>> = {
  'utf-8': 'UTF-8',
  'utf-16': 'UTF-16',
  'latin-1': 'Latin-1',
};
const THOUSANDS_NAMES: Readonly<Record<Dialect['thousands'], string>> = {
  '': '',
  '.': 'point',
  ',': 'comma',
  ' ': 'space',
};

/** A delimiter in words: "semicolon", or the character itself in quotes. */
export function delimiterName(d: string): string {
  return DELIMITER_NAMES[d] ?? `"${d}"`;
}

/** A strptime format as people write it: %d/%m/%Y is dd/mm/yyyy. */
export function readableFormat(f: string): string {
  return f
    .replace('%d', 'dd')
    .replace('%m', 'mm')
    .replace('%Y', 'yyyy')
    .replace('%H', 'HH')
    .replace('%M', 'MM')
    .replace('%S', 'SS')
    .replace('.%f', '.fff');
}

/** The dialect in plain English words: "semicolon-separated, decimal comma, Latin-1, header on line 3". */
/** `firstLine`: the header's (or first row's) line in the file, comment lines counted; by default after skipRows. */
export function describeDialect(d: Dialect, columns: number, firstLine = d.skipRows + 1): string {
  const parts = [columns <= 1 ? 'one column' : `${delimiterName(d.delimiter)}-separated`];
  if (columns > 1) parts.push(`${String(columns)} columns`);
  if (d.quote === '') parts.push('never quoted');
  else if (d.quote !== '"') parts.push(`quoted with ${d.quote}`);
  if (d.quote !== '' && d.escape !== d.quote) parts.push(`escaped with ${d.escape === '\\' ? 'backslash' : d.escape}`);
  if (d.decimal === ',') parts.push('decimal comma');
  if (d.thousands !== '') parts.push(`thousands ${THOUSANDS_NAMES[d.thousands]}`);
  parts.push(ENCODING_NAMES[d.encoding]);
  const line = firstLine;
  parts.push(
    d.header
      ? `header on line ${String(line)}`
      : line === 1
        ? 'no header'
        : `no header, data from line ${String(line)}`,
  );
  if (d.dateFormat !== null) parts.push(`dates ${readableFormat(d.dateFormat)}`);
  if (d.timestampFormat !== null) parts.push(`timestamps ${readableFormat(d.timestampFormat)}`);
  if (d.comment !== '') parts.push(`comment lines start with ${d.comment}`);
  return parts.join(', ');
}
