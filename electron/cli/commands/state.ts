import { resolve } from 'node:path';
import { resetState, stateFileFor } from '../../engine/external/incremental-state';
import { loadPipelineFile } from '../../engine/index';
import { EXIT, type ExitCode } from '../exit';
import type { Io } from '../io';
import { requireNode } from '../session';

/**
 * `duto state reset FILE [NODE]`: forgets the watermarks of a pipeline's
 * incremental sources (one node, or all), so the next run reads every row.
 */
export async function stateResetCommand(file: string, nodeId: string | undefined, io: Io): Promise<ExitCode> {
  const doc = await loadPipelineFile(file);
  if (nodeId !== undefined) requireNode(doc, nodeId);
  const path = stateFileFor(resolve(file));
  const reset = resetState(path, nodeId);
  if (reset.length === 0) io.out(`nothing to reset: ${nodeId === undefined ? 'no node has' : `${nodeId} has no`} incremental state in ${path}\n`);
  else io.out(`reset ${reset.join(', ')}: the next run reads every row (${path})\n`);
  return EXIT.ok;
}
