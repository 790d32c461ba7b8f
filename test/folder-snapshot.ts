import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Everything in a folder tree — each entry's kind, size, mtime and content
 * hash — so a test can prove an operation wrote, deleted or touched nothing
 * there. Folders Duto's own caches live in can be left out.
 */
export function folderSnapshot(root: string, skip: (relPath: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const rel = relative(root, path);
      if (skip(rel)) continue;
      const st = lstatSync(path);
      if (st.isDirectory()) {
        out[rel] = `dir ${String(st.mtimeMs)}`;
        walk(path);
      } else if (st.isFile()) {
        out[rel] =
          `file ${String(st.size)} ${String(st.mtimeMs)} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
      } else {
        out[rel] = `other ${String(st.mode)}`;
      }
    }
  };
  walk(root);
  return out;
}
