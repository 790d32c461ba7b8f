import { resolve } from 'node:path';
import { serializeDocument } from '../../../shared/format/serialize';
import { writeFileAtomic } from '../../host/atomic-write';
import { loadPipelineFile } from '../../engine/index';
import { readRegularText } from '../../engine/files/read-regular';
import { EXIT, type ExitCode } from '../exit';
import type { Io } from '../io';

export interface UpgradeOpts {
  check?: boolean;
}

/**
 * `duto upgrade FILE…`: rewrites pipeline files in the current format (every
 * migration applied, the canonical layout), so that a file saved by an older
 * Duto diffs like a hand edit once, not at the next unrelated save.
 * `--check` writes nothing and exits 1 when a file would change (for CI).
 */
export async function upgradeCommand(files: readonly string[], opts: UpgradeOpts, io: Io): Promise<ExitCode> {
  let stale = 0;
  for (const f of files) {
    const path = resolve(f);
    // Loaded first: a file that is no regular file, or no pipeline, is refused by name before any read of it here.
    const after = serializeDocument(await loadPipelineFile(path));
    const before = await readRegularText(path);
    if (before === after) {
      io.out(`up to date: ${path}\n`);
      continue;
    }
    stale++;
    if (opts.check === true) io.out(`would upgrade: ${path}\n`);
    else {
      await writeFileAtomic(path, after);
      io.out(`upgraded: ${path}\n`);
    }
  }
  return opts.check === true && stale > 0 ? EXIT.failed : EXIT.ok;
}
