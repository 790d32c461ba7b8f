import type { z } from 'zod';
import type { InputRelation } from '../catalog/node-type';
import { paramMeta } from '../catalog/params';
import type { NodeIssue } from '../catalog/node-type';
import { isJsonObject, type JsonValue } from '../format/json';

/**
 * Generic check of every column-kind param against the schema of the input
 * port it names: works for any node type from its param metadata alone.
 */
export function checkColumns(
  params: Readonly<Record<string, z.ZodType>>,
  raw: JsonValue | undefined,
  inputs: Readonly<Record<string, readonly InputRelation[]>>,
): NodeIssue[] {
  const issues: NodeIssue[] = [];
  const values = isJsonObject(raw) ? raw : {};
  const known = (port: string): Set<string> | undefined => {
    const rels = inputs[port];
    if (rels === undefined || rels.length !== 1) return undefined;
    const schema = rels[0]?.schema;
    return schema === undefined ? undefined : new Set(schema.map((c) => c.name));
  };
  const check = (schema: z.ZodType, value: JsonValue | undefined, at: string): void => {
    const meta = paramMeta(schema);
    if (meta === undefined || value === undefined) return;
    if (meta.kind === 'column' || meta.kind === 'columns') {
      const names = known(meta.port);
      if (names === undefined) return;
      const list = meta.kind === 'column' ? [value] : Array.isArray(value) ? value : [];
      for (const v of list) {
        if (typeof v === 'string' && v !== '' && !names.has(v)) {
          issues.push({ param: at, message: `unknown column "${v}" in input "${meta.port}"${suggest(v, names)}` });
        }
      }
    } else if (meta.kind === 'list' && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (!isJsonObject(item)) return;
        for (const [field, fs] of Object.entries(meta.fields)) check(fs, item[field], `${at}[${i}].${field}`);
      });
    }
  };
  for (const [name, schema] of Object.entries(params)) check(schema, values[name], name);
  return issues;
}

/** ` (did you mean "customer_id"?)` for a near miss, by case or edit distance. */
function suggest(name: string, names: Set<string>): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of names) {
    const d = n.toLowerCase() === name.toLowerCase() ? 0 : distance(n, name);
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(name.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}
