import { cpus, totalmem } from 'node:os';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseBenchArgs } from './args';
import { checkResult } from './check';
import { runConnectorsBench } from './connectors';
import { runPushdownBench } from './pushdown';
import { runClickhousePushdownBench } from './pushdown-clickhouse';
import { runSpillBench } from './spill';
import { runMlBench } from './ml';
import { runCacheBench } from './cache';
import { runDeltaBench } from './delta';
import { cleanupChildFiles, measureNode, type Measurement } from './child';
import { ensureData } from './data';
import { runFloor } from './floor';
import { measureLatencies } from './latency';
import { BIN, BUNDLE, CANONICAL, DATA_ROOT, ROOT } from './paths';
import { median, megabytes, millis, seconds, table, verdict } from './report';

/**
 * The canonical benchmark (shared/bench/README.md): Duto's CLI against the
 * hand-written DuckDB statement, each in its own child process, alternated,
 * in the same run. Not a test: it exits 0 when a target is missed, and says so.
 */

const TARGET_TIME = 1.15;
const TARGET_RSS = 1.5;
const TARGET_PREVIEW_COLD_MS = 500;
const TARGET_PREVIEW_WARM_MS = 50;
const TARGET_SCHEMA_MS = 100;
// Issue #13: a chart of any node.
const TARGET_CHART_COLD_MS = 500;
const TARGET_CHART_WARM_MS = 100;
const PREVIEW_NODE = 'with_customer';

