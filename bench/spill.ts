import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMemorySize } from '../shared/memory-size';
import { str } from '../shared/sql/quote';
import { checkResult } from './check';
import { measureNode, type Measurement } from './child';
import { BIN, BUNDLE, CANONICAL, DATA_ROOT, ROOT } from './paths';
import { megabytes, seconds, table, verdict } from './report';

/**
 * Larger than memory: the canonical pipeline, and a sort of
 * every order by revenue (which cannot stream: it must hold or spill every
 * row), through `duto run --memory-limit`. Reported: wall time, peak RSS
 * against the limit, and the most the engine's spill folder held while it
 * ran (sampled). The canonical result is checked against the hand-written
 * DuckDB statement's; the sort's output is checked for every row, in order.
 */

/** The limit is the process's budget (shared/memory-size.ts): peak RSS stays within it. */
const RSS_ALLOWANCE = 1;
const SAMPLE_MS = 200;

function folderBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    try {
      const st = statSync(join(dir, name));
      total += st.isDirectory() ? folderBytes(join(dir, name)) : st.size;
    } catch {
      // Spill files come and go while we look.
    }
  }
  return total;
}

/** Samples the child's spill folders (`duto-spill-<pid>-…` in the temp folder); returns a stop that yields the peak. */
function watchSpill(pid: number, peak: { bytes: number }): () => void {
  const prefix = `duto-spill-${String(pid)}-`;
  const timer = setInterval(() => {
    let bytes = 0;
    for (const name of readdirSync(tmpdir())) if (name.startsWith(prefix)) bytes += folderBytes(join(tmpdir(), name));
    peak.bytes = Math.max(peak.bytes, bytes);
  }, SAMPLE_MS);
  return () => clearInterval(timer);
}

async function measureSpilling(args: string[]): Promise<Measurement & { spillBytes: number }> {
  const peak = { bytes: 0 };
  const m = await measureNode(args, ROOT, (pid) => watchSpill(pid, peak));
  return { ...m, spillBytes: peak.bytes };
}

function sortPipeline(file: string, dataDir: string, out: string): void {
  const doc = {
    format: 'duto.pipeline',
    version: 1,
    name: 'Every order by revenue',
    nodes: [
      { id: 'orders', type: 'source.csv', params: { path: join(dataDir, 'orders.csv') } },
      {
        id: 'with_revenue',
        type: 'transform.derive',
        inputs: { in: 'orders' },
        params: { columns: [{ name: 'revenue', expression: 'quantity * unit_price * (1 - coalesce(discount, 0))' }] },
      },
      {
        id: 'sorted',
        type: 'transform.sort',
        inputs: { in: 'with_revenue' },
        params: { keys: [{ column: 'revenue', direction: 'desc' }, { column: 'order_id' }] },
      },
      { id: 'out', type: 'sink.parquet', inputs: { in: 'sorted' }, params: { path: out } },
    ],
  };
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
}

/** Every row is there, and in order: no revenue is above the one before it. */
async function checkSorted(file: string, rows: number): Promise<{ ok: boolean; message: string }> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const r = await con.runAndReadAll(`
      SELECT count(*)::DOUBLE, count(*) FILTER (WHERE prev < revenue OR (prev = revenue AND prev_id > order_id))::DOUBLE
      FROM (SELECT revenue, order_id, lag(revenue) OVER w AS prev, lag(order_id) OVER w AS prev_id
            FROM read_parquet(${str(file)}, file_row_number = true) WINDOW w AS (ORDER BY file_row_number))`);
    const [n, misordered] = (r.getRows()[0] ?? []).map(Number);
    const ok = n === rows && misordered === 0;
    return { ok, message: `${String(n)} rows (expected ${String(rows)}), ${String(misordered)} out of order` };
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

export async function runSpillBench(rows: number, dataDir: string, memoryLimit: string): Promise<void> {
  const limit = parseMemorySize(memoryLimit);
  if (limit === undefined) throw new Error(`--memory-limit ${memoryLimit}: expected a size such as 1GB or 512MiB`);
  const outDir = join(DATA_ROOT, 'out');
  mkdirSync(outDir, { recursive: true });
  console.log(
    `Larger than memory: ${rows.toLocaleString('en-US')} orders rows, duto run --memory-limit ${memoryLimit}`,
  );

  const canonicalOut = join(outDir, 'spill-canonical.parquet');
  const floorOut = join(outDir, 'spill-floor.parquet');
  const canonical = await measureSpilling([
    BIN,
    'run',
    CANONICAL,
    '--force',
    '--trust',
    '--param',
    `data_dir=${dataDir}`,
    '--param',
    `out_file=${canonicalOut}`,
    '--memory-limit',
    memoryLimit,
  ]);
  const floor = await measureNode([BUNDLE, '--floor-child', dataDir, floorOut], ROOT);
  const canonicalCheck = await checkResult(rows, canonicalOut, floorOut);

  const sortFile = join(outDir, 'spill-sort.duto.json');
  const sortOut = join(outDir, 'spill-sort.parquet');
  sortPipeline(sortFile, dataDir, sortOut);
  const sort = await measureSpilling([BIN, 'run', sortFile, '--force', '--trust', '--memory-limit', memoryLimit]);
  const sortCheck = await checkSorted(sortOut, rows);

  const bounded = (m: Measurement): boolean => m.peakRss <= limit * RSS_ALLOWANCE;
  console.log('');
  console.log(
    table([
      ['', 'time', 'peak RSS', 'RSS ÷ limit', 'spilled (peak)', 'target', ''],
      [
        'canonical pipeline',
        seconds(canonical.wallMs),
        megabytes(canonical.peakRss),
        `${(canonical.peakRss / limit).toFixed(2)}×`,
        megabytes(canonical.spillBytes),
        'completes, RSS ≤ limit',
        verdict(bounded(canonical)),
      ],
      [
        'sort of every order',
        seconds(sort.wallMs),
        megabytes(sort.peakRss),
        `${(sort.peakRss / limit).toFixed(2)}×`,
        megabytes(sort.spillBytes),
        'completes, RSS ≤ limit',
        verdict(bounded(sort)),
      ],
    ]),
  );
  console.log(`(the hand-written DuckDB statement, no limit: ${seconds(floor.wallMs)}, ${megabytes(floor.peakRss)})`);
  console.log(`\nCanonical result: ${canonicalCheck.message}  ${verdict(canonicalCheck.ok)}`);
  console.log(`Sorted output: ${sortCheck.message}  ${verdict(sortCheck.ok)}`);
  rmSync(outDir, { recursive: true, force: true });
}
