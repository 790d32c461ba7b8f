import type { JsonValue } from '../format/json';
import { isJsonObject } from '../format/json';

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

/** Names of every `${name}` used in a value. */
export function referencedParams(value: JsonValue): string[] {
  const names = new Set<string>();
  const walk = (v: JsonValue): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(PATTERN)) if (m[1] !== undefined) names.add(m[1]);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (isJsonObject(v)) Object.values(v).forEach(walk);
  };
  walk(value);
  return [...names];
}
