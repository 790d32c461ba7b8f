import type { SavedChart } from '../charts/chart-spec';
import type { PipelineDocument, PipelineNode, Schedule } from './document';
import type { JsonValue } from './json';
import { isJsonObject } from './json';

/**
 * Deterministic serialization: fixed key order at the top and in nodes,
 * sorted keys elsewhere, 2-space indent, trailing newline. Multi-line text
 * becomes an array of lines so a diff shows the line that changed, and each
 * layout entry sits on one line so moving a node changes one line.
 */

const TOP_ORDER = [
  'format',
  'version',
  'name',
  'description',
  'params',
  'schedule',
  'pushdown',
  'nodes',
  'layout',
  'notes',
] as const;
const NODE_ORDER = [
  'id',
  'type',
  'typeVersion',
  'label',
  'description',
  'disabled',
  'pushdown',
  'inputs',
  'params',
  'charts',
] as const;
const NOTE_ORDER = ['id', 'x', 'y', 'width', 'height', 'text'] as const;

export function serializeDocument(doc: PipelineDocument): string {
  const lines: string[] = [];
  const entries: Array<[string, string]> = [];
  for (const key of TOP_ORDER) {
    switch (key) {
      case 'nodes':
        entries.push([
          key,
          block(
            '[',
            ']',
            doc.nodes.map((n) => nodeText(n, 2)),
            1,
          ),
        ]);
        break;
      case 'layout':
        if (doc.layout !== undefined) {
          const keys = Object.keys(doc.layout).sort();
          const items = keys.map((k) => {
            const p = doc.layout?.[k];
            return `${JSON.stringify(k)}: { "x": ${round(p?.x ?? 0)}, "y": ${round(p?.y ?? 0)} }`;
          });
          entries.push([key, block('{', '}', items, 1)]);
        }
        break;
      case 'notes':
        if (doc.notes !== undefined) {
          const items = doc.notes.map((n) => {
            const obj: Record<string, JsonValue> = {};
            for (const k of NOTE_ORDER) {
              const v = n[k];
              if (v === undefined) continue;
              obj[k] = typeof v === 'number' ? round(v) : v;
            }
            return value(obj, 2, false);
          });
          entries.push([key, block('[', ']', items, 1)]);
        }
        break;
      case 'description':
        if (doc.description !== undefined) entries.push([key, value(splitLines(doc.description), 1, true)]);
        break;
      case 'schedule':
        if (doc.schedule !== undefined) entries.push([key, value(scheduleJson(doc.schedule), 1, true)]);
        break;
      case 'params':
        if (doc.params !== undefined) entries.push([key, value(declarationsJson(doc.params), 1, true)]);
        break;
      default: {
        const v = doc[key];
        if (v !== undefined) entries.push([key, value(v, 1, true)]);
      }
    }
  }
  lines.push('{');
  entries.forEach(([k, v], i) => lines.push(`  ${JSON.stringify(k)}: ${v}${i < entries.length - 1 ? ',' : ''}`));
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** The schedule as plain JSON (absent options left out); its keys are sorted like any object's. */
function scheduleJson(s: Schedule): JsonValue {
  const out: Record<string, JsonValue> = {
    triggers: s.triggers.map((t) => {
      const o: Record<string, JsonValue> = {};
      for (const [k, v] of Object.entries(t)) if (v !== undefined) o[k] = v;
      return o;
    }),
  };
  for (const [k, v] of Object.entries(s))
    if (k !== 'triggers' && v !== undefined && (typeof v === 'number' || typeof v === 'string')) out[k] = v;
  return out;
}

function nodeText(node: PipelineNode, depth: number): string {
  const obj: Record<string, JsonValue> = {};
  for (const key of NODE_ORDER) {
    if (key === 'charts') {
      if (node.charts !== undefined) obj[key] = node.charts.map(chartJson);
      continue;
    }
    const v = node[key];
    if (v === undefined) continue;
    if (key === 'description' && (typeof v === 'string' || Array.isArray(v))) obj[key] = splitLines(v);
    else if (key === 'params' && isJsonObject(v)) obj[key] = splitAllLines(v);
    else obj[key] = v;
  }
  return value(obj, depth, false);
}

/** A saved chart without its absent fields (its keys are sorted like any object's). */
function chartJson(chart: SavedChart): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(chart)) if (typeof v === 'string') out[k] = v;
  return out;
}

function round(n: number): number {
  return Math.round(n);
}

/** A string with line breaks becomes an array of its lines. */
function splitLines(v: JsonValue): JsonValue {
  return typeof v === 'string' && v.includes('\n') ? v.split('\n') : v;
}

function splitAllLines(v: JsonValue): JsonValue {
  if (typeof v === 'string') return splitLines(v);
  if (Array.isArray(v)) return v.map(splitAllLines);
  if (isJsonObject(v)) {
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = splitAllLines(x);
    return out;
  }
  return v;
}

function block(open: string, close: string, items: string[], depth: number): string {
  if (items.length === 0) return `${open}${close}`;
  const pad = '  '.repeat(depth + 1);
  return `${open}\n${items.map((it, i) => `${pad}${it}${i < items.length - 1 ? ',' : ''}`).join('\n')}\n${'  '.repeat(depth)}${close}`;
}

/** Parameter declarations as JSON: an absent default or description is no key (as value() writes any undefined). */
function declarationsJson(params: NonNullable<PipelineDocument['params']>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [name, decl] of Object.entries(params)) {
    const d: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(decl)) if (v !== undefined) d[k] = v;
    out[name] = d;
  }
  return out;
}

/** Pretty JSON with sorted keys (unless `keepOrder`), at a given depth. */
function value(v: JsonValue, depth: number, sortKeys: boolean): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    // Lists of numbers and booleans stay on one line; strings get a line each,
    // so adding a column or editing a SQL line is a one-line diff.
    if (v.every((x) => x === null || typeof x === 'number' || typeof x === 'boolean')) {
      return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    }
    return block(
      '[',
      ']',
      v.map((x) => value(x, depth + 1, true)),
      depth,
    );
  }
  const keys = sortKeys ? Object.keys(v).sort() : Object.keys(v);
  const items = keys.flatMap((k) => {
    const x = v[k];
    return x === undefined ? [] : [`${JSON.stringify(k)}: ${value(x, depth + 1, true)}`];
  });
  return block('{', '}', items, depth);
}
