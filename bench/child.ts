import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs a Node child and measures it: wall time from spawn to exit, and peak
 * RSS as the child itself reports it at exit (process.resourceUsage().maxRSS,
 * written by a preloaded module), so no tool beyond Node is needed. The
 * module is CommonJS (`--require`): an ES module preload would start Node's
 * ES module loader, ≈ 10 ms the measured command itself never spends.
 */

export interface Measurement {
  wallMs: number;
  /** Peak resident set size, bytes. */
  peakRss: number;
}

const REPORTER = `const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const f = process.env.DUTO_BENCH_RSS_FILE;
  if (f) writeFileSync(f, String(process.resourceUsage().maxRSS));
});
`;

let reporterDir: string | undefined;

function reporter(): string {
  if (reporterDir === undefined) {
    reporterDir = mkdtempSync(join(tmpdir(), 'duto-bench-'));
    writeFileSync(join(reporterDir, 'rss.cjs'), REPORTER);
  }
  return join(reporterDir, 'rss.cjs');
}

export function cleanupChildFiles(): void {
  if (reporterDir !== undefined) rmSync(reporterDir, { recursive: true, force: true });
}

/** `onSpawn` gets the child's pid, e.g. to watch what it writes while it runs. */
export async function measureNode(
  args: readonly string[],
  cwd: string,
  onSpawn?: (pid: number) => () => void,
): Promise<Measurement> {
  const rssFile = join(tmpdir(), `duto-bench-rss-${process.pid}-${Date.now()}`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', reporter(), ...args], {
    cwd,
    env: { ...process.env, DUTO_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stopWatching = child.pid === undefined ? undefined : onSpawn?.(child.pid);
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c) => resolve(c));
  });
  stopWatching?.();
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`child failed (exit ${String(code)}): node ${args.join(' ')}\n${stderr.trim()}`);
  if (!existsSync(rssFile)) throw new Error('the child did not report its peak RSS');
  const kb = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { wallMs, peakRss: kb * 1024 };
}
