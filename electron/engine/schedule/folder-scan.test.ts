import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanFolder } from './folder-scan';
import { globToRegExp } from './glob-match';
import type { FolderRule } from './schedule-rules';

const root = mkdtempSync(join(tmpdir(), 'duto-folder-scan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function rule(glob: string): FolderRule {
  return {
    kind: 'files',
    key: glob,
    folder: root,
    glob,
    match: globToRegExp(glob),
    debounceMs: 0,
    param: 'changed_files',
  };
}

describe('scanFolder', () => {
  mkdirSync(join(root, 'inbox', 'old', 'deeper'), { recursive: true });
  writeFileSync(join(root, 'inbox', 'a.csv'), 'x');
  writeFileSync(join(root, 'inbox', 'old', 'b.csv'), 'x');
  writeFileSync(join(root, 'inbox', 'old', 'deeper', 'c.csv'), 'x');
  writeFileSync(join(root, 'inbox', '.duto-tmp-1-x.csv'), 'x');

  it('matches the glob: * within a folder, ** across; Duto temporary files never count', () => {
    expect(Object.keys(scanFolder(rule('inbox/*.csv')))).toEqual(['inbox/a.csv']);
    expect(Object.keys(scanFolder(rule('inbox/**/*.csv'))).sort()).toEqual([
      'inbox/a.csv',
      'inbox/old/b.csv',
      'inbox/old/deeper/c.csv',
    ]);
    expect(Object.keys(scanFolder(rule('inbox/*/b.csv')))).toEqual(['inbox/old/b.csv']);
  });

  it('refuses, naming the glob, a walk past its cap instead of leaving files out', () => {
    mkdirSync(join(root, 'big'));
    for (let i = 0; i < 60; i++) writeFileSync(join(root, 'big', `f${String(i)}.csv`), 'x');
    expect(() => scanFolder(rule('big/*.csv'), 50)).toThrow(
      /big\/\*\.csv reaches more than 50 files and folders: narrow it/,
    );
    expect(Object.keys(scanFolder(rule('big/*.csv'), 100))).toHaveLength(60);
  });
});
