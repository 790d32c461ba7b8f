import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listEntries } from '../electron/engine/node-cache/cache-store';
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

export async function runCacheBench(rows: number, dataDir: string, runs: number): Promise<void> {
  const work = join(DATA_ROOT, 'cache-bench');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const cacheDir = join(work, 'cache');
  const out = join(work, 'duto.parquet');
  const floorOut = join(work, 'floor.parquet');
  process.env['DUTO_CACHE_DIR'] = cacheDir;
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

  const cold: number[] = [];
  const uncached: number[] = [];
  const floor: number[] = [];
  const last: number[] = [];
  const join_: number[] = [];
  const joinAgain_: number[] = [];
  const nothing: number[] = [];
  let bytes = 0;
  let entries = 0;
  let check = { ok: false, message: 'not checked' };
  for (let i = 0; i < runs; i++) {
    rmSync(cacheDir, { recursive: true, force: true });
    floor.push((await measureNode([BUNDLE, '--floor-child', dataDir, floorOut], ROOT)).wallMs);
    uncached.push((await duto(base, '--force', '--no-cache')).wallMs);
    cold.push((await duto(base, '--force')).wallMs);
    check = await checkResult(rows, out, floorOut);
    const listed = listEntries(cacheDir);
    bytes = listed.reduce((s, e) => s + e.bytes, 0);
    entries = listed.length;
    nothing.push((await duto(base)).wallMs);
    last.push((await duto(lastEdited, '--force')).wallMs);
    // Back to the cached sort, then the join edited: its upstream (the parsed, filtered sources) is reused.
    join_.push((await duto(joinEdited, '--force')).wallMs);
    // The CLI keeps a big result (the parsed sources) the second time it computes it: the first join edit keeps them, the next reuses them.
    joinAgain_.push((await duto(joinAgain, '--force')).wallMs);
    console.log(
      `  run ${String(i + 1)}/${String(runs)}: cold ${seconds(cold[i] ?? NaN)}, no cache ${seconds(uncached[i] ?? NaN)}, DuckDB ${seconds(floor[i] ?? NaN)}, last edited ${seconds(last[i] ?? NaN)}, join edited ${seconds(join_[i] ?? NaN)}, again ${seconds(joinAgain_[i] ?? NaN)}, unchanged ${seconds(nothing[i] ?? NaN)}`,
    );
  }
  const c = median(cold);
  const rows_: string[][] = [
    ['', 'wall', 'ratio', 'target', ''],
    [
      'cold run, caching on, vs DuckDB statement',
      `${seconds(c)} vs ${seconds(median(floor))}`,
      `${(c / median(floor)).toFixed(2)}×`,
      `≤ ${String(TARGET_COLD)}×`,
      verdict(c / median(floor) <= TARGET_COLD),
    ],
    [
      'cold run, --no-cache (write overhead)',
      seconds(median(uncached)),
      `${(c / median(uncached)).toFixed(2)}× (cached/uncached)`,
      '',
      '',
    ],
    [
      're-run after editing the last transform',
      seconds(median(last)),
      `${(median(last) / c).toFixed(2)}× cold`,
      `≤ ${String(TARGET_LAST)}×`,
      verdict(median(last) / c <= TARGET_LAST),
    ],
    [
      're-run after editing the join (keeps the sources)',
      seconds(median(join_)),
      `${(median(join_) / c).toFixed(2)}× cold`,
      '',
      '',
    ],
    [
      're-run after editing the join again',
      seconds(median(joinAgain_)),
      `${(median(joinAgain_) / c).toFixed(2)}× cold`,
      `≤ ${String(TARGET_JOIN)}×`,
      verdict(median(joinAgain_) / c <= TARGET_JOIN),
    ],
    [
      'nothing changed',
      seconds(median(nothing)),
      '',
      `≤ ${seconds(TARGET_NOTHING_MS)}`,
      verdict(median(nothing) <= TARGET_NOTHING_MS),
    ],
    ['cache size on disk', `${megabytes(bytes)} (${String(entries)} entries)`, '', '', ''],
  ];
  console.log(
    `\nNode cache (${rows.toLocaleString('en-US')} rows), median of ${String(runs)}: child processes, wall time from spawn to exit`,
  );
  console.log(table(rows_));
  console.log(`\nResult of the cold cached run: ${check.message}  ${verdict(check.ok)}`);
  rmSync(work, { recursive: true, force: true });
}
