import type { Column } from '../../../shared/catalog/node-type';
import { ident } from '../../../shared/sql/quote';

/**
 * What crosses from DuckDB into JavaScript in a preview is capped in SQL
 * (one long string can exceed V8's limit) and made JSON-safe.
 */

/** Characters of text shown in a preview cell. */
export const PREVIEW_MAX_CHARS = 2000;

/** Bytes of a BLOB shown (as hex) in a preview. */
export const PREVIEW_BLOB_BYTES = 256;

type Kind = 'native' | 'integer' | 'decimal' | 'text';

const NATIVE = /^(BOOLEAN|TINYINT|SMALLINT|INTEGER|UTINYINT|USMALLINT|UINTEGER|FLOAT|DOUBLE)$/;
const BIG_INTEGER = /^(BIGINT|UBIGINT|HUGEINT|UHUGEINT)$/;

function kindOf(type: string): Kind {
  const t = type.toUpperCase();
  if (NATIVE.test(t)) return 'native';
  if (BIG_INTEGER.test(t)) return 'integer';
  if (t.startsWith('DECIMAL')) return 'decimal';
  return 'text';
}

/** The capped, JSON-friendly expression for one column. */
export function previewExpression(c: Column): string {
  const col = ident(c.name);
  const t = c.type.toUpperCase();
  const max = String(PREVIEW_MAX_CHARS);
  if (kindOf(t) !== 'text') return col;
  if (t === 'VARCHAR') return guarded(`left(${col}, ${max})`);
  if (t === 'BLOB') return `hex(${col}[1:${String(PREVIEW_BLOB_BYTES)}])`;
  if (t === 'DATE') return `CAST(${col} AS VARCHAR)`;
  // ISO 8601: DuckDB writes timestamps with a space between date and time.
  if (t.startsWith('TIMESTAMP')) return `regexp_replace(CAST(${col} AS VARCHAR), ' ', 'T')`;
  return guarded(`left(CAST(${col} AS VARCHAR), ${max})`);
}

/**
 * @duckdb/node-api decodes strings with a default TextDecoder, which drops a
 * leading U+FEFF. Text crosses with one guard character in front, removed
 * in {@link previewCell}, so a value that starts with U+FEFF keeps it.
 */
export const GUARD = '|';
export function guarded(sqlText: string): string {
  return `('${GUARD}' || ${sqlText})`;
}
export function unguard(value: string): string {
  return value.startsWith(GUARD) ? value.slice(GUARD.length) : value;
}

export function previewSelectList(columns: readonly Column[]): string {
  if (columns.length === 0) return '*';
  return columns.map((c) => `${previewExpression(c)} AS ${ident(c.name)}`).join(', ');
}

type Cell = string | number | boolean | null;

/** Digits that make a decimal string exactly representable by a double. */
function safeDecimal(s: string): number | null {
  const digits = s.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  if (digits.length > 15) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** One JSON value from DuckDB's JSON converter, made a preview cell for a column. */
export function previewCell(value: unknown, column: Column): Cell {
  if (value === null || value === undefined) return null;
  const kind = kindOf(column.type);
  if (kind === 'integer' && typeof value === 'string') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (kind === 'decimal' && typeof value === 'string') return safeDecimal(value) ?? value;
  if (typeof value === 'string') {
    const t = column.type.toUpperCase();
    return t === 'BLOB' || t === 'DATE' || t.startsWith('TIMESTAMP') ? value : unguard(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  // Anything else was cast to text in SQL; this is a fallback that never throws.
  const text = JSON.stringify(value);
  return text.length > PREVIEW_MAX_CHARS ? text.slice(0, PREVIEW_MAX_CHARS) : text;
}
