/**
 * Path helpers that work on POSIX and Windows paths alike, without Node's
 * `path` module (shared/ runs in the renderer too).
 */

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

function sep(p: string): string {
  return /^[A-Za-z]:\\/.test(p) || p.startsWith('\\\\') ? '\\' : '/';
}

/** Joins and normalises `.` and `..` segments. */
export function joinPath(base: string, rel: string): string {
  if (isAbsolutePath(rel)) return normalizePath(rel);
  const s = sep(base);
  return normalizePath(`${base.replace(/[\\/]+$/, '')}${s}${rel}`);
}

export function normalizePath(p: string): string {
  const s = sep(p);
  const drive = /^[A-Za-z]:/.exec(p)?.[0] ?? '';
  const rest = p.slice(drive.length);
  const absolute = rest.startsWith('/') || rest.startsWith('\\');
  const parts: string[] = [];
  for (const part of rest.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  return `${drive}${absolute ? s : ''}${parts.join(s)}` || (absolute ? s : '.');
}

export function dirnameOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i < 0) return '.';
  if (i === 0) return p.slice(0, 1);
  return p.slice(0, i);
}

export function basenameOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return p.slice(i + 1);
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
