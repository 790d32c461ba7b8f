import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

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
  mkdirSync(logDir, { recursive: true });
  const temp = join(logDir, `.tmp-${randomUUID()}.json`);
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, actions.map((a) => JSON.stringify(a)).join('\n') + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, join(logDir, commitName(version)));
    return true;
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'EEXIST') return false;
    throw e;
  } finally {
    rmSync(temp, { force: true });
  }
}
