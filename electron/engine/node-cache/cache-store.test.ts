import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir } from '../test-support';
import {
  cacheMaxBytes,
  clearCache,
  commitEntry,
  entryProblem,
  evict,
  listEntries,
  readEntry,
  touchEntry,
  writeNames,
} from './cache-store';

/** The cache folder's own rules: commit by sidecar, damage seen, least recently used evicted first, budget from flag or environment. */

function put(dir: string, print: string, bytes: number, usedAt: number): void {
  const names = writeNames(dir, print);
  writeFileSync(names.temp, Buffer.alloc(bytes, 7));
  commitEntry(dir, print, names, 1, [{ name: 'x', type: 'INTEGER' }]);
  utimesSync(join(dir, `${print}.json`), usedAt, usedAt);
}

describe('node cache store', () => {
  it('evicts the least recently used entries until the folder fits its budget', () => {
    const dir = freshDir('duto-cache-store-');
    put(dir, 'aa', 1000, 1_000);
    put(dir, 'bb', 1000, 2_000);
    put(dir, 'cc', 1000, 3_000);
    touchEntry(dir, 'aa');
    expect(evict(dir, 2000)).toBe(2000);
    expect(listEntries(dir).map((e) => e.print)).toEqual(['aa', 'cc']);
    expect(clearCache(dir)).toEqual({ entries: 2, bytes: 2000 });
    expect(listEntries(dir)).toEqual([]);
  });

  it('sees a truncated or rewritten entry', () => {
    const dir = freshDir('duto-cache-store-');
    put(dir, 'dd', 4096, 1_000);
    const entry = readEntry(dir, 'dd');
    expect(entry === undefined ? 'none' : entryProblem(dir, entry)).toBeUndefined();
    writeFileSync(join(dir, entry?.file ?? ''), Buffer.alloc(4096, 8));
    expect(entry === undefined ? undefined : entryProblem(dir, entry)).toEqual({ missing: false, detail: 'sha256' });
    writeFileSync(join(dir, entry?.file ?? ''), Buffer.alloc(10, 7));
    expect(entry === undefined ? undefined : entryProblem(dir, entry)).toEqual({ missing: false, detail: '10/4096 B' });
  });

  it('takes the budget from the run, else DUTO_CACHE_MAX_BYTES, else 2 GiB', () => {
    expect(cacheMaxBytes(500, { DUTO_CACHE_MAX_BYTES: '100' })).toBe(500);
    expect(cacheMaxBytes(undefined, { DUTO_CACHE_MAX_BYTES: '100' })).toBe(100);
    expect(cacheMaxBytes(undefined, {})).toBe(2 * 2 ** 30);
  });
});
