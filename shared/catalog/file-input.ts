import { hasGlob } from '../paths';
import { str } from '../sql/quote';
import type { CompileContext, FileRead, NodeIssue, PathKind } from './node-type';

/**
 * How a source names its files. `union_by_name` is asked for only when there
 * may be several files: on one file it doubles peak memory (measured: 540 MB
 * against 245 MB on the 10M-row benchmark) for nothing.
 */
export interface FileInput {
  /** SQL for the file argument of read_csv / read_json / read_parquet. */
  sql: string;
  /** The absolute path or glob. */
  pattern: string;
  /** A glob or folder: possibly several files, to be unioned by column name. */
  many: boolean;
  /** The files read: a glob's or folder's are listed one by one (the engine's sandbox allows exactly these). */
  reads: FileRead[];
  issues: NodeIssue[];
}

/** Why a path cannot be read as a source file, or null. */
export function unreadable(kind: PathKind, abs: string): string | null {
  if (kind === 'missing') return `file not found: ${abs}`;
  if (kind === 'dir') return `${abs} is a folder, not a file`;
  if (kind === 'other') return `${abs} is not a regular file (a pipe, device or socket): sources read files only`;
  return null;
}

/**
 * Resolves a source's path param: one file, a glob, or a folder (read as
 * every file with one of `extensions` in it, recursively if asked). Globs and
 * folders are expanded by the engine into the files they match, and read as
 * that list.
 */
export function fileInput(
  ctx: CompileContext<unknown>,
  raw: string,
  extensions: readonly string[],
  recursive: boolean,
  param = 'path',
): FileInput {
  const abs = ctx.resolvePath(raw);
  // A name that exists as written is that file, even when it holds glob characters (`report[1].csv`).
  const stat = ctx.statPath(abs);
  const kind = stat === 'missing' && hasGlob(abs) ? 'glob' : stat;
  if (kind === 'glob' || kind === 'dir') {
    const sepChar = abs.includes('\\') && !abs.includes('/') ? '\\' : '/';
    const deep = recursive ? `**${sepChar}` : '';
    const folder = abs.endsWith(sepChar) ? abs.slice(0, -1) : abs;
    const patterns = kind === 'glob' ? [abs] : extensions.map((e) => `${folder}${sepChar}${deep}*.${e}`);
    const files: string[] = [];
    const problems: string[] = [];
    for (const pattern of patterns) {
      const r = ctx.glob(pattern);
      if ('files' in r) files.push(...r.files);
      else problems.push(r.problem);
    }
    const unique = [...new Set(files)].sort();
    if (unique.length === 0) {
      const real = problems.find((p) => !p.startsWith('no file matches'));
      const message =
        real ??
        (kind === 'dir'
          ? `no ${extensions.map((e) => `.${e}`).join(', ')} file in ${abs}`
          : (problems[0] ?? `no file matches ${abs}`));
      return { sql: str(abs), pattern: patterns[0] ?? abs, many: true, reads: [], issues: [{ param, message }] };
    }
    return {
      sql: `[${unique.map(str).join(', ')}]`,
      pattern: patterns[0] ?? abs,
      many: true,
      reads: unique.map((path) => ({ path, kind: 'file' })),
      issues: [],
    };
  }
  const problem = unreadable(kind, abs);
  if (problem !== null)
    return { sql: str(abs), pattern: abs, many: false, reads: [], issues: [{ param, message: problem }] };
  return { sql: str(abs), pattern: abs, many: false, reads: [{ path: abs, kind: 'file' }], issues: [] };
}
