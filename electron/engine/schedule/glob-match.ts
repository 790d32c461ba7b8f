/**
 * A folder trigger's glob as a regular expression over `/`-separated paths
 * relative to the pipeline's folder: `*` and `?` stay within one folder,
 * `**` crosses folders. Nothing else is special (a literal `.` is a dot).
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*' && glob.charAt(i + 1) === '*') {
      // `**/` matches zero or more folders; a trailing `**` anything.
      if (glob.charAt(i + 2) === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether a glob stays inside the folder it is relative to: relative, and no `..` part. */
export function globInside(glob: string): boolean {
  if (glob.startsWith('/') || /^[A-Za-z]:/.test(glob) || glob.includes('\\')) return false;
  return !glob.split('/').includes('..');
}

/** The fixed folder a glob starts in (`inbox/*.csv` → `inbox`), so a scan reads no more than it must. */
export function globBase(glob: string): string {
  const parts = glob.split('/');
  const fixed: string[] = [];
  for (const p of parts.slice(0, -1)) {
    if (/[*?]/.test(p)) break;
    fixed.push(p);
  }
  return fixed.join('/');
}
