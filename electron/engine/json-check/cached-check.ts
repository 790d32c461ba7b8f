import { statSync } from 'node:fs';
import { statIdentity } from '../files/file-identity';
import { checkJsonFile, type JsonCheck, type JsonLayout } from './check-json-file';

/** Checks keyed by path and layout, valid while the file keeps its identity (file-identity.ts): a file is read once per change. */
const cache = new Map<string, { identity: string; check: JsonCheck }>();
const MAX_ENTRIES = 10_000;

export function cachedJsonCheck(path: string, layout: JsonLayout): JsonCheck {
  const key = `${layout}\u0000${path}`;
  // Taken before reading: a file that changes while it is read is read again next time.
  const identity = statIdentity(statSync(path, { bigint: true }));
  const hit = cache.get(key);
  if (hit !== undefined && hit.identity === identity) return hit.check;
  const fresh = checkJsonFile(path, layout);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { identity, check: fresh });
  return fresh;
}
