import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { failpoint } from '../session/failpoints';
import { makeFolderSync } from '../files/make-folder';

/** A commit file's name: the version, 20 digits. */
export function commitName(version: number): string {
  return `${String(version).padStart(20, '0')}.json`;
}

/**
 * Writes commit `version` if, and only if, no other writer has: the actions
 * go to a temporary file (fsynced), then a hard link gives it the commit's
 * name — link fails with EEXIST when the name is taken, so a reader never sees
 * a half-written commit and two writers never both win. Returns false when
 * another writer got there first.
 */
export function tryCommit(table: string, version: number, actions: readonly unknown[]): boolean {
  const logDir = join(table, '_delta_log');
  makeFolderSync(logDir);
  removeStaleTemps(logDir);
  const temp = join(logDir, `.tmp-${randomUUID()}.json`);
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, actions.map((a) => JSON.stringify(a)).join('\n') + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    failpoint('delta.before-commit');
    linkSync(temp, join(logDir, commitName(version)));
    failpoint('delta.after-commit');
    return true;
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'EEXIST') return false;
    throw e;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** A live writer's temporary commit exists for milliseconds; one this old was left by a writer that died. */
const STALE_TEMP_MS = 60_000;

function removeStaleTemps(logDir: string): void {
  const now = Date.now();
  for (const name of readdirSync(logDir)) {
    if (!/^\.tmp-[0-9a-f-]{36}\.json$/.test(name)) continue;
    try {
      if (now - statSync(join(logDir, name)).mtimeMs > STALE_TEMP_MS) rmSync(join(logDir, name), { force: true });
    } catch {
      // Removed by another writer meanwhile.
    }
  }
}
