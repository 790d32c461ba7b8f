import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { compilableNodes, compileNode, failedByAnalysis } from '../../../shared/compiler/compile';
import type { Analysis, PlanStep } from '../../../shared/compiler/plan';
import type { SourcePins } from './source-pins';
import { readOne } from '../walls/one-statement';

/**
 * Detecting a CSV source's columns is a scan of a sample or two (DuckDB's
 * sniff, then Duto's typing of the columns it made numbers, source-pins.ts),
 * each single-threaded. Binding walks the nodes one by one on one
 * connection, so the scans of every source ran in a row. The sources read no
 * other node, so they are pinned here first, side by side (as many sources
 * at once as the engine has threads), each on a connection of its own:
 * binding then finds every pin cached. Same results, fewer seconds (bench:
 * the canonical pipeline's open).
 */
export async function prefetchPins(analysis: Analysis, instance: DuckDBInstance, pins: SourcePins): Promise<void> {
  const failed = failedByAnalysis(analysis);
  const steps: PlanStep[] = [];
  for (const id of compilableNodes(analysis, failed)) {
    if ((analysis.nodes.get(id)?.upstream.length ?? 0) > 0) continue;
    const step = compileNode(analysis, id, () => undefined).step;
    if (step?.pin !== undefined) steps.push(step);
  }
  if (steps.length === 0) return;
  const queue = [...steps];
  const probe = await instance.connect();
  let threads: number;
  try {
    threads = Number((await readOne(probe, "SELECT current_setting('threads')")).getRows()[0]?.[0] ?? 1);
  } finally {
    probe.closeSync();
  }
  const worker = async (): Promise<void> => {
    let conn: DuckDBConnection | undefined;
    try {
      conn = await instance.connect();
      for (let step = queue.shift(); step !== undefined; step = queue.shift()) await pins.pin(conn, step);
    } finally {
      conn?.closeSync();
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(Number.isFinite(threads) ? threads : 1, steps.length)) }, worker),
  );
}
