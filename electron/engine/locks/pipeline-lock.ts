import { DutoError, error } from '../../../shared/diagnostics';
import { perPipelineFile } from '../session/user-folders';
import { tryLockFileOrHolder, type HeldFileLock } from './file-lock';

/**
 * One run of a pipeline at a time, across processes: `duto run`, `duto
 * serve` and the app take this lock (a file in the user's data folder named
 * after the pipeline's path, holding pid and start time) before running it.
 * A lock whose process is gone is taken over (file-lock.ts); a live one
 * refuses the run at once with `pipeline.running`, naming its holder.
 */
export function lockPipelineRun(file: string, runId: string, env: NodeJS.ProcessEnv = process.env): HeldFileLock {
  const got = tryLockFileOrHolder(perPipelineFile('data', 'running', '', file, env), runId);
  if ('holder' in got) throw new DutoError([error('pipeline.running', { file, holder: got.holder })]);
  return got;
}
