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
