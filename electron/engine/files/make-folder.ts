import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`, one level at a time. Node 20's own (`mkdir(…, { recursive: true })`)
 * never returns where mkdir answers ENOENT under a parent that exists — any
 * path in /proc — so a pipeline writing to `/proc/x/out.csv` hung its run at
 * 100% CPU. Here every failure is an error naming the folder.
 */
export function makeFolderSync(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); ;) {
    if (isFolder(d)) break;
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      // Made meanwhile by another run: as good as ours.
      if (!(hasCode(e, 'EEXIST') && isFolder(d))) throw e;
    }
  }
}

/** The same for async callers (the work is a few system calls). */
export function makeFolder(dir: string): Promise<void> {
  try {
    makeFolderSync(dir);
    return Promise.resolve();
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

/** A folder is there; a file in its place is an error (EEXIST as mkdir says it), a missing one is not. */
function isFolder(d: string): boolean {
  try {
    if (statSync(d).isDirectory()) return true;
  } catch (e) {
    if (hasCode(e, 'ENOENT')) return false;
    throw e;
  }
  throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${d}'`), {
    code: 'EEXIST',
    path: d,
    syscall: 'mkdir',
  });
}

function hasCode(e: unknown, code: string): boolean {
  return e instanceof Error && 'code' in e && e.code === code;
}
