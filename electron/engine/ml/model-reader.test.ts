import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boundedModelReader, MODEL_MAX_BYTES, readModelFile } from './model-reader';

// Hostile model paths: whatever a shared pipeline names, reading its model never hangs, never reads
// past the cap, and a restricted pipeline never reads beyond its own folder.
const root = mkdtempSync(join(tmpdir(), 'duto-model-reader-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function problemOf(r: ReturnType<typeof readModelFile> | undefined): string {
  if (r === undefined) return 'held back';
  return 'problem' in r ? r.problem : 'read';
}

describe('readModelFile on hostile paths', () => {
  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const fifo = join(root, 'model.json');
    execFileSync('mkfifo', [fifo]);
    const t0 = Date.now();
    expect(problemOf(readModelFile(fifo))).toMatch(/not a regular file/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('refuses a device and a folder', () => {
    expect(problemOf(readModelFile('/dev/zero'))).toMatch(/not a regular file/);
    expect(problemOf(readModelFile(root))).toMatch(/not a regular file/);
  });

  it('refuses a file over the cap without reading it', () => {
    const big = join(root, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, MODEL_MAX_BYTES + 1);
    expect(problemOf(readModelFile(big))).toMatch(/at most/);
  });

  it('a restricted pipeline reads no model outside its folder, through .. or a symbolic link', () => {
    const project = join(root, 'project');
    mkdirSync(project);
    const outside = join(root, 'outside.json');
    writeFileSync(outside, '{}');
    symlinkSync(outside, join(project, 'linked.json'));
    writeFileSync(join(project, 'inside.json'), '{"not":"a model"}');
    const read = boundedModelReader(project, 'restricted');
    expect(problemOf(read(join(project, '..', 'outside.json')))).toBe('held back');
    expect(problemOf(read(join(project, 'linked.json')))).toBe('held back');
    expect(problemOf(read(join(project, 'inside.json')))).toMatch(/not a Duto model/);
    // Trusted, the same link is followed (and the file then judged on its content).
    expect(problemOf(boundedModelReader(project, 'trusted')(join(project, 'linked.json')))).toMatch(/not a Duto model/);
  });
});
