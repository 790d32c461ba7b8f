import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write';
import { makeFolder } from '../engine/files/make-folder';

/** The recently opened pipelines, newest first, kept as JSON in the user data folder. */

export const MAX_RECENT = 10;

const fileSchema = z.object({ paths: z.array(z.string().min(1).max(4096)) });

export interface RecentList {
  list(): Promise<string[]>;
  add(path: string): Promise<string[]>;
}

export function createRecentList(file: string): RecentList {
  // Adds are chained so two quick adds cannot both read the old list.
  let queue: Promise<unknown> = Promise.resolve();

  const list = async (): Promise<string[]> => {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      // A damaged list is not worth an error: it only lists shortcuts.
      return parsed.success ? parsed.data.paths.slice(0, MAX_RECENT) : [];
    } catch {
      return [];
    }
  };

  const add = (path: string): Promise<string[]> => {
    const next = queue.then(async () => {
      const paths = [path, ...(await list()).filter((p) => p !== path)].slice(0, MAX_RECENT);
      await makeFolder(dirname(file));
      await writeFileAtomic(file, JSON.stringify({ paths }, null, 2) + '\n');
      return paths;
    });
    queue = next.catch(() => undefined);
    return next;
  };

  return { list, add };
}
