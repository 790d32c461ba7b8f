import type { Handlers, Dispatch } from './dispatch';
import { createDispatch } from './dispatch';
import { createEngineHost, type EngineHost, type EngineHostOptions } from './engine-host';
import { createFileOps } from './file-ops';

/**
 * Everything behind the API, in one process: the engine and the file
 * operations, plus what only the shell can answer (its info and its
 * dialogs), behind one validating dispatch. The browser shell runs it in its
 * server process; the Electron shell runs it in a utility process.
 */

export type ShellOperation = 'app.info' | 'file.openDialog' | 'file.saveDialog';

export interface HostOptions extends Omit<EngineHostOptions, 'emit'> {
  userDataDir: string;
  emit: EngineHostOptions['emit'];
  shell: Pick<Handlers, ShellOperation>;
}

export interface Host {
  dispatch: Dispatch;
  engine: EngineHost;
  close(): void;
}

export function createHost(options: HostOptions): Host {
  const { userDataDir, shell, ...engineOptions } = options;
  const engine = createEngineHost(engineOptions);
  const handlers: Handlers = { ...shell, ...engine.handlers, ...createFileOps({ userDataDir }) };
  return { dispatch: createDispatch(handlers), engine, close: () => engine.close() };
}
