import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { intentFileFor } from '../../engine/external/file-intent';
import { readState, resetState, stateFileFor } from '../../engine/external/incremental-state';
import { DutoError } from '../../../shared/diagnostics';
import { loadPipelineFile } from '../../engine/index';
import { EXIT, type ExitCode } from '../exit';
import type { Io } from '../io';
import { requireNode } from '../pipeline-options';

/**
 * `duto state show FILE`: the watermarks of a pipeline's incremental sources,
 * and what is wrong with the state file when it is corrupt.
 * `duto state reset FILE [NODE]`: the next run of those nodes reads every row
 * and overwrites the state their targets keep; works on a corrupt file too.
 */
export function stateShowCommand(file: string, io: Io): ExitCode {
  const path = stateFileFor(resolve(file));
  if (!existsSync(path)) {
    io.out(`no incremental state yet (${path})\n`);
    return EXIT.ok;
  }
  try {
    const state = readState(path);
    const entries = Object.entries(state.watermarks);
    if (entries.length === 0) io.out(`no watermarks (${path})\n`);
    for (const [node, w] of entries) io.out(`${node}: ${w.column} > ${w.value} (${w.kind}, saved ${w.updatedAt})\n`);
    for (const node of state.reset ?? []) io.out(`${node}: reset, the next run reads every row\n`);
    if (existsSync(intentFileFor(path))) io.out(`a killed run left ${intentFileFor(path)}: the next run resolves it\n`);
    return EXIT.ok;
  } catch (e) {
    const message =
      e instanceof DutoError ? (e.diagnostics[0]?.message ?? String(e)) : e instanceof Error ? e.message : String(e);
    io.out(`corrupt: ${message}\n`);
    return EXIT.failed;
  }
}

export async function stateResetCommand(file: string, nodeId: string | undefined, io: Io): Promise<ExitCode> {
  const doc = await loadPipelineFile(file);
  if (nodeId !== undefined) requireNode(doc, nodeId);
  const path = stateFileFor(resolve(file));
  const nodes = nodeId === undefined ? doc.nodes.map((n) => n.id) : [nodeId];
  const { had, corrupt } = resetState(path, nodes);
  if (corrupt) io.out(`the state file was corrupt and was replaced (${path})\n`);
  const which = nodeId ?? (had.length > 0 ? had.join(', ') : 'every node');
  io.out(`reset ${which}: the next run reads every row and replaces the state its targets keep (${path})\n`);
  return EXIT.ok;
}
