import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOrdersPipeline } from './pipeline-builder';
import { CLI, duto, dutoAwait, requireBuiltCli, tmp } from './support';

/**
 * The CLI's V8 code cache (bin/code-cache.js, issue #12): a start keeps, per
 * command, the code it compiled; the next start of that command uses it.
 * A cache that is damaged, cut short or made for another build is never
 * used — the CLI answers the same and writes a good one — and a folder it
 * cannot write costs only the cache. Each test has a cache folder of its
 * own (DUTO_CODE_CACHE_DIR), so the suites running beside it are not touched.
 */

const MAGIC = 'duto-v8-code-cache 1\n';

/** A cache file as bin/code-cache.js writes it: the magic line, the SHA-256 of V8's data, the data. */
function wellFormed(bytes: Buffer): boolean {
  const data = bytes.subarray(MAGIC.length + 32);
  return (
    bytes.subarray(0, MAGIC.length).toString() === MAGIC &&
    data.length > 100_000 &&
    createHash('sha256')
      .update(data)
      .digest()
      .equals(bytes.subarray(MAGIC.length, MAGIC.length + 32))
  );
}

const caches = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

/** The cache file a command's start uses: named by the bundle's size and modification time, and the command. */
function expectedName(command: string): string {
  const s = statSync(CLI);
  return `cli.cjs.${String(s.size)}-${String(Math.trunc(s.mtimeMs))}.${command}.v8cache`;
}

describe('the code cache', () => {
  beforeAll(requireBuiltCli);

  it("is written by a command's first start, then used as it is: the same answers, the file not rewritten", () => {
    const dir = tmp('duto-code-cache-');
    const file = writeOrdersPipeline(dir);
    const env = { DUTO_CODE_CACHE_DIR: dir };
    const first = duto(['preview', file, 'big'], dir, env);
    expect(first.code).toBe(0);
    expect(caches(dir)).toEqual([expectedName('preview')]);
    const cache = join(dir, expectedName('preview'));
    const bytes = readFileSync(cache);
    expect(wellFormed(bytes)).toBe(true);
    const before = statSync(cache).mtimeMs;

    const second = duto(['preview', file, 'big'], dir, env);
    expect(second).toEqual(first);
    expect(statSync(cache).mtimeMs).toBe(before);
    expect(readFileSync(cache).equals(bytes)).toBe(true);
    // Another command has a cache of its own.
    expect(duto(['validate', file], dir, env).code).toBe(0);
    expect(caches(dir).sort()).toEqual([expectedName('preview'), expectedName('validate')].sort());
  });

  it('a damaged or cut-short cache is never used: the answer is the same and a good cache replaces it', () => {
    const dir = tmp('duto-code-cache-');
    const file = writeOrdersPipeline(dir);
    const env = { DUTO_CODE_CACHE_DIR: dir };
    const good = duto(['preview', file, 'big'], dir, env);
    const cache = join(dir, expectedName('preview'));
    const original = readFileSync(cache);
    const damaged = Buffer.from(original);
    // A byte in the middle of V8's data: V8 itself would not notice (release builds skip its checksum).
    const at = Math.floor(damaged.length / 2);
    damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    for (const broken of [damaged, original.subarray(0, original.length - 1000), Buffer.from('not a cache')]) {
      writeFileSync(cache, broken);
      expect(duto(['preview', file, 'big'], dir, env)).toEqual(good);
      // Replaced by a whole cache whose checksum holds (a kept damaged file would still start with the magic).
      const now = readFileSync(cache);
      expect(now.equals(broken)).toBe(false);
      expect(wellFormed(now)).toBe(true);
    }
  });

  it('four first starts at once each write the cache whole: one good cache, no temp file left, the same answers', async () => {
    const dir = tmp('duto-code-cache-');
    const file = writeOrdersPipeline(dir);
    const env = { DUTO_CODE_CACHE_DIR: dir };
    const runs = await Promise.all(Array.from({ length: 4 }, () => dutoAwait(['preview', file, 'big'], dir, env)));
    for (const r of runs) expect(r).toEqual(runs[0]);
    expect(runs[0]?.code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes('.v8cache'))).toEqual([expectedName('preview')]);
    expect(wellFormed(readFileSync(join(dir, expectedName('preview'))))).toBe(true);
  });

  it("another build's caches and a killed start's leftovers are removed when this build writes its own; off writes none; a folder it cannot write costs only the cache", () => {
    const dir = tmp('duto-code-cache-');
    const file = writeOrdersPipeline(dir);
    writeFileSync(join(dir, 'cli.cjs.123-456.preview.v8cache'), 'an old build');
    writeFileSync(join(dir, 'other.v8cache'), 'not ours');
    // A write a killed start left half done, an hour ago.
    const stale = join(dir, `${expectedName('run')}.4242.tmp`);
    writeFileSync(stale, 'half a cache');
    utimesSync(stale, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    expect(duto(['validate', file], dir, { DUTO_CODE_CACHE_DIR: dir }).code).toBe(0);
    expect(caches(dir).sort()).toEqual([expectedName('validate'), 'other.v8cache'].sort());
    expect(existsSync(stale)).toBe(false);

    const off = tmp('duto-code-cache-');
    const plain = duto(['validate', file], dir, { DUTO_CODE_CACHE_DIR: off, DUTO_CODE_CACHE: 'off' });
    expect(plain.code).toBe(0);
    expect(caches(off)).toEqual([]);

    // A file where the folder should be: nothing can be written under it, and nothing is said about it.
    const blocked = join(dir, 'orders.csv', 'cache');
    expect(duto(['validate', file], dir, { DUTO_CODE_CACHE_DIR: blocked })).toEqual(plain);
  });
});
