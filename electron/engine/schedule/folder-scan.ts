import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { globBase } from './glob-match';
import type { FolderRule } from './schedule-rules';

/** The files a folder rule matches: path relative to the pipeline's folder → size and modification time. */
export function scanFolder(rule: FolderRule): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < 16 && !e.name.startsWith('.')) walk(abs, depth + 1);
        continue;
      }
      if (!e.isFile() || e.name.includes('.duto-')) continue;
      const rel = relative(rule.folder, abs).split(sep).join('/');
      if (!rule.match.test(rel)) continue;
      try {
        const st = statSync(abs);
        out[rel] = `${String(st.size)}:${String(st.mtimeMs)}`;
      } catch {
        // Gone between the listing and the stat: next scan.
      }
    }
  };
  walk(join(rule.folder, globBase(rule.glob)), 0);
  return out;
}
