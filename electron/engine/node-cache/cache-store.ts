import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../../../shared/diagnostics';
import { isErrorCode } from '../../../shared/error-codes';
import { diagnosticSchema } from '../../../shared/ipc/results';
import { failpoint } from '../session/failpoints';
import { makeFolderSync } from '../files/make-folder';

/**
 * The node result cache on disk: `<user cache>/duto/nodes/`, one Parquet
 * file per node fingerprint (`<print>.<nonce>.parquet`) and its sidecar
 * (`<print>.json`: the file's name, byte size, rows, columns and a
 * checksum). An entry is written to a temporary name, fsynced and renamed;
 * the sidecar, written the same way, commits it — two runs writing the same
 * print each commit a whole entry, the last one wins. An entry whose file
 * does not match its sidecar (truncated, damaged, deleted) is never used.
 * Sidecars' mtimes say when an entry was last used: the least recently used
 * go first when the cache outgrows its budget.
 */

export const DEFAULT_CACHE_MAX_BYTES = 2 * 2 ** 30;

const sidecarSchema = z.strictObject({
  format: z.literal('duto.node-cache'),
  version: z.literal(1),
  file: z.string().regex(/^[0-9a-f]+\.[0-9a-z-]+\.parquet$/),
  bytes: z.number(),
  rows: z.number(),
  columns: z.array(z.strictObject({ name: z.string(), type: z.string() })),
  checksum: z.string(),
  /** What the nodes above it warned about when it was computed: a run reading the entry instead says it too. */
  warnings: z.array(diagnosticSchema).optional(),
});
export type CacheEntry = z.infer<typeof sidecarSchema>;

