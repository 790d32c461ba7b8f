import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { version } from '../../../package.json';
import type { SinkSpec } from '../../../shared/catalog/node-type';
import { reachable } from '../../../shared/compiler/graph';
import type { PlanStep } from '../../../shared/compiler/plan';
import { commitTemp, discardTemp, prepareTemp, tempTargetFor } from '../sinks/atomic-sink';
import { regularFileIdentity } from '../files/file-identity';
import { fingerprint } from '../preview/preview-cache';
import { perPipelineFile } from '../session/user-folders';

/**
 * Run results by fingerprint: a file sink whose fingerprint —
 * its own spec, every view above it and the identity (file-identity.ts)
 * of every file they read, and this Duto's version — is the one recorded
 * when it last wrote its target, and whose target is still the file it
 * wrote, is not written again. Nothing fed by a database, an API, a folder
 * or a volatile function (random(), now()…) is ever taken from the cache.
 *
 * The record is machine-local, not project state: it lives in the user's
 * cache folder, one file per pipeline, never beside the pipeline.
 */

const entrySchema = z.strictObject({
  fingerprint: z.string(),
  target: z.string(),
  identity: z.string(),
  rows: z.number(),
});
const cacheSchema = z.strictObject({
  format: z.literal('duto.run-cache'),
  version: z.literal(1),
  sinks: z.record(z.string(), entrySchema),
});
type CacheFile = z.infer<typeof cacheSchema>;

const VOLATILE =
  /\b(random|uuid|gen_random_uuid|uuidv4|uuidv7|now|today|current_timestamp|current_date|current_time|current_localtimestamp|current_localtime|get_current_time|get_current_timestamp|transaction_timestamp|setseed|nextval|currval)\b/i;

/** `$XDG_CACHE_HOME/duto/runs/<hash of the pipeline's path>.json` (%LOCALAPPDATA% on Windows). */
export function runCacheFileFor(pipelineFile: string, env: NodeJS.ProcessEnv = process.env): string {
  return perPipelineFile('cache', 'runs', '.json', pipelineFile, env);
}

/** The sink's fingerprint, or undefined when its output may differ though nothing named changed. */
export function sinkFingerprint(
  stepById: ReadonlyMap<string, PlanStep>,
  sinkId: string,
  sink: SinkSpec,
): string | undefined {
  if (sink.directory) return undefined;
  const upstream = fingerprint(stepById, sinkId);
  if (upstream === undefined || !deterministic(stepById, sinkId)) return undefined;
  return createHash('sha256')
    .update(`${version}\0${upstream}\0${JSON.stringify([sink.format, sink.path, sink.options, sink.mode])}`)
    .digest('hex');
}

function deterministic(stepById: ReadonlyMap<string, PlanStep>, nodeId: string): boolean {
  for (const id of reachable(nodeId, (n) => stepById.get(n)?.upstream ?? [])) {
    const step = stepById.get(id);
    if (step === undefined || VOLATILE.test(step.view?.sql ?? '')) return false;
  }
  return true;
}

export interface RunCache {
  /** The rows the sink wrote when its fingerprint and target were these; undefined: it must run. */
  lookup(sinkId: string, print: string, target: string): number | undefined;
  /** Records a sink's new output; a cache that cannot be written only costs a recomputation next time. */
  remember(sinkId: string, print: string, target: string, rows: number): void;
}

export function openRunCache(file: string): RunCache {
  let data: CacheFile | undefined;
  const read = (): CacheFile => {
    if (data !== undefined) return data;
    data = { format: 'duto.run-cache', version: 1, sinks: {} };
    try {
      if (existsSync(file)) {
        const parsed = cacheSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
        // A damaged or older record is no record: everything runs.
        if (parsed.success) data = parsed.data;
      }
    } catch {
      // Unreadable: as above.
    }
    return data;
  };
  return {
    lookup(sinkId, print, target) {
      const e = read().sinks[sinkId];
      if (e === undefined || e.fingerprint !== print || e.target !== target) return undefined;
      return regularFileIdentity(target) === e.identity ? e.rows : undefined;
    },
    remember(sinkId, print, target, rows) {
      const id = regularFileIdentity(target);
      const current = read();
      const others = Object.entries(current.sinks).filter(([n]) => n !== sinkId);
      const sinks = Object.fromEntries(
        id === undefined ? others : [...others, [sinkId, { fingerprint: print, target, identity: id, rows }]],
      );
      data = { ...current, sinks };
      const temp = tempTargetFor(file, false);
      try {
        prepareTemp(temp);
        writeFileSync(temp.temp, `${JSON.stringify(data, null, 2)}\n`);
        commitTemp(temp);
      } catch {
        discardTemp(temp);
      }
    },
  };
}
