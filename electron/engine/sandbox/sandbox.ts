import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join, sep } from 'node:path';
import { EXTERNAL_CATALOG } from '../../../shared/compiler/compile';
import { duckdbLimitFor, parseMemorySize, threadsFor } from '../../../shared/memory-size';
import { ident, str, strList } from '../../../shared/sql/quote';
import { takeInstance } from './prestart';

/**
 * A DuckDB instance that can reach exactly the files a pipeline names
 * (ARCHITECTURE.md, wall 3): sources' files and folders, sinks' temporary targets, and
 * a private spill folder. The configuration is locked afterwards, so a
 * pipeline's SQL cannot widen it; a different set of files needs a new
 * instance.
 */

export interface SandboxAccess {
  /** Files DuckDB may read or write. */
  files: readonly string[];
  /** Folders (and everything under them) DuckDB may read or write. */
  dirs: readonly string[];
}

export interface SandboxOptions {
  /** The engine process's memory budget (e.g. `4GB`); DuckDB's own limit is set below it (duckdbLimitFor). Default: half of the machine's memory. */
  memoryLimit?: string;
  /** The most the spill folder may hold (e.g. `20GB`). Default: half of the free space where it is. */
  spillLimit?: string;
  threads?: number;
  /**
   * Attach an on-disk database in the spill folder for the tables connectors
   * fill: compressed and paged by DuckDB, so a 10M-row source does not have
   * to fit in memory (measured: peak RSS 0.44 GB against 0.97 GB in memory).
   */
  externalStore?: boolean;
}

export interface Sandbox {
  instance: DuckDBInstance;
  /** A connection for design-time work (views, schemas). */
  connection: DuckDBConnection;
  spillDir: string;
  close(): void;
}

/** A folder as an allowed_directories entry: with a trailing separator so `/data` does not allow `/data2`. */
function dirEntry(dir: string): string {
  return dir.endsWith(sep) || dir.endsWith('/') ? dir : `${dir}${sep}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e instanceof Error && 'code' in e && e.code === 'EPERM';
  }
}

/** Spill folders of engines that were killed (named by their pid). */
function sweepSpillFolders(): void {
  for (const name of readdirSync(tmpdir())) {
    const m = /^duto-spill-(\d+)-/.exec(name);
    if (m !== null && Number(m[1]) !== process.pid && !isAlive(Number(m[1])))
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

export async function openSandbox(access: SandboxAccess, opts: SandboxOptions = {}): Promise<Sandbox> {
  try {
    sweepSpillFolders();
  } catch {
    // A sweep is housekeeping; it never stops a pipeline from opening.
  }
  const spillDir = mkdtempSync(join(tmpdir(), `duto-spill-${process.pid}-`));
  const instance = await takeInstance();
  const connection = await instance.connect();
  const files = [...new Set(access.files)];
  const budget = duckdbBudget(opts.memoryLimit ?? defaultMemoryBudget(), opts.threads);
  const dirs = [...new Set([...access.dirs, spillDir].map(dirEntry))];
  const settings = [
    // Before the lock: ATTACH is refused afterwards.
    ...(opts.externalStore === true
      ? [`ATTACH ${str(join(spillDir, 'external.duckdb'))} AS ${ident(EXTERNAL_CATALOG)}`]
      : []),
    // The folders themselves are listed as paths too: a partitioned COPY checks the folder's own path.
    `SET allowed_paths = ${strList([...files, ...access.dirs])}`,
    `SET allowed_directories = ${strList(dirs)}`,
    `SET temp_directory = ${str(spillDir)}`,
    // Budgets, always (ARCHITECTURE.md, wall 7): DuckDB's own defaults (80 % of RAM, 90 % of the disk) would let one pipeline take the machine.
    `SET memory_limit = ${str(budget.memoryLimit)}`,
    `SET max_temp_directory_size = ${str(opts.spillLimit ?? defaultSpillLimit(spillDir))}`,
    ...(budget.threads === undefined ? [] : [`SET threads = ${String(budget.threads)}`]),
    'SET autoinstall_known_extensions = false',
    'SET autoload_known_extensions = false',
    'SET enable_external_access = false',
    'SET lock_configuration = true',
  ];
  try {
    // One round trip: our own statements, every value quoted (the one-statement wall is for user SQL).
    await connection.run(settings.join(';\n'));
  } catch (e) {
    connection.closeSync();
    instance.closeSync();
    rmSync(spillDir, { recursive: true, force: true });
    throw e;
  }
  return {
    instance,
    connection,
    spillDir,
    close() {
      try {
        connection.closeSync();
        instance.closeSync();
      } finally {
        rmSync(spillDir, { recursive: true, force: true });
      }
    },
  };
}

/** Half of the machine's memory: room for the app, the OS and the user's other work. */
export function defaultMemoryBudget(): string {
  return `${String(Math.max(1024, Math.floor(totalmem() / 2 / 2 ** 20)))}MiB`;
}

/** Half of the free space on the spill folder's disk (at least 1 GiB): a spilling run never fills the disk. */
export function defaultSpillLimit(spillDir: string): string {
  try {
    const fs = statfsSync(spillDir);
    return `${String(Math.max(1024, Math.floor((fs.bavail * fs.bsize) / 2 / 2 ** 20)))}MiB`;
  } catch {
    return '100GiB';
  }
}

/**
 * DuckDB's memory_limit and threads for a budget of the whole process (a size
 * DuckDB refuses is passed on, for its own error). Threads the user gave are
 * kept; the default (one per core) is lowered under a small budget.
 */
function duckdbBudget(budget: string, threads: number | undefined): { memoryLimit: string; threads?: number } {
  const given = threads === undefined ? undefined : Math.max(1, Math.floor(threads));
  const bytes = parseMemorySize(budget);
  if (bytes === undefined)
    return given === undefined ? { memoryLimit: budget } : { memoryLimit: budget, threads: given };
  const cores = availableParallelism();
  const limit = duckdbLimitFor(bytes, given ?? cores);
  const memoryLimit = `${String(Math.floor(limit / 2 ** 20))}MiB`;
  if (given !== undefined) return { memoryLimit, threads: given };
  const fed = threadsFor(limit, cores);
  return fed < cores ? { memoryLimit, threads: fed } : { memoryLimit };
}
