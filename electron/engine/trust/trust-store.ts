import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { writeFileAtomicSync } from '../files/atomic-file';
import { isInside, realPath } from '../walls/file-boundary';
import type { TrustMode } from './trust-report';

/**
 * Which pipelines this user trusts (ARCHITECTURE.md, wall 5), shared by the app and the
 * CLI: folders — every pipeline in them and below, whatever its content —
 * and single files, each by its real path and the SHA-256 of the content the
 * user trusted (or Duto saved). A trusted file changed elsewhere (a `git
 * pull`, a download over it) is restricted again until trusted again.
 *
 * Kept in the user's config folder (`~/.config/duto/trust.json`), never
 * beside a pipeline: a pipeline cannot vouch for itself. A file that cannot
 * be read or is not valid trusts nothing.
 */

const storeSchema = z.object({
  format: z.literal('duto.trust'),
  version: z.literal(1),
  folders: z.array(z.string()),
  files: z.array(z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

export type TrustStore = z.infer<typeof storeSchema>;

const EMPTY: TrustStore = { format: 'duto.trust', version: 1, folders: [], files: [] };

export function trustStoreFile(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    process.platform === 'win32'
      ? (env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'))
      : (env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'));
  return join(base, 'duto', 'trust.json');
}

export function readTrustStore(file: string): TrustStore {
  try {
    const parsed = storeSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : EMPTY;
  } catch {
    return EMPTY;
  }
}

function write(file: string, store: TrustStore): void {
  writeFileAtomicSync(file, `${JSON.stringify(store, null, 2)}\n`, 0o600);
}

export function contentHash(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

function covers(folder: string, path: string): boolean {
  return path === folder || isInside(path, folder);
}

/** Whether the pipeline file (with this content, as read from disk) is trusted. */
export function isTrusted(store: TrustStore, pipelineFile: string, content: string | Buffer): boolean {
  const real = realPath(pipelineFile);
  if (store.folders.some((f) => covers(realPath(f), real))) return true;
  const hash = contentHash(content);
  return store.files.some((f) => realPath(f.path) === real && f.sha256 === hash);
}

/** The trust of a pipeline file as it is on disk (restricted when it cannot be read). */
export function trustOfFile(storeFile: string, pipelineFile: string, extraFolders: readonly string[] = []): TrustMode {
  const store = readTrustStore(storeFile);
  const real = realPath(pipelineFile);
  if ([...store.folders, ...extraFolders].some((f) => covers(realPath(f), real))) return 'trusted';
  let content: Buffer;
  try {
    content = readFileSync(pipelineFile);
  } catch {
    return 'restricted';
  }
  return isTrusted(store, pipelineFile, content) ? 'trusted' : 'restricted';
}

/** Trusts a folder and everything under it. */
export function trustFolder(storeFile: string, folder: string): TrustStore {
  const store = readTrustStore(storeFile);
  const abs = realPath(resolve(folder));
  const next = { ...store, folders: [...store.folders.filter((f) => realPath(f) !== abs), abs].sort() };
  write(storeFile, next);
  return next;
}

/** Trusts one pipeline file with this content (what Duto just saved, or what the user saw and trusted). */
export function trustFile(storeFile: string, file: string, content: string | Buffer): TrustStore {
  const store = readTrustStore(storeFile);
  const abs = realPath(resolve(file));
  const next = {
    ...store,
    files: [...store.files.filter((f) => realPath(f.path) !== abs), { path: abs, sha256: contentHash(content) }].sort(
      (a, b) => a.path.localeCompare(b.path),
    ),
  };
  write(storeFile, next);
  return next;
}

/** Forgets a folder or file; true when it was there. */
export function untrust(storeFile: string, path: string): boolean {
  const store = readTrustStore(storeFile);
  const abs = realPath(resolve(path));
  const next = {
    ...store,
    folders: store.folders.filter((f) => realPath(f) !== abs),
    files: store.files.filter((f) => realPath(f.path) !== abs),
  };
  const changed = next.folders.length !== store.folders.length || next.files.length !== store.files.length;
  if (changed) write(storeFile, next);
  return changed;
}
