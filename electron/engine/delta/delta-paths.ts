import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The file an `add`/`remove` action names, as a path inside the table folder,
 * or undefined when the action points elsewhere: an absolute path, a URL
 * (`s3://`, `file:`), or one that climbs out with `..`. Paths in the log are
 * URL-encoded (PROTOCOL.md "Add File and Remove File").
 */
export function pathInTable(root: string, logPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(logPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(decoded)) return undefined;
  if (decoded.startsWith('/') || decoded.startsWith('\\') || isAbsolute(decoded)) return undefined;
  if (decoded.split(/[\\/]/).includes('..')) return undefined;
  const full = resolve(root, decoded);
  const rel = relative(resolve(root), full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || !full.startsWith(resolve(root) + sep)) return undefined;
  return full;
}
