import type { NodeRunInfo } from '../store/app-store';

const OVER = new Set<NodeRunInfo['status']>(['done', 'failed', 'cancelled', 'skipped']);

/**
 * How far a run got: nodes over, of the nodes it announced (every node of
 * a run is first reported pending); a running node counts for the share of
 * it the engine says is done.
 */
export function runShare(nodes: Readonly<Record<string, NodeRunInfo>>): {
  done: number;
  total: number;
  fraction: number;
} {
  let done = 0;
  let partial = 0;
  const all = Object.values(nodes);
  for (const n of all) {
    if (OVER.has(n.status)) done++;
    else if (n.status === 'running' && n.progress !== undefined) partial += n.progress;
  }
  return { done, total: all.length, fraction: all.length === 0 ? 0 : (done + partial) / all.length };
}
