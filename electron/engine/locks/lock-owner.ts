import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who holds a target: enough to tell a live holder from a dead one after a
 * crash, even when the operating system has reused the pid since.
 */

export interface LockOwner {
  pid: number;
  /** The process's start time as /proc/<pid>/stat counts it (Linux); null where it cannot be read. */
  startTime: string | null;
  host: string;
  runId: string;
  /** ISO time the lock was taken. */
  started: string;
}

/** Field 22 of /proc/<pid>/stat: clock ticks after boot, unique to a process with that pid. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

export function ownerFor(runId: string): LockOwner {
  return {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    host: hostname(),
    runId,
    started: new Date().toISOString(),
  };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return e instanceof Error && 'code' in e && e.code === 'EPERM';
  }
}

/**
 * Whether the holder may still be writing. A process on another host cannot
 * be checked, so it counts as live (the wait limit still bounds the wait).
 */
export function ownerAlive(o: LockOwner): boolean {
  if (o.host !== hostname()) return true;
  if (!pidAlive(o.pid)) return false;
  const now = processStartTime(o.pid);
  // The pid was reused by a newer process: the holder is gone.
  return o.startTime === null || now === null || now === o.startTime;
}

/** Reads a lock file's owner; undefined when the content is not one (torn, foreign). */
export function parseOwner(text: string): LockOwner | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const pid: unknown = Reflect.get(v, 'pid');
  const startTime: unknown = Reflect.get(v, 'startTime');
  const host: unknown = Reflect.get(v, 'host');
  const runId: unknown = Reflect.get(v, 'runId');
  const started: unknown = Reflect.get(v, 'started');
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
  if (typeof host !== 'string' || typeof runId !== 'string' || typeof started !== 'string') return undefined;
  if (startTime !== null && typeof startTime !== 'string') return undefined;
  return { pid, startTime, host, runId, started };
}

/** "run <id> (pid N) since <time>", for waiting lines and errors. */
export function describeOwner(o: LockOwner): string {
  return `run ${o.runId} (pid ${String(o.pid)}${o.host === hostname() ? '' : ` on ${o.host}`}) since ${o.started}`;
}
