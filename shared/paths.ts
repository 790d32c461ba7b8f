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

/** A relative `path` made absolute from the folder `base`, `.` and `..` resolved, with the folder's separator. */
export function resolveFrom(base: string, path: string): string {
  const s = sep(base);
  const out = base.replace(/[\\/]+$/, '').split(/[\\/]/);
  for (const part of path.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 1) out.pop();
    } else out.push(part);
  }
  return out.length === 1 && out[0] === '' ? s : out.join(s);
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

/**
 * A file name from a pipeline name, as the user wrote it (`Orders report` →
 * `Orders report.duto.json`): only what no file system takes is replaced
 * (separators, `:*?"<>|`, control characters, Windows' device names, a
 * trailing dot or space). `ext` is `.duto.json` for the pipeline, `.md` for its docs.
 */
export function suggestedFileName(name: string | undefined, ext = '.duto.json'): string {
  let base = [...(name ?? '')]
    .map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? '-' : c))
    .join('')
    .replace(/[\\/:*?"<>|]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120)
    .trim();
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base)) base = `${base}-`;
  return `${base === '' ? 'pipeline' : base}${ext}`;
}
