import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Response } from '../../shared/ipc/contract';
import { writeFileAtomic } from './atomic-write';
import { fsError } from './fs-errors';
import { makeFolder } from '../engine/files/make-folder';

/**
 * Crash recovery: the open pipeline's unsaved text, one file per key in
 * `backups/`, each written atomically so a crash while backing up cannot
 * destroy the previous backup.
 */

const backupSchema = z.object({
  key: z.string().min(1).max(100),
  path: z.string().min(1).max(4096).nullable(),
  savedAt: z.number(),
  text: z.string(),
});
type Backup = Response<'backup.list'>['backups'][number];

export interface Backups {
  write(key: string, path: string | null, text: string): Promise<void>;
  list(): Promise<Backup[]>;
  clear(key: string): Promise<void>;
}

/** Keys come from the renderer: encoded so none can name a file outside the folder. */
function fileOf(dir: string, key: string): string {
  return join(dir, `${Buffer.from(key, 'utf8').toString('base64url')}.json`);
}

export function createBackups(dir: string): Backups {
  return {
    async write(key, path, text) {
      const file = fileOf(dir, key);
      try {
        await makeFolder(dir);
        await writeFileAtomic(file, JSON.stringify({ key, path, savedAt: Date.now(), text }));
      } catch (e) {
        throw fsError(e, file, 'write the backup');
      }
    },
    async list() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return [];
      }
      const out: Backup[] = [];
      for (const name of names) {
        if (name.startsWith('.') || !name.endsWith('.json')) continue;
        try {
          const parsed = backupSchema.safeParse(JSON.parse(await readFile(join(dir, name), 'utf8')));
          if (parsed.success) out.push(parsed.data);
        } catch {
          // An unreadable backup cannot be offered; the others still can.
        }
      }
      return out.sort((a, b) => b.savedAt - a.savedAt);
    },
    async clear(key) {
      await rm(fileOf(dir, key), { force: true });
    },
  };
}
