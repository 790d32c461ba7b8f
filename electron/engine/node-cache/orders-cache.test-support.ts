import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PipelineDocument } from '../../../shared/format/document';
import type { RunOptions, RunResult } from '../api';
import { openPipeline } from '../index';
import { freshDir, pipeline } from '../test-support';
import { testConnections } from '../connectors/test-databases';

/**
 * What the node cache's tests share (run/node-reuse.test.ts,
 * node-cache/stand-ins.test.ts): four orders and three customers on disk,
 * and the pipeline join → sort → CSV over them, its sort's direction the edit.
 */

export function ordersFolder(prefix: string): { dir: string; cache: string } {
  const dir = freshDir(prefix);
  writeFileSync(join(dir, 'orders.csv'), 'id,customer_id,amount\n1,1,10\n2,2,20\n3,1,30\n4,3,40\n');
  writeFileSync(join(dir, 'customers.csv'), 'customer_id,name\n1,ana\n2,bia\n3,caio\n');
  return { dir, cache: join(dir, 'cache') };
}

/** `extra`: more params of the CSV sink. */
export function ordersPipeline(
  direction: 'asc' | 'desc' = 'desc',
  extra: Record<string, string> = {},
): PipelineDocument {
  return pipeline(
    { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
    { id: 'customers', type: 'source.csv', params: { path: 'customers.csv' } },
    {
      id: 'joined',
      type: 'transform.join',
      inputs: { left: 'orders', right: 'customers' },
      params: { keys: [{ left: 'customer_id', right: 'customer_id' }] },
    },
    {
      id: 'sorted',
      type: 'transform.sort',
      inputs: { in: 'joined' },
      params: { keys: [{ column: 'amount', direction }] },
    },
    { id: 'out', type: 'sink.csv', inputs: { in: 'sorted' }, params: { path: 'out.csv', ...extra } },
  );
}

/** Each node's origin in a run's result (`cache` or `computed`). */
export const origins = (r: RunResult): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(r.nodes).map(([id, n]) => [id, n.origin]));

/** One run of `d` in `dir` with the node cache in `cache` (and the test databases' connections), its session closed after. */
export async function runWithCache(
  d: PipelineDocument,
  dir: string,
  cache: string,
  keep: 'first-run' | 'second-run' = 'first-run',
  options: RunOptions = {},
  pinned: readonly string[] = [],
): Promise<RunResult> {
  const s = await openPipeline(d, {
    trust: 'trusted',
    baseDir: dir,
    threads: 1,
    nodeCache: { dir: cache, maxBytes: 2 ** 30, keep, pinned },
    connections: testConnections(),
  });
  try {
    return await s.run(options);
  } finally {
    s.close();
  }
}
