import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { listEntries } from '../electron/engine/node-cache/cache-store';
import { statusFrame } from '../electron/cli/engine/engine-frames';
import { checkResult } from './check';
import { measureNode, type Measurement } from './child';
import { BIN, BUNDLE, CANONICAL, DATA_ROOT, ROOT } from './paths';
import { megabytes, median, seconds, table, verdict } from './report';

/**
 * The node cache (issue #12), in the same run: a cold run with caching on
 * against the hand-written DuckDB statement and against `--no-cache` (the
 * cost of writing the entries), a re-run after editing the last transform
 * (the sort's direction) and after editing the join (inner → left), the
 * up-to-date re-run with nothing changed, and the cache's size on disk.
 * Every duto run is a child process with its own cache folder.
 */

const TARGET_COLD = 1.15;
const TARGET_LAST = 0.1;
const TARGET_JOIN = 0.5;
const TARGET_NOTHING_MS = 300;

interface CanonicalNode {
  id: string;
  params?: Record<string, unknown>;
}

/** The canonical pipeline with one node's params changed, written beside the cache. */
function edited(
  dir: string,
  name: string,
  nodeId: string,
  change: (params: Record<string, unknown>) => Record<string, unknown>,
): string {
  const doc: { nodes: CanonicalNode[] } = JSON.parse(readFileSync(CANONICAL, 'utf8'));
  for (const n of doc.nodes) if (n.id === nodeId) n.params = change(n.params ?? {});
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}

/** One edit-loop sequence's wall times, from a cold run on an empty cache. */
interface Loop {
  cold: number[];
  nothing: number[];
  last: number[];
  join: number[];
  joinAgain: number[];
  /** The resident engine's idle keeping after the cold run (and the up-to-date command that interrupted it). */
  keptIdle: number[];
}

const loop = (): Loop => ({ cold: [], nothing: [], last: [], join: [], joinAgain: [], keptIdle: [] });

/** What `duto engine status --json` prints. */
const engineStatus = z.object({ status: statusFrame.optional() });

/**
 * Waits until the resident engine has done keeping what the last run computed (its idle work,
 * `duto engine status --json`), as a user's edit between two runs would; returns the wait in ms.
 */
