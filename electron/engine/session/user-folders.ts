import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Machine-local files Duto keeps per pipeline (run cache, run history): in
 * the user's cache or data folder, named by a hash of the pipeline's path,
 * never beside the pipeline.
 */

/** `$XDG_CACHE_HOME` / `$XDG_DATA_HOME` (defaults under ~), `%LOCALAPPDATA%` on Windows. */
function userFolder(kind: 'cache' | 'data', env: NodeJS.ProcessEnv): string {
  if (process.platform === 'win32') return env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local');
  return kind === 'cache'
    ? (env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'))
    : (env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'));
}

/** `<user folder>/duto/<sub>/<hash of the pipeline's path><ext>`. */
export function perPipelineFile(
  kind: 'cache' | 'data',
  sub: string,
  ext: string,
  pipelineFile: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const key = createHash('sha256').update(resolve(pipelineFile)).digest('hex').slice(0, 32);
  return join(userFolder(kind, env), 'duto', sub, `${key}${ext}`);
}
