import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readTrustStore, trustFile, trustFolder, trustStoreFile, untrust } from '../../engine/trust/trust-store';
import { realPath, tooWide } from '../../engine/walls/file-boundary';
import { EXIT, usageError, type ExitCode } from '../exit';
import type { Io } from '../io';

export interface TrustOpts {
  list?: boolean;
  remove?: boolean;
}

/**
 * `duto trust PATH…`: trusts folders (every pipeline in them and below) or
 * single pipeline files (as they are now: a later change elsewhere makes
 * one restricted again). `--list` shows what is trusted, `--remove` forgets.
 * Kept in the user's config folder, shared with the app.
 */
export async function trustCommand(paths: readonly string[], opts: TrustOpts, io: Io): Promise<ExitCode> {
  const store = trustStoreFile();
  if (opts.list === true || paths.length === 0) {
    const s = readTrustStore(store);
    if (s.folders.length === 0 && s.files.length === 0) io.out(`nothing is trusted yet (${store})\n`);
    for (const f of s.folders) io.out(`folder  ${f}\n`);
    for (const f of s.files) io.out(`file    ${f.path}\n`);
    return EXIT.ok;
  }
  for (const raw of paths) {
    const path = resolve(raw);
    if (opts.remove === true) {
      io.out(untrust(store, path) ? `no longer trusted: ${realPath(path)}\n` : `was not trusted: ${path}\n`);
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw usageError(`${path}: no such file or folder`);
    }
    if (isDir) {
      if (tooWide(path))
        throw usageError(`${path} is a root or home folder: trust the folder that holds your pipelines instead`);
      trustFolder(store, path);
      io.out(`trusted folder: ${realPath(path)} (every pipeline in it and below)\n`);
    } else {
      trustFile(store, path, readFileSync(path));
      io.out(`trusted: ${realPath(path)} (as it is now; a change made elsewhere makes it restricted again)\n`);
    }
  }
  return EXIT.ok;
}
