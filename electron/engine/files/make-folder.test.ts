import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolder, makeFolderSync } from './make-folder';

describe('makeFolder (mkdir -p)', () => {
  it('makes every missing level, and is content with one that exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-mk-'));
    makeFolderSync(join(dir, 'a', 'b', 'c'));
    expect(statSync(join(dir, 'a', 'b', 'c')).isDirectory()).toBe(true);
    makeFolderSync(join(dir, 'a', 'b', 'c'));
    await makeFolder(join(dir, 'a', 'x', 'y'));
    expect(existsSync(join(dir, 'a', 'x', 'y'))).toBe(true);
  });

  it('fails with the file in the way named, where a file holds a folder’s place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-mk-'));
    writeFileSync(join(dir, 'f'), '');
    expect(() => makeFolderSync(join(dir, 'f'))).toThrow(/EEXIST.*'.*\/f'/);
    expect(() => makeFolderSync(join(dir, 'f', 'g'))).toThrow(/ENOTDIR/);
    await expect(makeFolder(join(dir, 'f', 'g'))).rejects.toThrow(/ENOTDIR/);
  });

  it('fails at once where mkdir cannot make a folder under one that exists (Node 20 looped for ever in /proc)', () => {
    const started = Date.now();
    expect(() => makeFolderSync('/proc/duto-no-such/out')).toThrow(/ENOENT|EACCES|EPERM/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
