import { dirname, resolve } from 'node:path';
import type { PipelineDocument } from '../../shared/format/document';
import type { PipelineSession } from '../engine/api';
import { headlessConnections } from '../engine/connections/files';
import { stateFileFor } from '../engine/external/incremental-state';
import { loadPipelineFile, openPipeline } from '../engine/index';
import { runCacheFileFor } from '../engine/run/run-cache';
import { quickCheckFileFor } from '../engine/run/quick-check';
import { cacheMaxBytes, nodeCacheDir } from '../engine/node-cache/cache-store';
import { parseMemorySize } from '../../shared/memory-size';
import { CHECK_TIMEOUT_S, checkParams, trustFor, type SessionOpts } from './pipeline-options';

/**
 * Loads the file (syntax, version, shape; a DutoError otherwise), checks
 * --param names, opens the engine on it with the headless connections
 * (--connections FILE, or the usual files; secrets from the environment),
 * the pipeline's incremental state file and the engine's limits
 * (--memory-limit, --threads). `cancel`: stops opening too (a signal
 * during the first seconds of a run).
 */
export async function openSession(
  file: string,
  opts: SessionOpts,
  purpose?: 'design' | 'run',
  cancel?: AbortSignal,
  /** The document when the caller has it already: loaded from `file`, or rewritten (pushdown). */
  given?: PipelineDocument,
): Promise<PipelineSession> {
  const doc = given ?? (await loadPipelineFile(file));
  const params = opts.param ?? {};
  checkParams(doc, params);
  return openPipeline(doc, {
    baseDir: dirname(resolve(file)),
    trust: trustFor(file, opts),
    file: resolve(file),
    ...(purpose === undefined ? {} : { purpose }),
    params,
    connections: headlessConnections(file, opts.connections),
    stateFile: stateFileFor(resolve(file)),
    runCacheFile: runCacheFileFor(resolve(file)),
    quickCheckFile: quickCheckFileFor(resolve(file)),
    ...(opts.cache === false
      ? {}
      : {
          nodeCache: {
            dir: nodeCacheDir(),
            maxBytes: cacheMaxBytes(opts.cacheMax === undefined ? undefined : parseMemorySize(opts.cacheMax)),
            pinned: opts.pinCache ?? [],
            keep: opts.cacheKeep ?? 'second-run',
          },
          ...(opts.standIns === true && purpose === 'run' ? { standIns: true } : {}),
        }),
    ...(opts.memoryLimit === undefined ? {} : { memoryLimit: opts.memoryLimit }),
    ...(opts.spillLimit === undefined ? {} : { spillLimit: opts.spillLimit }),
    // A hostile or broken file cannot keep `validate` busy forever.
    signal:
      cancel === undefined
        ? AbortSignal.timeout((opts.timeout ?? CHECK_TIMEOUT_S) * 1000)
        : AbortSignal.any([AbortSignal.timeout((opts.timeout ?? CHECK_TIMEOUT_S) * 1000), cancel]),
    ...(opts.threads === undefined ? {} : { threads: opts.threads }),
    ...(opts.redactor === undefined ? {} : { redactor: opts.redactor }),
    ...(opts.caches === undefined ? {} : { caches: opts.caches }),
  });
}
