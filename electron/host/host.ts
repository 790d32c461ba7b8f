import { userConnectionsFile } from '../engine/connections/lookup';
import { createConnectionManager } from './connections/connection-manager';
import { createSecretManager } from './connections/secret-manager';
import { createMemorySecretStore, type SecretStore } from './connections/secret-store';
import type { Handlers, Dispatch } from './dispatch';
import { createDispatch } from './dispatch';
import { createEngineHost, type EngineHost, type EngineHostOptions } from './engine-host';
import { createFileOps } from './file-ops';
import { createTrustOps } from './trust-ops';
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
}

export interface Host {
  dispatch: Dispatch;
  engine: EngineHost;
  close(): void;
}

export function createHost(options: HostOptions): Host {
  const { userDataDir, shell, secrets, connectionsFile, env, trustStoreFile: storeFile, builtInTrusted, ...engineOptions } = options;
  const trust = { storeFile: storeFile ?? trustStoreFile(), builtIn: builtInTrusted ?? [] };
  const store = secrets ?? createMemorySecretStore();
  const environment = env ?? process.env;
  const connections = createConnectionManager({ file: connectionsFile ?? userConnectionsFile(), env: environment, secrets: store });
  const namedSecrets = createSecretManager({ env: environment, secrets: store });
  const engine = createEngineHost({ ...engineOptions, connections, secrets: namedSecrets, trust });
  const handlers: Handlers = { ...shell, ...engine.handlers, ...createFileOps({ userDataDir }), ...connections.handlers, ...namedSecrets.handlers, ...createTrustOps(trust) };
  return { dispatch: createDispatch(handlers), engine, close: () => engine.close() };
}
