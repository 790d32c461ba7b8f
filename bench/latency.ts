import { dirname } from 'node:path';
import { loadPipelineFile, openPipeline } from '../electron/engine/index';

export interface Latencies {
  /** Opening the pipeline (parse, compile, bind every view). */
  openMs: number;
  previewColdMs: number;
  previewWarmMs: number;
  previewRows: number;
  /** schema() of every node, first call each. */
  schemaMs: Array<{ nodeId: string; ms: number }>;
}

/** Design-time latencies, through the engine API in this process, as the app sees them. */
export async function measureLatencies(file: string, params: Record<string, string>, previewNode: string): Promise<Latencies> {
  const doc = await loadPipelineFile(file);
  let t = performance.now();
  const session = await openPipeline(doc, { baseDir: dirname(file), params });
  const openMs = performance.now() - t;
  try {
    t = performance.now();
    const cold = await session.preview(previewNode, 100);
    const previewColdMs = performance.now() - t;
    t = performance.now();
    await session.preview(previewNode, 100);
    const previewWarmMs = performance.now() - t;
    const schemaMs: Latencies['schemaMs'] = [];
    for (const n of doc.nodes) {
      t = performance.now();
      await session.schema(n.id);
      schemaMs.push({ nodeId: n.id, ms: performance.now() - t });
    }
    return { openMs, previewColdMs, previewWarmMs, previewRows: cold.rows.length, schemaMs };
  } finally {
    session.close();
  }
}
