import { randomBytes } from 'node:crypto';
import { open, realpath, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that a crash leaves either the old content or the new,
 * never half of it: a temporary file in the same folder (so the rename
 * cannot cross file systems), flushed to disk, then renamed over the target.
 * `mode` sets the permissions from the first byte (0o600 for a file only its owner may read).
 * A link is followed, as editors do: the file it names is replaced, the link kept (renaming over the link
 * replaced the link itself, and the real file kept its old text).
 */
export async function writeFileAtomic(linkOrPath: string, text: string, mode = 0o666): Promise<void> {
  const path = await realpath(linkOrPath).catch(() => linkOrPath);
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.duto-tmp-${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  await syncDir(dir);
}

/** Makes the rename itself durable; not possible on every platform (Windows), so best effort. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Directory fsync is unsupported here; the rename is still atomic.
  }
}
