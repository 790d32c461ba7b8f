import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { listOrphans, sweepOrphans } from '../../engine/atomic-sink';
import { intentFileFor } from '../../engine/external/file-intent';
import { stateFileFor } from '../../engine/external/incremental-state';
import { loadPipelineFile } from '../../engine/index';
import { EXIT, type ExitCode } from '../exit';
import type { Io } from '../io';

/**
 * `duto clean FILE [--remove]`: lists what killed runs of a pipeline left
 * beside its file outputs (`.duto-tmp-*` temporary writes and moved-aside
 * folders of dead processes) and in its state folder (an intent record
 * the next run would resolve); `--remove` sweeps them as a run would (a
 * moved-aside output whose target is missing is put back). Database staging
 * tables are swept by the next run of their sink.
 */
export async function cleanCommand(file: string, opts: { remove?: boolean }, io: Io): Promise<ExitCode> {
  const doc = await loadPipelineFile(file);
  const base = dirname(resolve(file));
  const folders = new Set<string>([base]);
  for (const node of doc.nodes) {
    const path = node.params?.['path'];
    // Only literal paths: one built from ${params} is resolved by a run, which sweeps its own folder.
    if (!node.type.startsWith('sink.') || typeof path !== 'string' || path.includes('${')) continue;
    folders.add(dirname(isAbsolute(path) ? path : join(base, path)));
  }
  const found = [...folders].flatMap((f) => listOrphans(f));
  const intent = intentFileFor(stateFileFor(resolve(file)));
  if (existsSync(intent)) found.push(`${intent} (resolved by the next run)`);
  if (found.length === 0) {
    io.out('nothing left behind\n');
    return EXIT.ok;
  }
  for (const f of found) io.out(`${f}\n`);
  if (opts.remove === true) {
    for (const f of folders) {
      const r = sweepOrphans(f);
      for (const p of r.restored) io.out(`restored ${p}\n`);
      for (const p of r.removed) io.out(`removed ${p}\n`);
    }
  } else io.out('`duto clean --remove` removes them\n');
  return EXIT.ok;
}
