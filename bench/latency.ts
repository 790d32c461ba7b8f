import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadPipelineFile, openPipeline } from '../electron/engine/index';
import { engineCaches } from '../electron/engine/session/engine-caches';
import { chartSpecSchema, type ChartSpecData } from '../shared/ipc/results';

/** The charts measured on the previewed node of the canonical pipeline: its revenue's histogram, and revenue per country and segment. */
const CHARTS: ReadonlyArray<{ name: string; spec: ChartSpecData }> = [
  { name: 'histogram of revenue', spec: chartSpecSchema.parse({ type: 'histogram', x: 'revenue' }) },
  {
    name: 'bar: sum of revenue per country, by segment',
    spec: chartSpecSchema.parse({ type: 'bar', x: 'country', y: 'revenue', color: 'segment', aggregate: 'sum' }),
  },
];

export interface Latencies {
  /** Opening the pipeline (parse, compile, bind every view). */
  openMs: number;
  previewColdMs: number;
  previewWarmMs: number;
  previewRows: number;
  /** The profile of the previewed node (summary, then a histogram or top values per column, over its whole output); cold, it keeps that output for the looks that follow (look-entry.ts). */
  profileColdMs: number;
  profileWarmMs: number;
  /** Chart queries of the previewed node (chart-query.ts), first in the session (after the profile) and again in the session after an edit. */
  charts: Array<{ name: string; coldMs: number; warmMs: number }>;
  /** schema() of every node, first call each. */
  schemaMs: Array<{ nodeId: string; ms: number }>;
}

/** Design-time latencies, through the engine API in this process, as the app sees them. */
export async function measureLatencies(
  file: string,
  params: Record<string, string>,
  previewNode: string,
): Promise<Latencies> {
  const doc = await loadPipelineFile(file);
  // The app's host keeps these across the sessions an edit opens, and gives them the node cache (empty here: cold).
  const caches = engineCaches();
  const cacheDir = mkdtempSync(join(tmpdir(), 'duto-bench-looks-'));
  const nodeCache = { dir: cacheDir, maxBytes: 2 * 2 ** 30, keep: 'first-run' as const };
  let t = performance.now();
  const session = await openPipeline(doc, { trust: 'trusted', baseDir: dirname(file), params, caches, nodeCache });
  const openMs = performance.now() - t;
  try {
    t = performance.now();
    const cold = await session.preview(previewNode, 100);
    const previewColdMs = performance.now() - t;
    t = performance.now();
    await session.profile(previewNode);
    const profileColdMs = performance.now() - t;
    const chartCold: number[] = [];
    for (const c of CHARTS) {
      t = performance.now();
      await session.chart(previewNode, c.spec);
      chartCold.push(performance.now() - t);
    }
    // Warm = the app's case after an edit elsewhere: a new session (the document
    // changed downstream) previewing a node whose upstream did not change.
    const edited = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.type.startsWith('sink.') ? { ...n, params: { ...n.params, path: 'edited.parquet' } } : n,
      ),
    };
    const again = await openPipeline(edited, { trust: 'trusted', baseDir: dirname(file), params, caches, nodeCache });
    let previewWarmMs: number;
    let profileWarmMs: number;
    const chartWarm: number[] = [];
    try {
      t = performance.now();
      await again.preview(previewNode, 100);
      previewWarmMs = performance.now() - t;
      t = performance.now();
      await again.profile(previewNode);
      profileWarmMs = performance.now() - t;
      for (const c of CHARTS) {
        t = performance.now();
        await again.chart(previewNode, c.spec);
        chartWarm.push(performance.now() - t);
      }
    } finally {
      again.close();
    }
    const schemaMs: Latencies['schemaMs'] = [];
    for (const n of doc.nodes) {
      t = performance.now();
      await session.schema(n.id);
      schemaMs.push({ nodeId: n.id, ms: performance.now() - t });
    }
    const charts = CHARTS.map((c, i) => ({ name: c.name, coldMs: chartCold[i] ?? 0, warmMs: chartWarm[i] ?? 0 }));
    return {
      openMs,
      previewColdMs,
      previewWarmMs,
      previewRows: cold.rows.length,
      profileColdMs,
      profileWarmMs,
      charts,
      schemaMs,
    };
  } finally {
    session.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
