import { globBase, hasGlob } from '../paths';
import { str } from '../sql/quote';
import type { CompileContext, FileRead, NodeIssue } from './node-type';

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
  reads: FileRead[];
  issues: NodeIssue[];
}

/**
 * Resolves a source's path param: one file, a glob, or a folder (read as
 * every file with one of `extensions` in it, recursively if asked).
 */
export function fileInput(ctx: CompileContext<unknown>, raw: string, extensions: readonly string[], recursive: boolean, param = 'path'): FileInput {
  const abs = ctx.resolvePath(raw);
  if (hasGlob(abs)) {
    return { sql: str(abs), pattern: abs, many: true, reads: [{ path: globBase(abs), kind: 'dir' }], issues: [] };
  }
  const kind = ctx.statPath(abs);
  if (kind === 'missing') {
    return { sql: str(abs), pattern: abs, many: false, reads: [], issues: [{ param, message: `file not found: ${abs}` }] };
  }
  if (kind === 'dir') {
    const sepChar = abs.includes('\\') && !abs.includes('/') ? '\\' : '/';
    const deep = recursive ? `**${sepChar}` : '';
    const patterns = extensions.map((e) => `${abs}${sepChar}${deep}*.${e}`);
    return {
      sql: patterns.length === 1 ? str(patterns[0] ?? '') : `[${patterns.map(str).join(', ')}]`,
      pattern: patterns[0] ?? abs,
      many: true,
      reads: [{ path: abs, kind: 'dir' }],
      issues: [],
    };
  }
  return { sql: str(abs), pattern: abs, many: false, reads: [{ path: abs, kind: 'file' }], issues: [] };
}

