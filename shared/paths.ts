/**
 * Path helpers that work on POSIX and Windows paths alike, without Node's
 * `path` module (shared/ runs in the renderer too).
 */

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/**
 * The separator a path uses: Windows' for a drive path (`C:\data`), a UNC
 * path (`\\server\share`) or one with backslashes and no slash; `/` otherwise.
 */
function sep(p: string): string {
  return /^[A-Za-z]:\\/.test(p) || p.startsWith('\\\\') || (p.includes('\\') && !p.includes('/')) ? '\\' : '/';
}

/** `name` inside the folder `dir`, with the folder's separator. */
export function joinPath(dir: string, name: string): string {
  return /[\\/]$/.test(dir) ? `${dir}${name}` : `${dir}${sep(dir)}${name}`;
}

/** The folder of a path; a drive's root stays a root (`C:\x` → `C:\`). */
export function dirnameOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i < 0) return '.';
  if (i === 0) return p.slice(0, 1);
  if (i === 2 && p[1] === ':') return p.slice(0, 3);
  return p.slice(0, i);
}

export function basenameOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return p.slice(i + 1);
}

/** `path` relative to `base` when inside it, with `/` (portable pipelines); else unchanged. */
export function relativeTo(base: string, path: string): string {
  const b = base.replace(/[\\/]+$/, '');
  if (path.startsWith(`${b}/`) || path.startsWith(`${b}\\`)) return path.slice(b.length + 1).replace(/\\/g, '/');
  return path;
}

/** Where a pipeline's relative paths resolve: its file's folder, or the working folder while unsaved. */
export function baseDirOf(path: string | null, workDir: string | undefined): string {
  return path === null ? (workDir ?? '.') : dirnameOf(path);
}

export function hasGlob(p: string): boolean {
  return /[*?[{]/.test(p);
}

/** The folder a glob starts from: `/data/2024/*.csv` → `/data/2024`. */
export function globBase(p: string): string {
  const parts = p.split(/(?<=[\\/])/);
  let out = '';
  for (const part of parts) {
    if (hasGlob(part)) break;
    out += part;
  }
  return out.replace(/[\\/]+$/, '') || sep(p);
}

/** A file name from a pipeline name: `Orders report` → `orders-report.duto.json`. */
export function suggestedFileName(name: string | undefined): string {
  const slug = (name ?? 'pipeline')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug === '' ? 'pipeline' : slug}.duto.json`;
}
