import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { globBase } from './glob-match';
import type { FolderRule } from './schedule-rules';

/** A scan runs every few seconds: past this many folder entries it stops and says so, rather than walk a whole disk. */
const SCAN_MAX_ENTRIES = 100_000;

/** The deepest a `**` glob descends below its fixed folder. */
const MAX_DEPTH = 16;

/**
 * The files a folder rule matches: path relative to the pipeline's folder →
 * size and modification time. A glob without `**` is not walked below the
 * folders it names. Throws when the walk reaches more than `maxEntries`
 * entries (the scheduler logs it and tries again at the next scan): files
 * beyond the cap are never silently left out.
 */
export function scanFolder(rule: FolderRule, maxEntries: number = SCAN_MAX_ENTRIES): Record<string, string> {
  const out: Record<string, string> = {};
  const base = globBase(rule.glob);
  const below = rule.glob.split('/').length - (base === '' ? 0 : base.split('/').length) - 1;
  const maxDepth = rule.glob.includes('**') ? MAX_DEPTH : below;
  let visited = 0;
  const walk = (dir: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    visited += entries.length;
    if (visited > maxEntries) {
      throw new Error(
        `the folder trigger ${rule.glob} reaches more than ${String(maxEntries)} files and folders: narrow it`,
      );
    }
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < maxDepth && !e.name.startsWith('.')) walk(abs, depth + 1);
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
  walk(join(rule.folder, base), 0);
  return out;
}
