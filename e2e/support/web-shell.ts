import { spawn, type ChildProcess } from 'node:child_process';
import { WEB_SHELL } from './paths';

export interface WebShellProcess {
  /** The address with this launch's token in its fragment, as `npm run web` prints it. */
  url: string;
  /** The address without the token: what the address bar shows once the page has taken it. */
  origin: string;
  token: string;
  stop(): Promise<void>;
}

// Up to the whitespace after it, so that an address cut between two chunks of output is not taken half.
const URL_PATTERN = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)(?=\s)/;

/**
 * Starts the built browser shell (`node dist/web.js`) on a free port, working
 * in `workDir` (where unsaved pipelines resolve relative paths), with its
 * recent files and backups in `userDataDir`.
 */
export async function startWebShell(
  workDir: string,
  userDataDir: string,
  env: Record<string, string> = {},
): Promise<WebShellProcess> {
  const child = spawn(process.execPath, [WEB_SHELL, '--port=0'], {
    cwd: workDir,
    env: { ...process.env, DUTO_USER_DATA: userDataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const found = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the browser shell printed no address within 20 s:\n${output}`)),
      20_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = URL_PATTERN.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browser shell exited (${String(code)}) before printing its address:\n${output}`));
    });
  });
  return { url: found[0], origin: found[1] ?? '', token: found[2] ?? '', stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
