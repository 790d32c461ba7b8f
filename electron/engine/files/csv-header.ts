import { closeSync, openSync, readSync } from 'node:fs';
import type { Column, HeaderRow } from '../../../shared/catalog/node-type';

/**
 * DuckDB's CSV reader trims spaces around header names, even quoted ones
 * (`" a "` becomes `a`). A quoted name is what its author meant, so the
 * engine reads the header row itself and keeps quoted names exact; unquoted
 * ones are trimmed as DuckDB does (`id, name` stays `name`). Only the
 * names that differ by spaces alone are taken; anything else (a blank name
 * DuckDB calls column0, a file that does not split the same way) keeps
 * DuckDB's names.
 */

const MAX_HEADER_BYTES = 1 << 20;
const COMPRESSED = /\.(gz|zst|bz2|xz|zip)$/i;

/** The header's fields: quoted ones exact, unquoted ones trimmed; undefined when it cannot be split here. */
export function splitHeader(
  text: string,
  h: Pick<HeaderRow, 'delimiter' | 'quote' | 'escape' | 'skip' | 'comment'>,
): string[] | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // As DuckDB reads: comment lines are dropped wherever they are, and `skip` counts the other lines.
  for (let s = 0; s < h.skip || (h.comment !== '' && text.startsWith(h.comment, i));) {
    if (h.comment === '' || !text.startsWith(h.comment, i)) s++;
    const nl = text.indexOf('\n', i);
    if (nl < 0) return undefined;
    i = nl + 1;
  }
  const fields: string[] = [];
  for (;;) {
    let field = '';
    if (h.quote !== '' && text[i] === h.quote) {
      i++;
      for (;;) {
        if (i >= text.length) return undefined;
        const c = text[i] ?? '';
        if (h.escape !== '' && c === h.escape && text[i + 1] === h.quote) {
          field += h.quote;
          i += 2;
        } else if (c === h.quote) {
          i++;
          break;
        } else {
          field += c;
          i++;
        }
      }
      // Only a delimiter or the end of the line may follow a closing quote.
      const next = text[i];
      if (next !== undefined && next !== h.delimiter && next !== '\n' && next !== '\r') return undefined;
    } else {
      const start = i;
      while (i < text.length && text[i] !== h.delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
      field = text.slice(start, i).trim();
    }
    fields.push(field);
    if (text[i] === h.delimiter) {
      i++;
      continue;
    }
    // The header ends at a line break; text ending without one is a cut-off header.
    return text[i] === '\n' || text[i] === '\r' ? fields : undefined;
  }
}

function readStart(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(MAX_HEADER_BYTES);
    const n = readSync(fd, buf, 0, MAX_HEADER_BYTES, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Every column's name when some header name keeps spaces DuckDB trimmed; undefined when DuckDB's names stand. */
export function headerNames(h: HeaderRow, columns: readonly Column[]): string[] | undefined {
  if (h.delimiter.length !== 1 || h.quote.length > 1 || h.escape.length > 1 || COMPRESSED.test(h.path))
    return undefined;
  const text = readStart(h.path);
  const fields = text === undefined ? undefined : splitHeader(text, h);
  if (fields === undefined || fields.length !== columns.length) return undefined;
  const names = columns.map((c, i) => {
    const raw = fields[i] ?? '';
    return raw !== c.name && raw.trim() === c.name ? raw : c.name;
  });
  if (names.every((n, i) => n === columns[i]?.name) || new Set(names).size !== names.length) return undefined;
  return names;
}
