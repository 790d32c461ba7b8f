import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import type { GlobResult, PathKind } from '../../../shared/catalog/node-type';
import { globBase } from '../../../shared/paths';

/**
 * The file boundary (ARCHITECTURE.md, wall 3), on the engine's side:
 *
 * - A source reads regular files only: a FIFO would hang the reader, a
 *   device would never end.
 * - A glob or folder is expanded here, by Node, into the files it matches;
 *   DuckDB is then allowed exactly those files, never the folder they are
 *   in, so a pattern cannot open more than it matches. Its base can never be
 *   a root, a home folder or a folder holding one (`/**` would walk the
 *   whole disk), and the walk itself is bounded.
 */

/** How many directory entries one glob may look at, and how many files it may match. */
export const GLOB_MAX_VISITED = 200_000;
export const GLOB_MAX_FILES = 50_000;

export function statPath(path: string): PathKind {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return 'dir';
    return st.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/** Roots and home folders, and every folder above a home folder. */
export function tooWide(folder: string): boolean {
  const abs = resolve(folder);
  if (parse(abs).root === abs || abs === dirname(abs)) return true;
  const homes = [homedir(), process.env['HOME'] ?? ''].filter((h) => h !== '').map((h) => resolve(h));
  return homes.some((home) => home === abs || isInside(home, abs)) || ['/home', '/Users', '/root'].includes(abs);
}

/** `path` is strictly inside `folder` (both absolute). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** `path` is `folder` or inside it once both have their links resolved (a restricted pipeline's reach). */
export function withinFolder(path: string, folder: string): boolean {
  const home = realPath(folder);
  const real = realPath(path);
  return real === home || isInside(real, home);
}

/** One glob segment as a regular expression: `*`, `?` and `[…]` (`[!…]` negates), the rest literal. */
function segmentPattern(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] ?? '';
    if (ch === '*') re += '[^/\\\\]*';
    else if (ch === '?') re += '[^/\\\\]';
    else if (ch === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = close;
    } else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const WILD = /[*?[]/;

/**
 * The regular files a glob matches, sorted. `**` matches any number of
 * folders (not following links to folders, so a loop cannot trap the walk).
 */
export function expandGlob(pattern: string): GlobResult {
  const abs = resolve(pattern);
  const base = resolve(globBase(abs));
  if (tooWide(base))
    return {
      problem: `the pattern ${pattern} starts at ${base}, which is too wide to search: start it in the folder holding the files`,
    };
  if (statPath(base) !== 'dir') return { problem: `folder not found: ${base}` };
  const rest = relative(base, abs)
    .split(sep)
    .filter((s) => s !== '');
  const files: string[] = [];
  const others: string[] = [];
  let visited = 0;
  let overflow = false;

  const walk = (dir: string, segments: readonly string[]): void => {
    if (overflow) return;
    const [head, ...tail] = segments;
    if (head === undefined) return;
    if (head === '**') {
      walk(dir, tail);
      for (const name of entries(dir)) {
        const path = join(dir, name);
        if (isRealDir(path)) walk(path, segments);
      }
      return;
    }
    const names = WILD.test(head) ? entries(dir).filter((n) => segmentPattern(head).test(n)) : [head];
    for (const name of names) {
      const path = join(dir, name);
      const kind = statPath(path);
      if (tail.length === 0) {
        if (kind === 'file') files.push(path);
        else if (kind === 'other') others.push(path);
      } else if (kind === 'dir') walk(path, tail);
      if (files.length > GLOB_MAX_FILES) overflow = true;
    }
  };
  const entries = (dir: string): string[] => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    visited += names.length;
    if (visited > GLOB_MAX_VISITED) {
      overflow = true;
      return [];
    }
    return names;
  };

  walk(base, rest);
  if (overflow)
    return {
      problem: `the pattern ${pattern} reaches more than ${String(GLOB_MAX_FILES)} files or ${String(GLOB_MAX_VISITED)} folder entries: narrow it`,
    };
  const other = others[0];
  if (other !== undefined)
    return { problem: `${other} is not a regular file (a pipe, device or socket): sources read files only` };
  if (files.length === 0) return { problem: `no file matches ${pattern}` };
  return { files: files.sort() };
}

function isRealDir(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The path with every link resolved; the path itself when it does not exist. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
