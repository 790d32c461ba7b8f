import { userConnectionsFile } from '../engine/connections/lookup';
import { createConnectionManager } from './connections/connection-manager';
import { createSecretManager } from './connections/secret-manager';
import { createMemorySecretStore, type SecretStore } from './connections/secret-store';
import type { Handlers, Dispatch } from './dispatch';
import { createDispatch } from './dispatch';
import { createEngineHost, type EngineHost, type EngineHostOptions } from './engine-host';
import { createFileOps } from './file-ops';
import { createTrustOps } from './trust-ops';
import { createAppScheduler, type AppScheduler } from './app-scheduler';
import type { Clock } from '../engine/schedule/scheduler';
import { trustStoreFile } from '../engine/trust/trust-store';

/**
 * Everything behind the API, in one process: the engine, the file
 * operations and the connection manager, plus what only the shell can
 * answer (its info, its dialogs, the files the OS asked it to open), behind one validating dispatch. The
 * browser shell runs it in its server process; the Electron shell runs it in
 * a utility process.
 */

export type ShellOperation = 'app.info' | 'app.pendingOpens' | 'file.openDialog' | 'file.saveDialog';

export interface HostOptions extends Omit<EngineHostOptions, 'emit' | 'connections' | 'secrets' | 'trust'> {
  userDataDir: string;
  emit: EngineHostOptions['emit'];
  shell: Pick<Handlers, ShellOperation>;
  /** Where stored passwords and named secrets live: main's safeStorage vault (Electron); memory when not given (the browser shell). */
  secrets?: SecretStore;
  /** The user's connections file; defaults to the one the CLI reads (userConnectionsFile()). */
  connectionsFile?: string;
  /** Where DUTO_CONN_<NAME>_PASSWORD / _URL and DUTO_SECRET_<NAME> are read; defaults to this process's environment. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The user's trust store, shared with the CLI; defaults to trustStoreFile(). */
  trustStoreFile?: string;
  /** Folders whose pipelines are trusted without asking: the app's own examples. */
  builtInTrusted?: readonly string[];
  /** The app scheduler's clock (tests drive a fake one); the system's by default. */
  scheduleClock?: Clock;
}

export interface Host {
  dispatch: Dispatch;
  engine: EngineHost;
  schedules: AppScheduler;
  close(): void;
}

export function createHost(options: HostOptions): Host {
  const {
    userDataDir,
    shell,
    secrets,
    connectionsFile,
    env,
    trustStoreFile: storeFile,
    builtInTrusted,
    scheduleClock,
    ...engineOptions
  } = options;
  const trust = { storeFile: storeFile ?? trustStoreFile(), builtIn: builtInTrusted ?? [] };
  const store = secrets ?? createMemorySecretStore();
  const environment = env ?? process.env;
  const connections = createConnectionManager({
    file: connectionsFile ?? userConnectionsFile(),
    env: environment,
    secrets: store,
  });
  const namedSecrets = createSecretManager({ env: environment, secrets: store });
  const engine = createEngineHost({ ...engineOptions, connections, secrets: namedSecrets, trust });
  const schedules = createAppScheduler({
    userDataDir,
    trust,
    runFile: engine.runFile,
    ...(scheduleClock === undefined ? {} : { clock: scheduleClock }),
  });
  const fileOps = createFileOps({ userDataDir });
  const trustOps = createTrustOps(trust);
  // What the scheduler knows changes when a file is opened or saved, or trusted: it looks again (and restarts only on a change).
  const refresh = (): void => void schedules.refresh().catch(() => undefined);
  const handlers: Handlers = {
    ...shell,
    ...engine.handlers,
    ...fileOps,
    'recent.add': (req) => fileOps['recent.add'](req).finally(refresh),
    'file.write': (req) => fileOps['file.write'](req).finally(refresh),
    ...connections.handlers,
    ...namedSecrets.handlers,
    'trust.grant': (req) => trustOps['trust.grant'](req).finally(refresh),
    ...schedules.handlers,
  };
  refresh();
  return {
    dispatch: createDispatch(handlers),
    engine,
    schedules,
    close: () => {
      // Scheduled runs are cancelled first (synchronously), then the sessions they used close.
      void schedules.close();
      engine.close();
    },
  };
}
