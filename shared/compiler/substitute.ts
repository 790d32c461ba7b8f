import type { z } from 'zod';
import { paramMeta } from '../catalog/params';
import type { JsonValue } from '../format/json';
import { isJsonObject } from '../format/json';
import type { Said } from '../messages/diagnostic-messages';
import { substituteSql, type ParamType } from './sql-substitute';

/**
 * Pipeline parameters: `${name}` in any string param is replaced by the
 * parameter's value; `$${` writes a literal `${`.
 */
export interface SubstituteResult {
  value: JsonValue;
  /** Names used but not defined, with the param path where each was found. */
  unknown: Array<{ name: string; at: string }>;
}

const PATTERN = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function substitute(value: JsonValue, params: ReadonlyMap<string, string>, at = ''): SubstituteResult {
  const unknown: SubstituteResult['unknown'] = [];
  const walk = (v: JsonValue, path: string): JsonValue => {
    if (typeof v === 'string') {
      return v.replace(PATTERN, (m, name: string | undefined) => {
        if (name === undefined) return '${';
        const got = params.get(name);
        if (got === undefined) {
          unknown.push({ name, at: path });
          return m;
        }
        return got;
      });
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (isJsonObject(v)) {
      const out: Record<string, JsonValue> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, path === '' ? k : `${path}.${k}`);
      return out;
    }
    return v;
  };
  return { value: walk(value, at), unknown };
}

/**
 * A node's params with `${name}` replaced: as text in most params, as a
 * value (sql-substitute.ts) in the user-written SQL ones — expressions and
 * queries, top level or in a list's rows.
 */
export function substituteNodeParams(
  defs: Readonly<Record<string, z.ZodType>>,
  params: Readonly<Record<string, JsonValue>>,
  values: ReadonlyMap<string, string>,
  types: ReadonlyMap<string, ParamType>,
): SubstituteResult & { problems: Array<{ at: string; said: Said }> } {
  const unknown: SubstituteResult['unknown'] = [];
  const problems: Array<{ at: string; said: Said }> = [];
  const sql = (raw: JsonValue, at: string): JsonValue => {
    const text =
      typeof raw === 'string'
        ? raw
        : Array.isArray(raw) && raw.every((x) => typeof x === 'string')
          ? raw.join('\n')
          : undefined;
    if (text === undefined) return generic(raw, at);
    const r = substituteSql(text, values, types);
    unknown.push(...r.unknown.map((name) => ({ name, at })));
    problems.push(...r.problems.map((s) => ({ at, said: s })));
    return r.text;
  };
  const generic = (raw: JsonValue, at: string): JsonValue => {
    const r = substitute(raw, values, at);
    unknown.push(...r.unknown);
    return r.value;
  };
  const out: Record<string, JsonValue> = {};
  for (const [name, raw] of Object.entries(params)) {
    const schema = defs[name];
    const meta = schema === undefined ? undefined : paramMeta(schema);
    if (meta?.kind === 'expression' || meta?.kind === 'sql') out[name] = sql(raw, name);
    else if (meta?.kind === 'list' && Array.isArray(raw)) {
      out[name] = raw.map((row, i) => {
        if (!isJsonObject(row)) return generic(row, `${name}[${i}]`);
        const fields: Record<string, JsonValue> = {};
        for (const [field, v] of Object.entries(row)) {
          const fieldSchema = meta.fields[field];
          const kind = fieldSchema === undefined ? undefined : paramMeta(fieldSchema)?.kind;
          fields[field] =
            kind === 'expression' || kind === 'sql'
              ? sql(v, `${name}[${i}].${field}`)
              : generic(v, `${name}[${i}].${field}`);
        }
        return fields;
      });
    } else out[name] = generic(raw, name);
  }
  return { value: out, unknown, problems };
}
