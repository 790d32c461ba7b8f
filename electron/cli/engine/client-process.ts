import type { RunRequest } from './engine-frames';

/**
 * The resident engine runs a command as if it were the client's own process:
 * its environment (secrets, DUTO_* settings, HOME), its working folder and its
 * umask, given back when the command ends — so a secret of one command never
 * stays in the engine after it.
 */

/**
 * What a process takes once, at start, and cannot change after: the time zone
 * (DuckDB's ICU and V8 read it once) and the language. A client whose differ
 * runs its command itself.
 */
const FIXED_AT_START = ['TZ', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LC_NUMERIC', 'LC_TIME', 'LC_CTYPE'];

export function sameWorld(engine: NodeJS.ProcessEnv, client: Readonly<Record<string, string>>): boolean {
  return FIXED_AT_START.every((k) => (engine[k] ?? '') === (client[k] ?? ''));
}

/** What of a process a command takes on (the real one; tests give their own: a worker thread cannot chdir). */
export interface ProcessState {
  env: NodeJS.ProcessEnv;
  cwd(): string;
  chdir(dir: string): void;
  umask(mask?: number): number;
}

/** Becomes the client's process; returns what gives the engine's back, or undefined when its folder is gone. */
export function enterClientProcess(request: RunRequest, host: ProcessState = process): (() => void) | undefined {
  const saved = { env: { ...host.env }, cwd: host.cwd(), umask: host.umask() };
  try {
    host.chdir(request.cwd);
  } catch {
    return undefined;
  }
  replaceEnvironment(host.env, request.env);
  host.umask(request.umask);
  return () => {
    replaceEnvironment(host.env, saved.env);
    host.umask(saved.umask);
    try {
      host.chdir(saved.cwd);
    } catch {
      host.chdir('/');
    }
  };
}

function replaceEnvironment(env: NodeJS.ProcessEnv, next: Readonly<Record<string, string | undefined>>): void {
  for (const key of Object.keys(env)) if (!Object.hasOwn(next, key)) Reflect.deleteProperty(env, key);
  for (const [key, value] of Object.entries(next)) if (value !== undefined) env[key] = value;
}
