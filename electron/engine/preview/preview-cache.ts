import { createHash } from 'node:crypto';
import { reachable } from '../../../shared/compiler/graph';
import type { PlanStep } from '../../../shared/compiler/plan';
import type { PreviewResult } from '../api';
import { fileIdentity } from '../files/file-identity';

/**
 * Previews by fingerprint, shared by the sessions of one owner (the app's
 * host, a CLI command: engine-caches.ts): a node whose view SQL, upstream
 * views and input files (path and identity,
 * file-identity.ts) are unchanged shows its cached
 * rows again, even after an edit elsewhere in the pipeline opened a new
 * session. Nodes fed by anything without a file identity (a database, an
 * HTTP API, a folder) are never cached: their data can change while the SQL
 * stays the same.
 */

const CAPACITY = 32;

/** The node's fingerprint, or undefined when its result cannot be identified. */
export function fingerprint(stepById: ReadonlyMap<string, PlanStep>, nodeId: string): string | undefined {
  const hash = createHash('sha256');
  for (const id of reachable(nodeId, (n) => stepById.get(n)?.upstream ?? [])) {
    const step = stepById.get(id);
    if (step === undefined) return undefined;
    if (step.upstream.length === 0 && step.reads.length === 0) return undefined;
    // Connector sources can change (new rows, a moved watermark) while their file or SQL does not.
    if (step.externalSource !== undefined) return undefined;
    hash.update(`${id}\0${step.type}\0${step.view?.sql ?? step.sink?.input ?? step.deltaSink?.input ?? ''}\0`);
    for (const read of step.reads) {
      if (read.kind !== 'file') return undefined;
      const identity = fileIdentity(read.path);
      if (identity === undefined) return undefined;
      hash.update(`${read.path}\0${identity}\0`);
    }
  }
  return hash.digest('hex');
}

/** The most recent results of one kind, least recently used dropped first. */
export class ResultCache<T> {
  private readonly entries = new Map<string, T>();
  private hitCount = 0;

  /** Cache hits so far (for tests and the benchmark). */
  get hits(): number {
    return this.hitCount;
  }

  get(key: string): T | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    this.hitCount += 1;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  remember(key: string, result: T): void {
    this.entries.delete(key);
    this.entries.set(key, result);
    while (this.entries.size > CAPACITY) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }
}

/** The most recent previews. */
export class PreviewCache extends ResultCache<PreviewResult> {}

export function previewKey(print: string, limit: number, offset: number): string {
  return `${print}:${String(limit)}:${String(offset)}`;
}
