import { EXIT, type ExitCode } from '../exit';
import { loadPipelineFile } from '../../engine/bind/load-file';
import { mayPush } from '../../engine/pushdown/explain-pushdown';
import { openSession } from '../session';
import { trustFor } from '../pipeline-options';
import type { RunOpts } from './run-outcome';

/**
 * `duto run --idle-keep` (hidden; the resident engine's idle time, engine-server.ts):
 * after a run, keeps in the node cache the big results it computed without keeping
 * them (parsed files, joins: the second-run policy), so that the edit that follows
 * starts from them. Writes no output, records no run, says nothing — whatever
 * goes wrong is for the next real run to say. A pipeline that is not trusted, runs
 * without the cache, or pushes work to a database (whose nodes a plain session
 * would key differently) keeps nothing.
 */
export async function keepIdle(files: readonly string[], opts: RunOpts, cancel: AbortSignal): Promise<ExitCode> {
  if (opts.cache === false) return EXIT.ok;
  for (const file of files) {
    if (cancel.aborted) break;
    if (trustFor(file, opts) !== 'trusted') continue;
    try {
      const loaded = await loadPipelineFile(file);
      if (mayPush(loaded, opts.pushdown ?? loaded.pushdown !== false)) continue;
      const session = await openSession(file, { ...opts, cacheKeep: 'first-run' }, 'run', cancel, loaded);
      try {
        await session.run({ keepOnly: true, signal: cancel });
      } finally {
        session.close();
      }
    } catch {
      // Said by the next run, if it matters.
    }
  }
  return cancel.aborted ? EXIT.interrupted : EXIT.ok;
}