async function main(): Promise<void> {
  if (process.argv[2] === '--floor-child') {
    await runFloor(process.argv[3] ?? '', process.argv[4] ?? '');
    return;
  }
  const args = parseBenchArgs(process.argv);
  if (args.ml) {
    await runMlBench(args.rows);
    return;
  }
  if (args.delta) {
    await runDeltaBench(args.rows, args.runs);
    return;
  }
  const dataDir = ensureData(args.rows);
  if (args.connectors) {
    await runConnectorsBench(args.rows, dataDir);
    return;
  }
  if (args.pushdown) {
    await runPushdownBench(args.rows, dataDir);
    await runClickhousePushdownBench(args.rows, dataDir);
    return;
  }
  if (args.cache) {
    await runCacheBench(args.rows, dataDir, args.runs);
    return;
  }
  if (args.spill) {
    await runSpillBench(args.rows, dataDir, args.memoryLimit);
    return;
  }
  // Every run cold, caching on (the cache's own rows: --cache): a fresh cache folder each time.
  const benchCache = join(DATA_ROOT, 'cache');
  process.env['DUTO_CACHE_DIR'] = benchCache;
  const outDir = join(DATA_ROOT, 'out');
  mkdirSync(outDir, { recursive: true });
  const dutoOut = join(outDir, 'duto.parquet');
  const floorOut = join(outDir, 'floor.parquet');
  const params = { data_dir: dataDir, out_file: dutoOut };

  console.log(
    `Duto benchmark: ${args.rows.toLocaleString('en-US')} rows (${dataDir}), ${cpus().length} cores, ${megabytes(totalmem())} RAM, Node ${process.version}`,
  );
  const runDuto = (): Promise<Measurement> => {
    rmSync(benchCache, { recursive: true, force: true });
    return measureNode(
      [BIN, 'run', CANONICAL, '--force', '--trust', '--param', `data_dir=${dataDir}`, '--param', `out_file=${dutoOut}`],
      ROOT,
    );
  };
  const runFloorChild = (): Promise<Measurement> => measureNode([BUNDLE, '--floor-child', dataDir, floorOut], ROOT);

  const duto: Measurement[] = [];
  const floor: Measurement[] = [];
  for (let i = 0; i < args.runs; i++) {
    // Alternate which goes first, so neither always meets a warmer page cache; --force: every run writes (no up-to-date skip).
    if (i % 2 === 0) {
      duto.push(await runDuto());
      floor.push(await runFloorChild());
    } else {
      floor.push(await runFloorChild());
      duto.push(await runDuto());
    }
    const d = duto[i];
    const f = floor[i];
    if (d !== undefined && f !== undefined) {
      console.log(
        `  run ${i + 1}/${args.runs}: duto ${seconds(d.wallMs)} ${megabytes(d.peakRss)} | duckdb ${seconds(f.wallMs)} ${megabytes(f.peakRss)}`,
      );
    }
  }

  const dt = median(duto.map((m) => m.wallMs));
  const ft = median(floor.map((m) => m.wallMs));
  const dr = median(duto.map((m) => m.peakRss));
  const fr = median(floor.map((m) => m.peakRss));
  const timeRatio = dt / ft;
  const rssRatio = dr / fr;
  console.log('');
  console.log(
    `Whole run, median of ${args.runs} (child processes: wall time from spawn to exit; peak RSS = the child's maxRSS)`,
  );
  console.log(
    table([
      ['', 'duto run', 'DuckDB statement', 'ratio', 'target', ''],
      [
        'time',
        seconds(dt),
        seconds(ft),
        `${timeRatio.toFixed(2)}×`,
        `≤ ${TARGET_TIME}×`,
        verdict(timeRatio <= TARGET_TIME),
      ],
      [
        'peak RSS',
        megabytes(dr),
        megabytes(fr),
        `${rssRatio.toFixed(2)}×`,
        `≤ ${TARGET_RSS}×`,
        verdict(rssRatio <= TARGET_RSS),
      ],
    ]),
  );

  const check = await checkResult(args.rows, dutoOut, floorOut);
  console.log(`\nResult: ${check.message}  ${verdict(check.ok)}`);

  const lat = await measureLatencies(CANONICAL, params, PREVIEW_NODE);
  console.log(`\nDesign time, through the engine API (open: ${millis(lat.openMs)})`);
  const rows: string[][] = [['', 'latency', 'target', '']];
  rows.push([
    `preview ${PREVIEW_NODE}, ${lat.previewRows} rows, cold`,
    millis(lat.previewColdMs),
    `≤ ${millis(TARGET_PREVIEW_COLD_MS)}`,
    verdict(lat.previewColdMs <= TARGET_PREVIEW_COLD_MS),
  ]);
  rows.push([
    `preview ${PREVIEW_NODE}, ${lat.previewRows} rows, warm (edit downstream)`,
    millis(lat.previewWarmMs),
    `≤ ${millis(TARGET_PREVIEW_WARM_MS)}`,
    verdict(lat.previewWarmMs <= TARGET_PREVIEW_WARM_MS),
  ]);
  // Profile histograms are measured, without a target of their own yet (issue #13 asks ≤ 0.5 s cold / ≤ 0.1 s warm for a chart); warm ones come from the owner's cache by fingerprint.
  rows.push([`profile ${PREVIEW_NODE} (histograms, top values), cold`, millis(lat.profileColdMs), '', '']);
  rows.push([`profile ${PREVIEW_NODE} (histograms, top values), warm`, millis(lat.profileWarmMs), '', '']);
  // Issue #13's chart targets: ≤ 0.5 s cold, ≤ 0.1 s warm.
  for (const c of lat.charts) {
    rows.push([
      `chart ${PREVIEW_NODE}: ${c.name}, cold`,
      millis(c.coldMs),
      `≤ ${millis(TARGET_CHART_COLD_MS)}`,
      verdict(c.coldMs <= TARGET_CHART_COLD_MS),
    ]);
    rows.push([
      `chart ${PREVIEW_NODE}: ${c.name}, warm (edit downstream)`,
      millis(c.warmMs),
      `≤ ${millis(TARGET_CHART_WARM_MS)}`,
      verdict(c.warmMs <= TARGET_CHART_WARM_MS),
    ]);
  }
  for (const s of lat.schemaMs)
    rows.push([`schema ${s.nodeId}`, millis(s.ms), `≤ ${millis(TARGET_SCHEMA_MS)}`, verdict(s.ms <= TARGET_SCHEMA_MS)]);
  console.log(table(rows));
  rmSync(outDir, { recursive: true, force: true });
}

try {
  await main();
} catch (e) {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  cleanupChildFiles();
}
