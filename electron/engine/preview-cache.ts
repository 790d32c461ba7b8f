import { createHash } from 'node:crypto';
import { reachable } from '../../shared/compiler/graph';
import type { PlanStep } from '../../shared/compiler/plan';
import type { PreviewResult } from './api';
import { fileIdentity } from './file-identity';

/**
 * Previews by fingerprint, shared by every session of the process: a node
 * whose view SQL, upstream views and input files (path and identity, file-identity.ts) are
 * unchanged shows its cached rows again, even after an edit elsewhere in the
 * pipeline opened a new session. Nodes fed by anything without a file
 * identity (a database, an HTTP API, a folder) are never cached: their data
 * can change while the SQL stays the same.
 */

const CAPACITY = 32;
const entries = new Map<string, PreviewResult>();
let hits = 0;

/** Cache hits since the process started (for tests and the benchmark). */
export function previewCacheHits(): number {
  return hits;
}

/** The node's fingerprint, or undefined when its result cannot be identified. */
export function fingerprint(stepById: ReadonlyMap<string, PlanStep>, nodeId: string): string | undefined {
  const hash = createHash('sha256');
  for (const id of reachable(nodeId, (n) => stepById.get(n)?.upstream ?? [])) {
    const step = stepById.get(id);
    if (step === undefined) return undefined;
    if (step.upstream.length === 0 && step.reads.length === 0) return undefined;
    // Connector sources can change (new rows, a moved watermark) while their file or SQL does not.
    if (step.externalSource !== undefined) return undefined;
    hash.update(`${id}\0${step.type}\0${step.view?.sql ?? step.sink?.input ?? ''}\0`);
    for (const read of step.reads) {
      if (read.kind !== 'file') return undefined;
      const identity = fileIdentity(read.path);
      if (identity === undefined) return undefined;
      hash.update(`${read.path}\0${identity}\0`);
    }
  }
  return hash.digest('hex');
}

export function cachedPreview(key: string): PreviewResult | undefined {
  const hit = entries.get(key);
  if (hit === undefined) return undefined;
  hits += 1;
  entries.delete(key);
  entries.set(key, hit);
  return hit;
}

export function rememberPreview(key: string, result: PreviewResult): void {
  entries.delete(key);
  entries.set(key, result);
  while (entries.size > CAPACITY) {
    const oldest = entries.keys().next();
    if (oldest.done === true) break;
    entries.delete(oldest.value);
  }
}

export function previewKey(print: string, limit: number, offset: number): string {
  return `${print}:${String(limit)}:${String(offset)}`;
}
