import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { commitTemp, discardTemp, prepareTemp, tempTargetFor } from '../sinks/atomic-sink';
import { makeFolderSync } from './make-folder';

/** A small file written whole or not at all (temporary name in its folder, fsync, rename), its folder made first. */
export function writeFileAtomicSync(path: string, text: string, mode = 0o666): void {
  makeFolderSync(dirname(path));
  const temp = tempTargetFor(path, false);
  prepareTemp(temp);
  try {
    writeFileSync(temp.temp, text, { mode });
    commitTemp(temp);
  } catch (e) {
    discardTemp(temp);
    throw e;
  }
}