/** `$XDG_CACHE_HOME/duto/nodes` (`%LOCALAPPDATA%\duto\nodes` on Windows); `DUTO_CACHE_DIR` overrides. */
export function nodeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const own = env['DUTO_CACHE_DIR'];
  if (own !== undefined && own !== '') return own;
  const base =
    process.platform === 'win32'
      ? (env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'))
      : (env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'));
  return join(base, 'duto', 'nodes');
}

/** The budget: `--cache-max` of the run, else `DUTO_CACHE_MAX_BYTES`, else 2 GiB. */
export function cacheMaxBytes(given: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (given !== undefined && Number.isFinite(given) && given >= 0) return given;
  const fromEnv = Number(env['DUTO_CACHE_MAX_BYTES']);
  return env['DUTO_CACHE_MAX_BYTES'] !== undefined && Number.isFinite(fromEnv) && fromEnv >= 0
    ? fromEnv
    : DEFAULT_CACHE_MAX_BYTES;
}

/** The sidecar of a print, if it parses. */
export function readEntry(dir: string, print: string): CacheEntry | undefined {
  try {
    const parsed = sidecarSchema.safeParse(JSON.parse(readFileSync(join(dir, `${print}.json`), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Where one run may write a print's entry: a temporary name, and the name it is renamed to. */
export function writeNames(dir: string, print: string): { temp: string; final: string } {
  const final = join(dir, `${print}.${String(process.pid)}-${randomBytes(4).toString('hex')}.parquet`);
  return { temp: `${final}.tmp`, final };
}

const WHOLE = 64 * 2 ** 20;
const SAMPLE = 2 ** 20;

/** sha256 of the file: whole up to 64 MiB, else the first, middle and last MiB with the size. */
export function checksumOf(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    const hash = createHash('sha256').update(String(size));
    const buf = Buffer.alloc(Math.min(SAMPLE, Math.max(size, 1)));
    const spans =
      size <= WHOLE
        ? [[0, size]]
        : [
            [0, SAMPLE],
            [Math.floor(size / 2), SAMPLE],
            [size - SAMPLE, SAMPLE],
          ];
    for (const [start = 0, len = 0] of spans) {
      for (let at = start; at < start + len;) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, start + len - at), at);
        if (n === 0) break;
        hash.update(buf.subarray(0, n));
        at += n;
      }
    }
    return hash.digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** Why an entry cannot be used — its file is gone, or of another size or content (detail: what differs) — or undefined: it is whole. */
export function entryProblem(
  dir: string,
  entry: CacheEntry,
): { missing: true } | { missing: false; detail: string } | undefined {
  const path = join(dir, entry.file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return { missing: true };
  }
  if (size !== entry.bytes) return { missing: false, detail: `${String(size)}/${String(entry.bytes)} B` };
  try {
    return checksumOf(path) === entry.checksum ? undefined : { missing: false, detail: 'sha256' };
  } catch {
    return { missing: true };
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Commits an entry DuckDB wrote to `names.temp`: fsync, rename, then the sidecar (temp, fsync, rename). */
export function commitEntry(
  dir: string,
  print: string,
  names: { temp: string; final: string },
  rows: number,
  columns: CacheEntry['columns'],
  /** What the nodes above it warned about (design-time warnings): a run reading the entry says them too. */
  warnings: readonly Diagnostic[] = [],
): CacheEntry {
  fsyncFile(names.temp);
  failpoint('cache.before-rename');
  renameSync(names.temp, names.final);
  failpoint('cache.before-sidecar');
  const file = names.final.slice(dir.length + 1);
  const entry: CacheEntry = {
    format: 'duto.node-cache',
    version: 1,
    file,
    bytes: statSync(names.final).size,
    rows,
    columns,
    checksum: checksumOf(names.final),
    ...(warnings.length === 0 ? {} : { warnings: [...warnings] }),
  };
  const sidecar = join(dir, `${print}.json`);
  const temp = `${sidecar}.${String(process.pid)}-${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, sidecar);
  return entry;
}

/** The warnings an entry keeps, as diagnostics again. */
export function entryWarnings(entry: CacheEntry): Diagnostic[] {
  // Written by this very build (the print names its version): a code it does not know is not one it wrote.
  const kept = (entry.warnings ?? []).filter((w) => w.severity === 'warning');
  return kept.flatMap(({ code, message, args, variant, nodeId, param, path, file, line, column }) =>
    !isErrorCode(code)
      ? []
      : [
          {
            severity: 'warning' as const,
            code,
            message,
            ...(args === undefined ? {} : { args }),
            ...(variant === undefined ? {} : { variant }),
            ...(nodeId === undefined ? {} : { nodeId }),
            ...(param === undefined ? {} : { param }),
            ...(path === undefined ? {} : { path }),
            ...(file === undefined ? {} : { file }),
            ...(line === undefined ? {} : { line }),
            ...(column === undefined ? {} : { column }),
          },
        ],
  );
}

/** Marks an entry used now (LRU order). */
export function touchEntry(dir: string, print: string): void {
  const now = new Date();
  try {
    utimesSync(join(dir, `${print}.json`), now, now);
  } catch {
    // Another run evicted it: only the order is lost.
  }
}

export interface ListedEntry {
  print: string;
  bytes: number;
  rows: number;
  columns: number;
  lastUsed: Date;
}

/** Every committed entry, most recently used first. */
export function listEntries(dir: string): ListedEntry[] {
  const out: ListedEntry[] = [];
  for (const name of safeReaddir(dir)) {
    if (!name.endsWith('.json')) continue;
    const print = name.slice(0, -'.json'.length);
    const entry = readEntry(dir, print);
    if (entry === undefined) continue;
    try {
      out.push({
        print,
        bytes: entry.bytes,
        rows: entry.rows,
        columns: entry.columns.length,
        lastUsed: statSync(join(dir, name)).mtime,
      });
    } catch {
      // Evicted meanwhile.
    }
  }
  return out.sort((a, b) => b.lastUsed.getTime() - a.lastUsed.getTime());
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Left by runs that died mid-write: files no sidecar names, older than this, are removed. */
const ORPHAN_AGE_MS = 15 * 60_000;

/** Drops the least recently used entries until the cache fits `maxBytes`, and stale orphans; returns the bytes kept. */
export function evict(dir: string, maxBytes: number, keep: ReadonlySet<string> = new Set()): number {
  const entries = listEntries(dir).reverse();
  const named = new Set<string>();
  for (const e of entries) {
    const entry = readEntry(dir, e.print);
    if (entry !== undefined) named.add(entry.file);
  }
  let total = entries.reduce((s, e) => s + e.bytes, 0);
  for (const e of entries) {
    if (total <= maxBytes) break;
    if (keep.has(e.print)) continue;
    const entry = readEntry(dir, e.print);
    rmSync(join(dir, `${e.print}.json`), { force: true });
    if (entry !== undefined) {
      rmSync(join(dir, entry.file), { force: true });
      named.delete(entry.file);
    }
    total -= e.bytes;
  }
  const now = Date.now();
  for (const name of safeReaddir(dir)) {
    if (named.has(name) || name.endsWith('.json')) continue;
    const age = name.endsWith('.seen') ? SEEN_DAYS * 86_400_000 : ORPHAN_AGE_MS;
    try {
      if (now - statSync(join(dir, name)).mtimeMs > age) rmSync(join(dir, name), { force: true });
    } catch {
      // Gone already.
    }
  }
  return total;
}

/** Removes every entry; returns how many and their bytes. */
export function clearCache(dir: string): { entries: number; bytes: number } {
  const listed = listEntries(dir);
  rmSync(dir, { recursive: true, force: true });
  return { entries: listed.length, bytes: listed.reduce((s, e) => s + e.bytes, 0) };
}

/** How long a fingerprint computed but not kept is remembered (node-fingerprint.ts: kept the second time). */
const SEEN_DAYS = 30;

/** Remembers that a run computed this fingerprint without keeping it: an empty `<print>.seen`, its mtime the last time. */
export function markSeen(dir: string, print: string): void {
  const path = join(dir, `${print}.seen`);
  try {
    closeSync(openSync(path, 'a'));
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // Remembering is an optimisation: the next run computes the node again.
  }
}

export function wasSeen(dir: string, print: string): boolean {
  try {
    return Date.now() - statSync(join(dir, `${print}.seen`)).mtimeMs < SEEN_DAYS * 86_400_000;
  } catch {
    return false;
  }
}

export function ensureCacheDir(dir: string): void {
  makeFolderSync(dir);
}
