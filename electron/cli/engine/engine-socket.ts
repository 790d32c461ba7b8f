import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the resident engine listens: as bin/engine-client.js computes it (a
 * test holds the two equal). One socket per build, Node and user, in a folder
 * that must be this user's alone.
 */

/** Longest path a Unix socket takes (sun_path is 108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 100;

export function socketFolder(env: NodeJS.ProcessEnv): string {
  const runtime = env['XDG_RUNTIME_DIR'];
  return runtime !== undefined && runtime !== ''
    ? join(resolve(runtime), 'duto')
    : join(tmpdir(), `duto-${String(process.getuid?.() ?? 0)}`);
}

/** The engine socket for `bundle` (the CLI's dist/cli.cjs), or undefined where the path is too long for a socket. */
export function engineSocket(bundle: string, env: NodeJS.ProcessEnv): string | undefined {
  const s = statSync(bundle);
  const id = createHash('sha256')
    .update(
      `${resolve(bundle)}\0${String(s.size)}-${String(Math.trunc(s.mtimeMs))}\0${process.version}\0${process.arch}`,
    )
    .digest('hex')
    .slice(0, 16);
  const path = join(socketFolder(env), `engine-${id}.sock`);
  return Buffer.byteLength(path) <= MAX_SOCKET_PATH ? path : undefined;
}

/** The folder is a real folder of this user's that nobody else may enter. */
export function privateFolder(dir: string): boolean {
  try {
    const s = lstatSync(dir);
    return s.isDirectory() && s.uid === process.getuid?.() && (s.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/** Makes the socket folder (private) when missing; true when it is private. */
export function ensurePrivateFolder(dir: string): boolean {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch {
    // There already (checked next), or not ours to make.
  }
  return privateFolder(dir);
}
