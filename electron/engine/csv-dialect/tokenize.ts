/** How fields are quoted: `quote` '' means never; `escape` equal to `quote` is RFC 4180's doubled quote. */
export interface Quoting {
  delimiter: string;
  quote: string;
  escape: string;
}

export interface CsvRecord {
  fields: string[];
  /** Which fields were quoted. */
  quoted: boolean[];
  /** The physical line (0-based) the record starts on. */
  line: number;
  /** A quote opened in this record was never closed (before the end of the sample). */
  unclosed: boolean;
  /** The record's line was empty. */
  blank: boolean;
}

/**
 * Splits text into records, quote-aware: a delimiter or line break inside
 * quotes is data, `""` (or the escape character before a quote) is a quote.
 * A quote that does not start a field is kept as text, as DuckDB's strict
 * reader would not: the detector wants to see it, not fail on it.
 */
export function tokenize(text: string, q: Quoting, maxRecords = Infinity): CsvRecord[] {
  const out: CsvRecord[] = [];
  const { delimiter, quote, escape } = q;
  const dl = delimiter.length;
  let i = 0;
  let line = 0;
  const n = text.length;
  while (i < n && out.length < maxRecords) {
    const fields: string[] = [];
    const quoted: boolean[] = [];
    const startLine = line;
    let unclosed = false;
    let field = '';
    let inQuotes = false;
    let wasQuoted = false;
    let atFieldStart = true;
    let ended = false;
    while (i < n) {
      const ch = text[i] ?? '';
      if (inQuotes) {
        if (escape !== '' && escape !== quote && ch === escape && (text[i + 1] === quote || text[i + 1] === escape)) {
          field += text[i + 1] ?? '';
          i += 2;
          continue;
        }
        if (ch === quote) {
          if (escape === quote && text[i + 1] === quote) {
            field += quote;
            i += 2;
            continue;
          }
          inQuotes = false;
          i++;
          continue;
        }
        if (ch === '\n') line++;
        field += ch;
        i++;
        continue;
      }
      if (quote !== '' && ch === quote && atFieldStart) {
        inQuotes = true;
        wasQuoted = true;
        atFieldStart = false;
        i++;
        continue;
      }
      if (dl > 0 && text.startsWith(delimiter, i)) {
        fields.push(field);
        quoted.push(wasQuoted);
        field = '';
        wasQuoted = false;
        atFieldStart = true;
        i += dl;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        ended = true;
        break;
      }
      field += ch;
      atFieldStart = false;
      i++;
    }
    if (inQuotes) unclosed = true;
    fields.push(field);
    quoted.push(wasQuoted);
    const blank = fields.length === 1 && field === '' && !wasQuoted;
    out.push({ fields, quoted, line: startLine, unclosed, blank });
    if (!ended && i >= n) break;
  }
  return out;
}

/** Text after the first line break: a chunk from mid-file starts mid-line. */
export function fromNextLine(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? '' : text.slice(nl + 1);
}

/** Text up to its last line break: the end of a sample may cut a line. */
export function toLastLine(text: string, whole: boolean): string {
  if (whole) return text;
  const nl = text.lastIndexOf('\n');
  return nl < 0 ? text : text.slice(0, nl + 1);
}