async function engineSettled(): Promise<number> {
  const started = performance.now();
  for (;;) {
    const r = spawnSync(process.execPath, [BIN, 'engine', 'status', '--json'], { encoding: 'utf8' });
    const keeping = engineStatus.safeParse(JSON.parse(r.stdout)).data?.status?.keeping === true;
    if (!keeping || performance.now() - started > 600_000) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function runCacheBench(rows: number, dataDir: string, runs: number): Promise<void> {
  const work = join(DATA_ROOT, 'cache-bench');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const cacheDir = join(work, 'cache');
  const out = join(work, 'duto.parquet');
  const floorOut = join(work, 'floor.parquet');
  process.env['DUTO_CACHE_DIR'] = cacheDir;
  // The resident engine's socket folder, private to this bench (bin/engine-client.js).
  const runtime = join(work, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  process.env['XDG_RUNTIME_DIR'] = runtime;
  const base = join(work, 'canonical.duto.json');
  writeFileSync(base, readFileSync(CANONICAL));
  const lastEdited = edited(work, 'last.duto.json', 'sorted', (p) => ({
    ...p,
    keys: [{ column: 'country', direction: 'desc' }, { column: 'segment' }, { column: 'month' }],
  }));
  const joinEdited = edited(work, 'join.duto.json', 'with_customer', (p) => ({ ...p, kind: 'left' }));
  const joinAgain = edited(work, 'join-again.duto.json', 'with_customer', (p) => ({ ...p, kind: 'right' }));
  const duto = (file: string, ...more: string[]): Promise<Measurement> =>
    measureNode(
      [BIN, 'run', file, '--trust', '--param', `data_dir=${dataDir}`, '--param', `out_file=${out}`, ...more],
      ROOT,
    );

  /**
   * Cold run on an empty cache, then the edit loop: nothing changed, the last transform, the join, the
   * join again. With the resident engine (`idle`), the up-to-date command comes at once, interrupting
   * the engine's idle keeping; before each edit after it, the bench waits as long as the engine keeps
   * (a user's edit takes longer), and says how long that was.
   */
  async function editLoop(into: Loop, afterCold?: () => Promise<void>, idle?: () => Promise<number>): Promise<void> {
    rmSync(cacheDir, { recursive: true, force: true });
    into.cold.push((await duto(base, '--force')).wallMs);
    await afterCold?.();
    into.nothing.push((await duto(base)).wallMs);
    if (idle !== undefined) into.keptIdle.push(await idle());
    into.last.push((await duto(lastEdited, '--force')).wallMs);
    await idle?.();
    // The join edited: in its own process, its upstream (the parsed, filtered sources) is computed again, and kept.
    into.join.push((await duto(joinEdited, '--force')).wallMs);
    await idle?.();
    // The CLI keeps a big result (the parsed sources) the second time it computes it: the first join edit keeps them, the next reuses them.
    into.joinAgain.push((await duto(joinAgain, '--force')).wallMs);
  }

  const own = loop();
  const engine = loop();
  const uncached: number[] = [];
  const floor: number[] = [];
  let bytes = 0;
  let entries = 0;
  /** What the cache holds after the engine's whole edit loop (its idle keeping included). */
  let loopBytes = 0;
  let loopEntries = 0;
  let check = { ok: false, message: 'not checked' };
  for (let i = 0; i < runs; i++) {
    floor.push((await measureNode([BUNDLE, '--floor-child', dataDir, floorOut], ROOT)).wallMs);
    // Every command in its own process, as from cron or CI (and in a terminal with DUTO_ENGINE=off).
    process.env['DUTO_ENGINE'] = 'off';
    uncached.push((await duto(base, '--force', '--no-cache')).wallMs);
    await editLoop(own, async () => {
      check = await checkResult(rows, out, floorOut);
      const listed = listEntries(cacheDir);
      bytes = listed.reduce((s, e) => s + e.bytes, 0);
      entries = listed.length;
    });
    // The same loop typed in a terminal: each command handed to the resident engine, started once before.
    process.env['DUTO_ENGINE'] = 'on';
    await measureNode([BIN, 'engine', 'start'], ROOT);
    await editLoop(engine, undefined, engineSettled);
    await engineSettled();
    const afterLoop = listEntries(cacheDir);
    loopBytes = afterLoop.reduce((s, e) => s + e.bytes, 0);
    loopEntries = afterLoop.length;
    await measureNode([BIN, 'engine', 'stop'], ROOT);
    process.env['DUTO_ENGINE'] = 'off';
    const at = (l: Loop): string =>
      [l.cold, l.nothing, l.last, l.join, l.joinAgain].map((t) => seconds(t[i] ?? NaN)).join(' / ');
    console.log(
      `  run ${String(i + 1)}/${String(runs)}: DuckDB ${seconds(floor[i] ?? NaN)}, no cache ${seconds(uncached[i] ?? NaN)}; cold / unchanged / last edited / join edited / again: own process ${at(own)}; engine ${at(engine)}`,
    );
  }
  const f = median(floor);
  const ratio = (l: Loop, pick: (l: Loop) => number[]): string => `${(median(pick(l)) / median(l.cold)).toFixed(2)}×`;
  const both = (pick: (l: Loop) => number[], target?: number): string[] => [
    `${seconds(median(pick(own)))} (${ratio(own, pick)})`,
    `${seconds(median(pick(engine)))} (${ratio(engine, pick)})`,
    target === undefined ? '' : `≤ ${String(target)}× cold`,
    target === undefined ? '' : verdict(median(pick(own)) / median(own.cold) <= target),
    target === undefined ? '' : verdict(median(pick(engine)) / median(engine.cold) <= target),
  ];
  const rows_: string[][] = [
    ['', 'own process (cron, CI)', 'resident engine (terminal)', 'target', 'own', 'engine'],
    [
      'cold run, caching on, vs DuckDB statement',
      `${seconds(median(own.cold))} (${(median(own.cold) / f).toFixed(2)}×)`,
      `${seconds(median(engine.cold))} (${(median(engine.cold) / f).toFixed(2)}×)`,
      `≤ ${String(TARGET_COLD)}× ${seconds(f)}`,
      verdict(median(own.cold) / f <= TARGET_COLD),
      verdict(median(engine.cold) / f <= TARGET_COLD),
    ],
    [
      'cold run, --no-cache (write overhead)',
      `${seconds(median(uncached))} (cached ${(median(own.cold) / median(uncached)).toFixed(2)}×)`,
      '',
      '',
      '',
      '',
    ],
    ['re-run after editing the last transform', ...both((l) => l.last, TARGET_LAST)],
    [
      're-run after editing the join (own: keeps the sources; engine: kept while idle)',
      ...both((l) => l.join, TARGET_JOIN),
    ],
    ['re-run after editing the join again', ...both((l) => l.joinAgain, TARGET_JOIN)],
    [
      'nothing changed',
      seconds(median(own.nothing)),
      seconds(median(engine.nothing)),
      `≤ ${seconds(TARGET_NOTHING_MS)}`,
      verdict(median(own.nothing) <= TARGET_NOTHING_MS),
      verdict(median(engine.nothing) <= TARGET_NOTHING_MS),
    ],
    [
      "the engine's idle keeping after the cold run (while the user edits)",
      '',
      seconds(median(engine.keptIdle)),
      '',
      '',
      '',
    ],
    [
      'cache size on disk: after a cold run / after the edit loop',
      `${megabytes(bytes)} (${String(entries)} entries)`,
      `${megabytes(loopBytes)} (${String(loopEntries)} entries)`,
      '',
      '',
      '',
    ],
  ];
  console.log(
    `\nNode cache (${rows.toLocaleString('en-US')} rows), median of ${String(runs)}: child processes, wall time from spawn to exit; ratios against the cold run of the same column`,
  );
  console.log(table(rows_));
  console.log(`\nResult of the cold cached run: ${check.message}  ${verdict(check.ok)}`);
  rmSync(work, { recursive: true, force: true });
}
