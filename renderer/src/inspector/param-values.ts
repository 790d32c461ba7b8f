import type { z } from 'zod';
import type { Column } from '../../../shared/catalog/node-type';
import type { ShowIf } from '../../../shared/catalog/params';
import type { JsonValue } from '../../../shared/format/json';
import type { ErrorMark } from './expression-help/error-mark';

/** What a field needs from around it: upstream columns, diagnostics, where paths resolve. */
export interface FieldContext {
  nodeId: string;
  /** The node's type: its params' texts are looked up by it in the user's locale. */
  nodeType: string;
  /** Columns of the input on `port` (union of its upstreams), or undefined when unknown. */
  columnsOf(port: string): Column[] | undefined;
  /** Input name → columns, for completion in a whole query. */
  tables: Readonly<Record<string, readonly string[]>>;
  /** Normalized param path (`measures.0.column`) → messages. */
  messages: ReadonlyMap<string, readonly string[]>;
  /** Normalized param path → where the engine's parser stopped in its text (a diagnostic's `offset`), with the message. */
  errorMarks: ReadonlyMap<string, ErrorMark>;
  baseDir: string;
  /** Another param of the node as saved (absent: its default applies). */
  paramValue(name: string): JsonValue | undefined;
}

/** One param field's props (ParamField.tsx; a list's rows render theirs through ListEditor's `Field`). */
export interface ParamFieldProps {
  /** The param path: `delimiter`, or `measures.0.column` inside a list. */
  path: string;
  schema: z.ZodType;
  value: JsonValue | undefined;
  onChange: (v: JsonValue | undefined) => void;
  ctx: FieldContext;
  /** Sibling values, for a description shown only under some of them (`descriptionIf`). */
  valueOf?: (param: string) => JsonValue | undefined;
}

export function isJsonValue(v: unknown): v is JsonValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.every(isJsonValue);
  if (typeof v === 'object') return Object.values(v).every(isJsonValue);
  return false;
}

/** The schema's default (what applies when the param is absent), if it has one. */
export function defaultOf(schema: z.ZodType): JsonValue | undefined {
  const r = schema.safeParse(undefined);
  return r.success && isJsonValue(r.data) ? r.data : undefined;
}

/** The value in effect: the raw value, else the default. */
export function effective(schema: z.ZodType, raw: JsonValue | undefined): JsonValue | undefined {
  return raw === undefined ? defaultOf(schema) : raw;
}

export function isShown(showIf: ShowIf | undefined, values: (name: string) => JsonValue | undefined): boolean {
  if (showIf === undefined) return true;
  const v = values(showIf.param);
  return showIf.equals.some((x) => x === v);
}

/** `measures[0].column` and `measures.0.column` → `measures.0.column`. */
export function normalizeParamPath(p: string): string {
  return p.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/** Text params may be saved as an array of lines. */
export function asText(v: JsonValue | undefined): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('\n');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

export function asStrings(v: JsonValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function asRows(v: JsonValue | undefined): Array<Record<string, JsonValue>> {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) => (typeof x === 'object' && x !== null && !Array.isArray(x) ? [x] : []));
}

/** A testid-safe name: `measures.0.column` → `measures-0-column`. */
export function testIdOf(path: string): string {
  return `param-${path.replace(/\./g, '-')}`;
}
