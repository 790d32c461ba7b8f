import { mkdirSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileIdentity, regularFileIdentity } from './file-identity';
import { freshDir } from '../test-support';

// A fixed time, set back after each write: what `touch -d`, an unpacked archive or a same-millisecond rewrite leaves.
const SAME_TIME = 1_700_000_000;

/** What identity was before file-identity.ts in the app's session key: size and mtime in milliseconds. */
function sizeAndMtimeMs(path: string): string {
  const s = statSync(path);
  return `${String(s.size)}:${String(s.mtimeMs)}`;
}

/** Long enough for the kernel's coarse clock to tick, so ctime moves (the rewrite itself may be as fast as it likes). */
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 25));

describe('file identity', () => {
  it('changes on a same-size rewrite whose mtime is set back to the very same value', async () => {
    const path = join(freshDir('duto-identity-'), 'in.csv');
    writeFileSync(path, 'id,name\n1,a\n');
    utimesSync(path, SAME_TIME, SAME_TIME);
    const before = fileIdentity(path);
    const oldKey = sizeAndMtimeMs(path);
    await tick();
    writeFileSync(path, 'id,nom\n12,a\n');
    utimesSync(path, SAME_TIME, SAME_TIME);
    // The bug: size and millisecond mtime say "unchanged", so a stale session was reused.
    expect(sizeAndMtimeMs(path)).toBe(oldKey);
    expect(before).toBeDefined();
    expect(fileIdentity(path)).not.toBe(before);
  });

  it('changes when another file of the same size and times is renamed over it', () => {
    const dir = freshDir('duto-identity-');
    const path = join(dir, 'in.csv');
    writeFileSync(path, 'id\n1\n');
    utimesSync(path, SAME_TIME, SAME_TIME);
    const before = fileIdentity(path);
    const oldKey = sizeAndMtimeMs(path);
    writeFileSync(join(dir, 'next.tmp'), 'id\n2\n');
    utimesSync(join(dir, 'next.tmp'), SAME_TIME, SAME_TIME);
    renameSync(join(dir, 'next.tmp'), path);
    expect(sizeAndMtimeMs(path)).toBe(oldKey);
    expect(fileIdentity(path)).not.toBe(before);
  });

  it('is stable while nothing changes; folders have one, missing paths none', () => {
    const dir = freshDir('duto-identity-');
    const path = join(dir, 'in.csv');
    writeFileSync(path, 'id\n1\n');
    expect(fileIdentity(path)).toBe(fileIdentity(path));
    expect(regularFileIdentity(path)).toBe(fileIdentity(path));
    mkdirSync(join(dir, 'sub'));
    expect(fileIdentity(join(dir, 'sub'))).toBeDefined();
    expect(regularFileIdentity(join(dir, 'sub'))).toBeUndefined();
    expect(fileIdentity(join(dir, 'missing.csv'))).toBeUndefined();
  });

  it('carries the content, so a one-byte edit is seen even within one tick of the clock (small whole, big sampled)', () => {
    const dir = freshDir('duto-identity-');
    const small = join(dir, 'small.csv');
    const big = join(dir, 'big.csv');
    const digest = (p: string): string | undefined => fileIdentity(p)?.split(':').at(-1);
    writeFileSync(small, 'id\n1\n');
    const before = digest(small);
    writeFileSync(small, 'id\n2\n');
    expect(digest(small)).not.toBe(before);
    const body = Buffer.alloc(3 << 20, 'a');
    writeFileSync(big, body);
    const bigBefore = digest(big);
    body[body.length - 1] = 'b'.charCodeAt(0);
    writeFileSync(big, body);
    expect(bigBefore).toMatch(/^[0-9a-f]{32}$/);
    expect(digest(big)).not.toBe(bigBefore);
  });
});
