/**
 * Dotted paths into parsed JSON: `data.items`, `meta.next_cursor`,
 * `results.0.rows` (a number indexes an array). The empty path is the
 * value itself.
 */

export type JsonPathResult = { found: true; value: unknown } | { found: false; at: string; keys: string[] };

export function atPath(root: unknown, path: string): JsonPathResult {
  let value = root;
  const walked: string[] = [];
  for (const segment of path === '' ? [] : path.split('.')) {
    const next = step(value, segment);
    if (next === undefined) return { found: false, at: walked.join('.'), keys: keysOf(value) };
    walked.push(segment);
    value = next.value;
  }
  return { found: true, value };
}

function step(value: unknown, segment: string): { value: unknown } | undefined {
  if (Array.isArray(value)) {
    if (!/^\d+$/.test(segment)) return undefined;
    const i = Number(segment);
    return i < value.length ? { value: value[i] } : undefined;
  }
  if (isRecord(value) && Object.hasOwn(value, segment)) return { value: value[segment] };
  return undefined;
}

function keysOf(value: unknown): string[] {
  return isRecord(value) && !Array.isArray(value) ? Object.keys(value) : [];
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
