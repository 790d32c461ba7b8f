import type { Column } from '../../../../shared/catalog/node-type';
import { HTTP_COLUMN_TYPES, type HttpColumnType } from '../../../../shared/external/http-api';
import type { ExternalValue } from '../../external/types';
import { isRecord } from './json-path';

/**
 * JSON records as table rows. Nested objects are flattened one level:
 * `{"user": {"id": 7, "address": {…}}, "tags": ["a"]}` gives the columns
 * `user.id` (BIGINT), `user.address` and `tags` — deeper objects and arrays
 * stay whole, as JSON text, which DuckDB's json functions read
 * (`json_extract(tags, '$[0]')`). One level covers the common `{data: {…}}`
 * envelope while keeping the column count predictable.
 *
 * Types come from the first page: whole numbers BIGINT, any fraction DOUBLE,
 * true/false BOOLEAN, text VARCHAR, objects and arrays JSON text (VARCHAR);
 * a field with mixed kinds is VARCHAR. Fields first seen on a later page are
 * not read; a later value that does not fit its column is an error.
 */

export type { HttpColumnType };

export function isHttpColumnType(t: string): t is HttpColumnType {
  return HTTP_COLUMN_TYPES.some((x) => x === t);
}

/** A record's fields, flattened one level, in their order; a record that is not an object is one field, `value`. */
export function flatten(record: unknown): Array<[string, unknown]> {
  if (!isRecord(record)) return [['value', record]];
  const out: Array<[string, unknown]> = [];
  for (const [key, v] of Object.entries(record)) {
    if (isRecord(v) && Object.keys(v).length > 0)
      for (const [sub, w] of Object.entries(v)) out.push([`${key}.${sub}`, w]);
    else out.push([key, v]);
  }
  return out;
}

type Kind = 'integer' | 'fraction' | 'boolean' | 'text' | 'json';

function kindOf(v: unknown): Kind | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 'integer' : 'fraction';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'text';
  return 'json';
}

export interface RecordLayout {
  columns: Column[];
  types: HttpColumnType[];
  /** Flattened field name → column index. */
  index: Map<string, number>;
}

/** Columns from the fields of the first page's records, in order of first appearance, with overrides applied. */
export function inferLayout(
  records: readonly unknown[],
  overrides: ReadonlyArray<{ column: string; type: HttpColumnType }>,
): RecordLayout {
  const kinds = new Map<string, Set<Kind>>();
  for (const r of records) {
    for (const [field, v] of flatten(r)) {
      const seen = kinds.get(field) ?? new Set<Kind>();
      const k = kindOf(v);
      if (k !== undefined) seen.add(k);
      kinds.set(field, seen);
    }
  }
  // `"manager": null` in one record and `"manager": {"id": 1}` in another: the nulls are not a column of their own.
  for (const [field, seen] of kinds)
    if (seen.size === 0 && [...kinds.keys()].some((f) => f.startsWith(`${field}.`))) kinds.delete(field);
  // Overrides declare columns too, so an API whose first page is empty still has a table.
  for (const o of overrides)
    if (![...kinds.keys()].some((f) => f.toLowerCase() === o.column.toLowerCase())) kinds.set(o.column, new Set());
  const index = new Map<string, number>();
  const columns: Column[] = [];
  const types: HttpColumnType[] = [];
  const taken = new Set<string>();
  for (const [field, seen] of kinds) {
    // DuckDB names are case-insensitive: `id` and `ID` cannot both be columns.
    let name = field;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${field}_${n}`;
    taken.add(name.toLowerCase());
    const override = overrides.find((o) => o.column.toLowerCase() === name.toLowerCase());
    const type = override?.type ?? typeFor(seen);
    index.set(field, columns.length);
    columns.push({ name, type });
    types.push(type);
  }
  return { columns, types, index };
}

function typeFor(kinds: ReadonlySet<Kind>): HttpColumnType {
  if (kinds.size === 1 && kinds.has('integer')) return 'BIGINT';
  if (kinds.size > 0 && [...kinds].every((k) => k === 'integer' || k === 'fraction')) return 'DOUBLE';
  if (kinds.size === 1 && kinds.has('boolean')) return 'BOOLEAN';
  return 'VARCHAR';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** ISO 8601 with an optional time and zone; without a zone the time is taken as UTC. */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A JSON value as its column's type; `undefined` when it does not fit. */
export function toColumnValue(v: unknown, type: HttpColumnType): ExternalValue | undefined {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'VARCHAR':
      return typeof v === 'string' ? v : JSON.stringify(v);
    case 'BIGINT':
      if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : undefined;
      if (typeof v === 'string' && /^[+-]?\d+$/.test(v.trim())) {
        const n = BigInt(v.trim());
        return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
      }
      return undefined;
    case 'DOUBLE':
      if (typeof v === 'number') return v;
      return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
    case 'BOOLEAN':
      if (typeof v === 'boolean') return v;
      return typeof v === 'string' && /^(true|false)$/i.test(v.trim()) ? v.trim().toLowerCase() === 'true' : undefined;
    case 'TIMESTAMP':
    case 'DATE': {
      if (typeof v !== 'string' || !ISO.test(v.trim())) return undefined;
      const t = v.trim();
      const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(t) && t.length > 10;
      const d = new Date(zoned ? t : `${t.replace(' ', 'T')}${t.length === 10 ? 'T00:00:00' : ''}Z`);
      if (Number.isNaN(d.getTime())) return undefined;
      return type === 'DATE' ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())) : d;
    }
  }
}
