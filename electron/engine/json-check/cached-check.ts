import { statSync } from 'node:fs';
import { checkJsonFile, type JsonCheck, type JsonLayout } from './check-json-file';

/** Checks keyed by path and layout, valid while the file keeps its size and mtime: a file is read once per change. */
const cache = new Map<string, JsonCheck>();
const MAX_ENTRIES = 10_000;

export function cachedJsonCheck(path: string, layout: JsonLayout): JsonCheck {
  const key = `${layout}\u0000${path}`;
  const stat = statSync(path);
  const hit = cache.get(key);
  if (hit !== undefined && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) return hit;
  const fresh = checkJsonFile(path, layout);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, fresh);
  return fresh;
}
