/** Path helpers for paths the host gives us (POSIX or Windows); the renderer has no `path` module. */

export { suggestedFileName } from '../../../shared/paths';

function sep(p: string): string {
  return p.includes('\\') && !p.includes('/') ? '\\' : '/';
}

export function dirname(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i < 0) return '.';
  if (i === 0) return p.slice(0, 1);
  if (i === 2 && p[1] === ':') return p.slice(0, 3);
  return p.slice(0, i);
}

export function basename(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return p.slice(i + 1);
}

export function joinPath(dir: string, name: string): string {
  const s = sep(dir);
  return dir.endsWith('/') || dir.endsWith('\\') ? `${dir}${name}` : `${dir}${s}${name}`;
}

/** `path` relative to `base` when inside it (portable pipelines), else unchanged. */
export function relativeTo(base: string, path: string): string {
  const b = base.replace(/[\\/]+$/, '');
  if (path.startsWith(`${b}/`) || path.startsWith(`${b}\\`)) return path.slice(b.length + 1).replace(/\\/g, '/');
  return path;
}

/** Where relative paths of the pipeline resolve: its folder, or the working folder when unsaved. */
export function baseDirOf(path: string | null, workDir: string | undefined): string {
  return path === null ? (workDir ?? '.') : dirname(path);
}

