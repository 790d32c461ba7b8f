/**
 * ClickHouse's TabSeparated text: fields split by tab, rows by newline,
 * NULL as `\N`, and `\t \n \r \b \f \0 \\ \'` escaped with a backslash.
 */

const UNESCAPE: Readonly<Record<string, string>> = {
  t: '\t',
  n: '\n',
  r: '\r',
  b: '\b',
  f: '\f',
  '0': '\0',
  a: '\u0007',
  v: '\v',
  e: '\u001b',
};

/** One TSV line into its fields (null for `\N`). */
export function parseTsvLine(line: string): Array<string | null> {
  const out: Array<string | null> = [];
  let field = '';
  let plain = true;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\t') {
      out.push(field);
      field = '';
      plain = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      const next = line[++i] ?? '';
      if (next === 'N' && plain && field === '' && (i + 1 === line.length || line[i + 1] === '\t')) {
        out.push(null);
        field = '';
        i++;
        if (i === line.length) return out;
        continue;
      }
      field += UNESCAPE[next] ?? next;
      plain = false;
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** A value as one TSV field. */
export function tsvField(v: string | null): string {
  if (v === null) return '\\N';
  return v.replace(/[\\\t\n\r\0\b\f]/g, (c) => ESCAPE[c] ?? c);
}

const ESCAPE: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
  '\b': '\\b',
  '\f': '\\f',
};
