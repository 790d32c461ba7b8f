import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_READ_BYTES } from '../host/file-ops';

/**
 * Which pipeline files the OS asked Duto to open: the arguments of a launch
 * by double-click or "Open with" (Linux, Windows; a second launch passes its
 * own to the first), or a macOS `open-file` path. Everything here is
 * untrusted input: only an existing regular `.json` file of at most the size
 * File › Open reads is kept, named by its real path.
 */

export interface ArgvOptions {
  /** Leading arguments that are not the user's: the executable, and when unpackaged (`electron .`) the app path too. */
  skip: number;
  /** What relative arguments are relative to: this process's folder, or the second launch's. */
  cwd: string;
}

const PIPELINE_NAME = /\.json$/i;
const MAX_PATH = 4096;

/** The arguments that may name a pipeline file, absolute; switches (`--inspect`, `--x=a.duto.json`, `-psn_…`) never do. */
export function pipelineArguments(argv: readonly string[], options: ArgvOptions): string[] {
  const out: string[] = [];
  for (const arg of argv.slice(options.skip)) {
    if (arg === '' || arg.startsWith('-')) continue;
    const path = localPath(arg, options.cwd);
    if (path !== null && PIPELINE_NAME.test(path)) out.push(path);
  }
  return out;
}

/**
 * A path as given, or the local path of a `file:` URL (Linux desktop files
 * pass `%U`, URLs). A URL naming another host is dropped: it would have us
 * reach out to the network on the sender's word.
 */
function localPath(arg: string, cwd: string): string | null {
  if (!/^file:/i.test(arg)) return resolve(cwd, arg);
  let url: URL;
  try {
    url = new URL(arg);
  } catch {
    return null;
  }
  if (url.hostname !== '' && url.hostname !== 'localhost') return null;
  try {
    return fileURLToPath(url);
  } catch {
    return null;
  }
}

export type Openable = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Whether a path names a pipeline File › Open could read: it resolves
 * (links followed, so a `.duto.json` link to a key file or a FIFO is seen for
 * what it is) to a regular `.json` file within the size limit. stat, never
 * open, so a FIFO or a device cannot block.
 */
export async function openablePipeline(path: string): Promise<Openable> {
  if (path.length > MAX_PATH || path.includes('\0')) return { ok: false, reason: 'not a usable path' };
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return { ok: false, reason: 'not found' };
  }
  if (!PIPELINE_NAME.test(real)) return { ok: false, reason: `it leads to ${real}, not a .json file` };
  if (real.length > MAX_PATH) return { ok: false, reason: 'not a usable path' };
  try {
    const st = await stat(real);
    if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
    if (st.size > MAX_READ_BYTES) return { ok: false, reason: `larger than ${MAX_READ_BYTES / 1024 / 1024} MB` };
  } catch {
    return { ok: false, reason: 'not found' };
  }
  return { ok: true, path: real };
}
