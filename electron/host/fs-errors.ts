import { HostError } from './host-error';

/** A file-system failure as a message a person can act on, with a stable code. */
export function fsError(e: unknown, path: string, doing: string): HostError {
  const code = e instanceof Error && 'code' in e ? String(e.code) : '';
  const known: Record<string, [string, string]> = {
    ENOENT: ['file.not-found', 'no such file or folder'],
    EACCES: ['file.permission', 'permission denied'],
    EPERM: ['file.permission', 'permission denied'],
    EISDIR: ['file.is-folder', 'it is a folder'],
    ENOTDIR: ['file.not-folder', 'a part of the path is not a folder'],
    ENOSPC: ['file.disk-full', 'the disk is full'],
    EROFS: ['file.read-only', 'the file system is read-only'],
    ENAMETOOLONG: ['file.error', 'the name is too long for the file system'],
    EEXIST: ['file.error', 'something else is already there'],
    ELOOP: ['file.error', 'too many links in the path'],
  };
  const [ipcCode, why] = known[code] ?? ['file.error', e instanceof Error ? e.message : String(e)];
  return new HostError({ code: ipcCode, message: `cannot ${doing} ${path}: ${why}` });
}
