import { app, utilityProcess } from 'electron';
import { join } from 'node:path';
import type { EngineProcess } from './engine-relay';

/** Starts the engine host (dist/electron/engine-host.cjs) as an Electron utility process. */
export function startEngineProcess(): EngineProcess {
  // The examples shipped with the app are trusted (they are the app's own); pipelines elsewhere are decided by the trust store.
  const examples = app.isPackaged ? join(process.resourcesPath, 'examples') : join(app.getAppPath(), 'examples');
  const child = utilityProcess.fork(
    join(__dirname, 'engine-host.cjs'),
    [`--user-data=${app.getPath('userData')}`, `--examples=${examples}`],
    {
      serviceName: 'Duto engine',
      stdio: 'inherit',
    },
  );
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', listener),
    kill: () => void child.kill(),
  };
}
