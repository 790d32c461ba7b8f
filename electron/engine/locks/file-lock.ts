import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { ConnectorError } from '../external/types';
import { describeOwner, ownerAlive, ownerFor, parseOwner, type LockOwner } from './lock-owner';
import { waitForLock, type LockAttempt, type LockSettings } from './wait-lock';
import { said } from '../../../shared/messages/diagnostic-messages';
import { makeFolderSync } from '../files/make-folder';

/**
 * A lock file beside a file target (`<target>.duto-lock`, a partitioned
 * folder's too), created with O_EXCL and holding its owner as JSON. A lock
 * whose owner died (or whose pid now belongs to another process) is taken
 * over; a live one makes the run wait (wait-lock.ts).
 */

export const LOCK_SUFFIX = '.duto-lock';

/** A lock file younger than this with no readable owner is being written: live. */
const TORN_GRACE_MS = 10_000;

export function lockPathFor(target: string): string {
  return `${target}${LOCK_SUFFIX}`;
}

export interface HeldFileLock {
  path: string;
  release(): void;
}

type Found =
  { kind: 'gone' } | { kind: 'owner'; owner: LockOwner; text: string } | { kind: 'torn'; text: string; ageMs: number };

function errorCode(e: unknown): string {
  return e instanceof Error && 'code' in e ? String(e.code) : '';
}

function readLock(path: string): Found {
  try {
    const text = readFileSync(path, 'utf8');
    const owner = parseOwner(text);
    if (owner !== undefined) return { kind: 'owner', owner, text };
    return { kind: 'torn', text, ageMs: Date.now() - statSync(path).mtimeMs };
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return { kind: 'gone' };
    throw e;
  }
}

function create(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if (errorCode(e) === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
    fsyncSync(fd);
  } catch (e) {
    // A full disk: no half-written lock is left to make others wait.
    closeSync(fd);
    unlinkSync(path);
    throw e;
  }
  closeSync(fd);
  return true;
}

/**
 * Removes a stale lock whose content was `seen`. Renamed aside first, so of
 * two runs taking over at once only one removes it; if what was renamed is
 * no longer the stale lock (a third run took it meanwhile), it is put back.
 */
function takeOver(path: string, seen: string): void {
  const aside = `${path}.stale-${String(process.pid)}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return;
    throw e;
  }
  let now = '';
  try {
    now = readFileSync(aside, 'utf8');
  } catch {
    // Unreadable: treated as the stale one.
  }
  if (now !== seen) {
    try {
      linkSync(aside, path);
    } catch {
      // Someone holds the target again: their lock stands.
    }
  }
  unlinkSync(aside);
}

/** Locks this process holds: an exit that cannot wait for a run's finally (a second signal) still removes them. */
const heldHere = new Map<string, LockOwner>();
let exitHook = false;

function hold(path: string, owner: LockOwner): HeldFileLock {
  heldHere.set(path, owner);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const [p, o] of heldHere) releaseFileLock(p, o);
    });
  }
  return { path, release: () => releaseFileLock(path, owner) };
}

function tryOnce(path: string, owner: LockOwner): LockAttempt<HeldFileLock> {
  for (let i = 0; i < 5; i++) {
    if (create(path, owner)) return { held: hold(path, owner) };
    const found = readLock(path);
    if (found.kind === 'gone') continue;
    if (found.kind === 'owner') {
      if (ownerAlive(found.owner)) return { holder: describeOwner(found.owner) };
      takeOver(path, found.text);
    } else {
      // Empty or torn: its writer died between creating and writing it, or is writing it now.
      if (found.ageMs < TORN_GRACE_MS) return { holder: 'another run (its lock file is being written)' };
      takeOver(path, found.text);
    }
  }
  return { holder: 'other runs (the lock changed hands repeatedly)' };
}

/** Removes the lock if it is still this run's (a lock taken over meanwhile is not someone else's to lose). */
function releaseFileLock(path: string, owner: LockOwner): void {
  if (heldHere.get(path) === owner) heldHere.delete(path);
  try {
    const found = readLock(path);
    if (found.kind === 'owner' && found.owner.pid === owner.pid && found.owner.runId === owner.runId) unlinkSync(path);
  } catch {
    // Released by a later run's takeover, or the folder is gone: nothing is held.
  }
}

/** Takes the lock of a file target, waiting as `settings` says; release it in a finally. */
export async function lockFileTarget(
  target: string,
  settings: LockSettings,
  signal: AbortSignal,
): Promise<HeldFileLock> {
  const path = lockPathFor(target);
  const owner = ownerFor(settings.runId);
  return waitForLock(target, settings, signal, () => {
    try {
      makeFolderSync(dirname(path));
      return Promise.resolve(tryOnce(path, owner));
    } catch (e) {
      // A read-only folder, a full disk: said as what it is, naming the lock file.
      const why = e instanceof Error ? e.message : String(e);
      return Promise.reject(
        new ConnectorError(said('sink.lock-file', { target, file: path, detail: why }), { file: path }),
      );
    }
  });
}

/** Takes the lock only if it is free (or stale) now; undefined when a live run holds it. For housekeeping that may simply be left to the next run. */
export function tryLockFileSync(target: string, runId: string): HeldFileLock | undefined {
  const got = tryOnce(lockPathFor(target), ownerFor(runId));
  return 'held' in got ? got.held : undefined;
}

/** As tryLockFileSync, but says who holds the lock when it is not free. */
export function tryLockFileOrHolder(target: string, runId: string): HeldFileLock | { holder: string } {
  makeFolderSync(dirname(lockPathFor(target)));
  const got = tryOnce(lockPathFor(target), ownerFor(runId));
  return 'held' in got ? got.held : got;
}
