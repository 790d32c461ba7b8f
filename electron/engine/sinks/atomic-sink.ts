import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { OUTPUT_MARKER } from '../walls/sink-guard';
import { failpoint } from '../session/failpoints';
import { basename, dirname, join } from 'node:path';
import { makeFolderSync } from '../files/make-folder';

/**
 * Atomic file outputs (ARCHITECTURE.md §5). DuckDB writes a sink to its own
 * temporary name in the target's folder; only a finished, fsynced write is
 * renamed over the target. A failed, cancelled or killed run therefore never
 * leaves a partial output and never destroys the previous one.
 *
 * Names: `.duto-tmp-<pid>-<token>-new-<name>` (the write in progress) and
 * `.duto-tmp-<pid>-<token>-old-<name>` (a previous partitioned folder moved
 * aside during the swap). The pid lets a later run tell orphans of dead
 * processes from writes in progress.
 */

const TEMP_PATTERN = /^\.duto-tmp-(\d+)-([a-z0-9]+)-(new|old)-(.+)$/;

/** Temporary paths held by this process, so a sweep never deletes them. */
const held = new Set<string>();

export interface TempTarget {
  target: string;
  /** Where DuckDB writes. */
  temp: string;
  /** Where a previous partitioned folder waits during the swap. */
  aside: string;
  directory: boolean;
}

export function tempTargetFor(target: string, directory: boolean): TempTarget {
  const token = randomBytes(6).toString('hex');
  const dir = dirname(target);
  const name = basename(target);
  return {
    target,
    temp: join(dir, `.duto-tmp-${process.pid}-${token}-new-${name}`),
    aside: join(dir, `.duto-tmp-${process.pid}-${token}-old-${name}`),
    directory,
  };
}

/** Makes the target's folder and, for a partitioned sink, the empty temporary folder DuckDB writes into. */
export function prepareTemp(t: TempTarget): void {
  makeFolderSync(dirname(t.target));
  held.add(t.temp);
  held.add(t.aside);
  rmSync(t.temp, { recursive: true, force: true });
  if (t.directory) mkdirSync(t.temp);
}

/** Removes a write that will not be used. */
export function discardTemp(t: TempTarget): void {
  rmSync(t.temp, { recursive: true, force: true });
  held.delete(t.temp);
  held.delete(t.aside);
}

function fsyncPath(path: string): void {
  const st = lstatSync(path);
  if (st.isDirectory()) {
    for (const e of readdirSync(path)) fsyncPath(join(path, e));
    fsyncDir(path);
    return;
  }
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes one file to disk. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(path: string): void {
  // Opening a folder for fsync is POSIX only; Windows makes renames durable itself.
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes the finished write durable and puts it in place of the target. */
export function commitTemp(t: TempTarget): void {
  if (!existsSync(t.temp)) {
    // COPY of zero rows to a partitioned folder writes nothing; the output is then an empty folder.
    if (t.directory) makeFolderSync(t.temp);
    else throw new Error(`the engine wrote no file at ${t.temp}`);
  }
  // A folder Duto wrote says so: only such a folder is replaced by a later run (walls/sink-guard.ts).
  if (t.directory)
    writeFileSync(
      join(t.temp, OUTPUT_MARKER),
      `${JSON.stringify({ writtenBy: 'duto', at: new Date().toISOString() })}\n`,
    );
  fsyncPath(t.temp);
  if (t.directory) {
    const hadOld = existsSync(t.target);
    if (hadOld) renameSync(t.target, t.aside);
    if (hadOld) failpoint('swap.between-renames');
    renameSync(t.temp, t.target);
    fsyncDir(dirname(t.target));
    if (hadOld) rmSync(t.aside, { recursive: true, force: true });
  } else {
    renameSync(t.temp, t.target);
    fsyncDir(dirname(t.target));
  }
  held.delete(t.temp);
  held.delete(t.aside);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return e instanceof Error && 'code' in e && e.code === 'EPERM';
  }
}

/**
 * A partitioned swap killed between its two renames leaves no target and
 * the previous folder aside. Every session of a trusted pipeline (validate,
 * preview, run) first puts it back, so nothing reads a missing output; the
 * unfinished new folder is left for the run's sweep. Returns the folder
 * restored, if any.
 */
export function recoverSwap(target: string): string | undefined {
  if (existsSync(target)) return undefined;
  const folder = dirname(target);
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return undefined;
  }
  for (const name of entries) {
    const m = TEMP_PATTERN.exec(name);
    const path = join(folder, name);
    if (m === null || m[3] !== 'old' || m[4] !== basename(target) || held.has(path) || isAlive(Number(m[1]))) continue;
    renameSync(path, target);
    return target;
  }
  return undefined;
}

export interface SweepReport {
  removed: string[];
  restored: string[];
}

/**
 * Cleans what killed runs left in a folder: removes their temporary writes,
 * and puts back a previous output that a swap had moved aside when the
 * target is missing. Leaves writes of live processes alone (and this
 * process's own writes in progress).
 */
function orphansIn(folder: string, entries: readonly string[]) {
  return entries
    .map((name) => ({ name, m: TEMP_PATTERN.exec(name) }))
    .filter((e) => e.m !== null)
    .map((e) => ({
      path: join(folder, e.name),
      pid: Number(e.m?.[1]),
      kind: e.m?.[3],
      target: join(folder, e.m?.[4] ?? ''),
    }))
    .filter((o) => !held.has(o.path) && (o.pid === process.pid || !isAlive(o.pid)));
}

/** What killed runs left in a folder (`duto clean` lists it): temporary writes and moved-aside outputs. */
export function listOrphans(folder: string): string[] {
  try {
    return orphansIn(folder, readdirSync(folder)).map((o) => o.path);
  } catch {
    return [];
  }
}

export function sweepOrphans(folder: string): SweepReport {
  const report: SweepReport = { removed: [], restored: [] };
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return report;
  }
  const orphans = orphansIn(folder, entries);
  // Restore first, so a new write left next to a moved-aside output is then simply removed.
  for (const o of orphans.filter((x) => x.kind === 'old')) {
    if (!existsSync(o.target)) {
      renameSync(o.path, o.target);
      report.restored.push(o.target);
    } else {
      rmSync(o.path, { recursive: true, force: true });
      report.removed.push(o.path);
    }
  }
  for (const o of orphans.filter((x) => x.kind === 'new')) {
    rmSync(o.path, { recursive: true, force: true });
    report.removed.push(o.path);
  }
  return report;
}
