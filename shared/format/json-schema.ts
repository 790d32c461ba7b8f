import { z } from 'zod';
import type { NodeType } from '../catalog/node-type';
import { paramMeta } from '../catalog/params';
import { documentSchema } from './document';
import type { JsonValue } from './json';
import { isJsonObject } from './json';

/**
 * The JSON Schema of `*.duto.json`, generated from the same zod schemas the
 * loader validates with, plus each node type's params, so editors complete
 * and check pipeline files.
 */
export function pipelineJsonSchema(nodeTypes: readonly NodeType[]): JsonValue {
  const base = toJson(z.toJSONSchema(documentSchema, { io: 'input', unrepresentable: 'any' }));
  if (!isJsonObject(base)) return base;
  const perType: JsonValue[] = nodeTypes.map((t) => ({
    // Only a node at its type's current version has today's params (an older one is migrated on load).
    if: currentVersionOf(t),
    then: {
      description: `${t.label}: ${t.description}`,
      properties: { params: paramsSchema(t) },
    },
  }));
  const props = base['properties'];
  if (isJsonObject(props)) {
    const nodes = props['nodes'];
    if (isJsonObject(nodes) && isJsonObject(nodes['items'])) {
      const types = nodeTypes.map((t) => t.type);
      const items = nodes['items'];
      const itemProps = items['properties'];
      if (isJsonObject(itemProps)) itemProps['type'] = { type: 'string', enum: types, description: 'The node type.' };
      items['allOf'] = perType;
    }
  }
  return {
    ...base,
    title: 'Duto pipeline',
    description: 'A Duto data pipeline (*.duto.json). Run it with `duto run FILE`.',
  };
}

function currentVersionOf(t: NodeType): JsonValue {
  if (t.version === 1) return { properties: { type: { const: t.type } }, required: ['type'] };
  return {
    properties: { type: { const: t.type }, typeVersion: { const: t.version } },
    required: ['type', 'typeVersion'],
  };
}

function paramsSchema(t: NodeType): JsonValue {
  const schema = toJson(z.toJSONSchema(z.strictObject(t.params), { io: 'input', unrepresentable: 'any' }));
  if (!isJsonObject(schema)) return schema;
  const { $schema: _drop, ...rest } = schema;
  void _drop;
  const props = rest['properties'];
  if (isJsonObject(props)) {
    for (const [name, s] of Object.entries(t.params)) {
      const meta = paramMeta(s);
      const p = props[name];
      if (meta !== undefined && isJsonObject(p)) {
        p['title'] = meta.label;
        if (meta.description !== undefined) p['description'] = meta.description;
      }
    }
  }
  return rest;
}

/** zod's output is plain JSON already; this re-types it without a cast. */
function toJson(v: unknown): JsonValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toJson(x);
    return out;
  }
  return null;
}
