import type { z } from 'zod';
import type { NodeType } from '../catalog/node-type';
import { paramMeta, type ParamMeta } from '../catalog/params';
import type { PipelineNode } from './document';
import { isJsonObject, type JsonObject, type JsonValue } from './json';
import { cellCode, cellText, codeSpan, fencedBlock, fitsCodeCell, inlineText, table } from './markdown-text';

/**
 * A node's settings for the generated docs: the params that differ from
 * their defaults, short values in a table, SQL and other multi-line text
 * as code blocks, lists (join keys, measures…) as tables of their own.
 */

/** A value's identity regardless of key order, to compare it with a default. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

/** The param is set to what leaving it out would give. */
function isDefault(schema: z.ZodType, raw: JsonValue): boolean {
  const fallback = schema.safeParse(undefined);
  if (!fallback.success) return false;
  const parsed = schema.safeParse(raw);
  return canonical(parsed.success ? parsed.data : raw) === canonical(fallback.data);
}

function isJsonValue(v: unknown): v is JsonValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.every(isJsonValue);
  return isJsonObject(v) && Object.values(v).every(isJsonValue);
}

const isCode = (meta: ParamMeta | undefined): boolean => meta?.kind === 'sql' || meta?.kind === 'expression';
const isText = (meta: ParamMeta | undefined): boolean => isCode(meta) || meta?.kind === 'text';

/** Text params may be saved as an array of lines. */
function asText(v: JsonValue, meta: ParamMeta | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (isText(meta) && Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('\n');
  return undefined;
}

/** `inner (Matching rows only)`: an enum value's label when it says more than the value. */
function enumSuffix(v: JsonValue, meta: ParamMeta | undefined): string {
  if (meta?.kind !== 'enum' || typeof v !== 'string') return '';
  const label = meta.options.find((o) => o.value === v)?.label;
  return label === undefined || label === v ? '' : ` (${cellText(label)})`;
}

/** A value inside a table cell, or undefined when it needs a block of its own. */
function inlineValue(v: JsonValue, meta: ParamMeta | undefined): string | undefined {
  const text = asText(v, meta);
  if (text !== undefined) {
    if (text === '') return '*(empty)*';
    return fitsCodeCell(text) ? `${codeSpan(text)}${enumSuffix(v, meta)}` : undefined;
  }
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return codeSpan(JSON.stringify(v));
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
    if (v.length === 0) return '*(none)*';
    return v.every(fitsCodeCell) ? v.map(codeSpan).join(', ') : undefined;
  }
  return undefined;
}

/** A field of a list row: always inline, as escaped text when code cannot hold it. */
function fieldCell(v: JsonValue, meta: ParamMeta | undefined): string {
  const text = asText(v, meta);
  if (text !== undefined) return `${cellCode(text)}${enumSuffix(v, meta)}`;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map(cellCode).join(', ');
  return cellCode(JSON.stringify(v));
}

function listTable(items: readonly JsonObject[], meta: ParamMeta | undefined): string {
  const fields = meta?.kind === 'list' ? meta.fields : {};
  const present = (k: string): boolean => items.some((item) => Object.hasOwn(item, k));
  const keys = Object.keys(fields).filter(present);
  for (const item of items) for (const k of Object.keys(item)) if (!keys.includes(k)) keys.push(k);
  const fieldSchema = (k: string): z.ZodType | undefined => (Object.hasOwn(fields, k) ? fields[k] : undefined);
  const fieldMeta = (k: string): ParamMeta | undefined => {
    const s = fieldSchema(k);
    return s === undefined ? undefined : paramMeta(s);
  };
  const head = keys.map((k) => cellText(fieldMeta(k)?.label ?? k));
  const rows = items.map((item) =>
    keys.map((k) => {
      const v = item[k];
      if (v !== undefined) return fieldCell(v, fieldMeta(k));
      // Left out of this row: what it means is the field's default, when it has one.
      const s = fieldSchema(k);
      const d = s?.safeParse(undefined);
      if (d?.success !== true || !isJsonValue(d.data) || d.data === '') return '';
      return `${fieldCell(d.data, fieldMeta(k))} *(default)*`;
    }),
  );
  return table(head, rows);
}

/** The param's name for people: `Condition (condition)`. */
function caption(name: string, meta: ParamMeta | undefined, inTable: boolean): string {
  const code = inTable ? cellCode(name) : codeSpan(name);
  return meta === undefined ? code : `${inTable ? cellText(meta.label) : inlineText(meta.label)} (${code})`;
}

/** The "Settings" of a node as Markdown, or '' when every param has its default. */
export function nodeSettings(node: PipelineNode, type: NodeType | undefined): string {
  const raw = node.params ?? {};
  const schemaOf = (name: string): z.ZodType | undefined =>
    type !== undefined && Object.hasOwn(type.params, name) ? type.params[name] : undefined;
  // The type's form order first, then params it does not know (reported as errors).
  const known = type === undefined ? [] : Object.keys(type.params).filter((n) => Object.hasOwn(raw, n));
  const names = [...known, ...Object.keys(raw).filter((n) => schemaOf(n) === undefined)];

  const rows: string[][] = [];
  const blocks: string[] = [];
  for (const name of names) {
    const value = raw[name];
    if (value === undefined) continue;
    const schema = schemaOf(name);
    if (schema !== undefined && isDefault(schema, value)) continue;
    const meta = schema === undefined ? undefined : paramMeta(schema);
    const inline = inlineValue(value, meta);
    if (inline !== undefined) {
      rows.push([caption(name, meta, true), inline]);
      continue;
    }
    const text = asText(value, meta);
    const body =
      text !== undefined
        ? fencedBlock(text, isCode(meta) ? 'sql' : 'text')
        : Array.isArray(value) && value.length > 0 && value.every(isJsonObject)
          ? listTable(value, meta)
          : fencedBlock(JSON.stringify(value, null, 2), 'json');
    blocks.push(`${caption(name, meta, false)}:\n\n${body}`);
  }
  const parts = [...(rows.length > 0 ? [table(['Setting', 'Value'], rows)] : []), ...blocks];
  return parts.join('\n\n');
}
