import { DuckDBInstance } from '@duckdb/node-api';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Helpers for the tests that drive the built CLI and check files with DuckDB. */

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'duto.js');
export const CLI = join(ROOT, 'dist', 'cli.cjs');

/** Fails the suite with a clear message when the CLI is not built. */
export function requireBuiltCli(): void {
  if (!existsSync(CLI)) {
    throw new Error(`${CLI} is missing: run \`npm run build\` first (\`npm test\` builds before running vitest).`);
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `duto ARGS` to completion (stdout and stderr are pipes: not a TTY). */
/** The CLI speaks the language of LANG: tests read English unless they ask for another. */
const ENGLISH = {
  LC_ALL: '',
  LC_MESSAGES: '',
  LANG: 'C.UTF-8',
  DUTO_CACHE_DIR: join(tmpdir(), `duto-test-node-cache-${String(process.pid)}`),
};

export function duto(args: readonly string[], cwd = ROOT, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...ENGLISH, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `duto ARGS` without waiting. */
export function dutoAsync(args: readonly string[], cwd = ROOT, env: Record<string, string> = {}) {
  return spawn(process.execPath, [BIN, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...ENGLISH, ...env },
  });
}

/** `duto ARGS` without blocking this process (so a server in it can answer), to completion. */
export async function dutoAwait(
  args: readonly string[],
  cwd = ROOT,
  env: Record<string, string> = {},
): Promise<CliResult> {
  const child = dutoAsync(args, cwd, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, stdout, stderr };
}

export function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `duto-${prefix}-`));
}

/** Rows of a query in plain DuckDB (no Duto), as JSON-friendly values. */
export async function query(sql: string): Promise<Array<Record<string, unknown>>> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const r = await con.runAndReadAll(sql);
    return r.getRowObjectsJson();
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

/** Runs a whole SQL script in plain DuckDB. */
export async function runScript(sql: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    await con.run(sql);
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

/** The one-line messages the CLI prints: no stack traces. */
export function hasNoStack(text: string): boolean {
  return !/\n\s+at .+:\d+:\d+/.test(text) && !text.includes('node:internal');
}
