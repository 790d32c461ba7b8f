import { constants } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Response } from '../../shared/ipc/contract';
import type { Handlers } from './dispatch';
import { writeFileAtomic } from './atomic-write';
import { createBackups } from './backups';
import { fsError } from './fs-errors';
import { HostError, hostError } from './host-error';
import { createRecentList } from './recent-list';
import { said } from '../../shared/messages/diagnostic-messages';

/**
 * The file operations of the contract: reading and atomically writing text
 * files, listing folders for the browser shell's path picker, the recent
 * files list and crash-recovery backups (both kept in the user data folder).
 */

export const MAX_READ_BYTES = 50 * 1024 * 1024;

export type FileOperation =
  | 'file.read'
  | 'file.write'
  | 'file.list'
  | 'recent.list'
  | 'recent.add'
  | 'backup.write'
  | 'backup.list'
  | 'backup.clear';

export interface FileOpsOptions {
  /** Where recent.json and backups/ live (Electron's userData, or its equivalent for the browser shell). */
  userDataDir: string;
}

export function createFileOps(options: FileOpsOptions): Pick<Handlers, FileOperation> {
  const recent = createRecentList(join(options.userDataDir, 'recent.json'));
  const backups = createBackups(join(options.userDataDir, 'backups'));
  return {
    'file.read': async ({ path }) => ({ path, text: await readText(absolute(path)) }),
    'file.write': async ({ path, text }) => {
      const target = absolute(path);
      try {
        await writeFileAtomic(target, text);
      } catch (e) {
        throw fsError(e, target, 'write');
      }
      return { path: target };
    },
    'file.list': async ({ dir }) => listDir(absolute(dir)),
    'recent.list': async () => ({ paths: await recent.list() }),
    'recent.add': async ({ path }) => ({ paths: await recent.add(absolute(path)) }),
    'backup.write': async (req) => {
      await backups.write(req.key, req.path, req.text);
      return {};
    },
    'backup.list': async () => ({ backups: await backups.list() }),
    'backup.clear': async ({ key }) => {
      await backups.clear(key);
      return {};
    },
  };
}

/** Paths cross the API absolute: a relative one would depend on the host's working folder. */
function absolute(path: string): string {
  if (!isAbsolute(path)) throw hostError(said('file.path', { file: path }));
  return resolve(path);
}

async function readText(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    // Non-blocking, so a FIFO with no writer cannot hold the open (Windows has no such flag, nor such FIFOs);
    // the opened file is what is checked, so it cannot be swapped after the check.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const st = await handle.stat();
      if (st.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
      if (!st.isFile()) throw hostError(said('file.not-regular', { file: path }));
      if (st.size > MAX_READ_BYTES) {
        throw hostError(
          said('file.too-large', {
            file: path,
            size: (st.size / 1024 / 1024).toFixed(0),
            max: MAX_READ_BYTES / 1024 / 1024,
          }),
        );
      }
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (e instanceof HostError) throw e;
    throw fsError(e, path, 'read');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw hostError(said('file.encoding', { file: path }));
  }
}

async function listDir(dir: string): Promise<Response<'file.list'>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    throw fsError(e, dir, 'list');
  }
  const entries: Response<'file.list'>['entries'] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    try {
      // stat, not lstat: a link to a folder is browsed like a folder.
      const st = await stat(join(dir, name));
      entries.push({
        name,
        kind: st.isDirectory() ? 'dir' : 'file',
        size: st.size,
        modifiedMs: Math.round(st.mtimeMs),
      });
    } catch {
      // A broken link or an entry removed meanwhile: nothing to show.
    }
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
  const parent = dirname(dir);
  return { dir, parent: parent === dir ? null : parent, entries };
}
