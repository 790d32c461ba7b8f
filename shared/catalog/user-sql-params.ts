import type { z } from 'zod';
import { paramMeta } from './params';

/**
 * Every piece of user-written DuckDB SQL in a node's params, found by param
 * kind (never by node type): `expression` params, top level or inside a
 * list's rows, and `sql` (whole query) params. The engine parses each with
 * DuckDB's own parser before any view is made (ARCHITECTURE.md, wall 1).
 */

export interface UserSqlText {
  /** Where it is, as diagnostics name params: `condition`, `columns[2].expression`. */
  param: string;
  text: string;
  kind: 'expression' | 'query';
}

function kindOf(schema: z.ZodType): UserSqlText['kind'] | undefined {
  const meta = paramMeta(schema);
  if (meta?.kind === 'expression') return 'expression';
  if (meta?.kind === 'sql') return 'query';
  return undefined;
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function userSqlTexts(
  defs: Readonly<Record<string, z.ZodType>>,
  params: Readonly<Record<string, unknown>>,
): UserSqlText[] {
  const out: UserSqlText[] = [];
  for (const [name, schema] of Object.entries(defs)) {
    const value = params[name];
    const kind = kindOf(schema);
    if (kind !== undefined) {
      if (typeof value === 'string' && value.trim() !== '') out.push({ param: name, text: value, kind });
      continue;
    }
    const meta = paramMeta(schema);
    if (meta?.kind !== 'list' || !Array.isArray(value)) continue;
    value.forEach((row: unknown, i) => {
      if (!isRecord(row)) return;
      for (const [field, fieldSchema] of Object.entries(meta.fields)) {
        const k = kindOf(fieldSchema);
        const v = row[field];
        if (k !== undefined && typeof v === 'string' && v.trim() !== '')
          out.push({ param: `${name}[${i}].${field}`, text: v, kind: k });
      }
    });
  }
  return out;
}
