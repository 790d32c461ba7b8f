import { createRemoteSecretStore } from './connections/remote-secret-store';
import type { ShellOperation } from './host';
import { createHost } from './host';
import { defaultUserDataDir } from './user-data-dir';
import { hostError } from './host-error';
import { said } from '../../shared/messages/diagnostic-messages';
import type { Handlers } from './dispatch';
import { serveParentPort, type ParentPortLike } from './utility-protocol';

/**
 * Entry of the engine host's Electron utility process: the engine (DuckDB)
 * and the file operations run here, off the main process, so a crash or a
 * long query never freezes the window; main restarts this process if it dies.
 * Main passes `--user-data=<dir>` (Electron's userData folder). Stored
 * connection passwords are asked of main, which alone has safeStorage.
 */

function hasParentPort(p: NodeJS.Process): p is NodeJS.Process & { parentPort: ParentPortLike } {
  return 'parentPort' in p && typeof p.parentPort === 'object' && p.parentPort !== null;
}

function argValue(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

/** Main answers these itself (native dialogs, app info, files the OS opened); reaching here is a routing bug. */
const answeredByMain = async (): Promise<never> => {
  throw hostError(said('internal/main-only', {}));
};
const shell: Pick<Handlers, ShellOperation> = {
  'app.info': answeredByMain,
  'app.pendingOpens': answeredByMain,
  'file.openDialog': answeredByMain,
  'file.saveDialog': answeredByMain,
};

if (!hasParentPort(process)) {
  console.error('duto engine host: must be started as an Electron utility process');
  process.exit(1);
} else {
  const port = process.parentPort;
  const host = createHost({
    userDataDir: argValue('user-data') ?? defaultUserDataDir(),
    emit: (event, payload) => port.postMessage({ event, payload }),
    shell,
    secrets: createRemoteSecretStore(port),
    builtInTrusted: [argValue('examples') ?? ''].filter((d) => d !== ''),
  });
  serveParentPort(port, host.dispatch);
}
