import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { invokeChannel } from '../../shared/ipc/channels';
import { operationNames, type Response } from '../../shared/ipc/contract';
import { createDispatch, type Handlers } from '../host/dispatch';
import { showOpenPipelineDialog, showSavePipelineDialog } from './dialogs';
import type { EngineRelay } from './engine-relay';
import { relayed } from './relayed-handlers';
import { isTrustedSender } from './sender-check';

/**
 * One `ipcMain.handle('duto:<op>')` per operation of the contract. Each
 * checks its sender first, then dispatches: the request is validated by its
 * schema, the shell's own operations (dialogs, app info) are answered here,
 * everything else is relayed to the engine host process.
 */

export interface IpcOptions {
  appOrigin: string;
  relay: EngineRelay;
  /** `webContents.id` of every window we created. */
  ourWebContents: () => ReadonlySet<number>;
  appInfo: () => Response<'app.info'>;
  /** Takes the pipeline the OS asked to open before the renderer listened (see open-requests.ts). */
  takePendingOpens: () => string[];
  /** Called with the new list after a pipeline was added to the recent files (the menu shows them). */
  onRecentChanged: (paths: readonly string[]) => void;
}

export function registerIpc(options: IpcOptions): () => void {
  const { relay } = options;
  const addRecent = relayed('recent.add', relay);
  const handlers: Handlers = {
    'app.info': async () => options.appInfo(),
    'app.pendingOpens': async () => ({ paths: options.takePendingOpens() }),
    'file.openDialog': async (req) => ({ path: await showOpenPipelineDialog(req.title) }),
    'file.saveDialog': async (req) => ({ path: await showSavePipelineDialog(req.suggestedName) }),
    'pipeline.check': relayed('pipeline.check', relay),
    'pipeline.preview': relayed('pipeline.preview', relay),
    'pipeline.run': relayed('pipeline.run', relay),
    'pipeline.cancel': relayed('pipeline.cancel', relay),
    'pipeline.sql': relayed('pipeline.sql', relay),
    'engine.functions': relayed('engine.functions', relay),
    'file.read': relayed('file.read', relay),
    'file.write': relayed('file.write', relay),
    'file.list': relayed('file.list', relay),
    'recent.list': relayed('recent.list', relay),
    'recent.add': async (req) => {
      const r = await addRecent(req);
      options.onRecentChanged(r.paths);
      return r;
    },
    'backup.write': relayed('backup.write', relay),
    'backup.list': relayed('backup.list', relay),
    'backup.clear': relayed('backup.clear', relay),
    // Passwords ride inside these requests to the host, which asks main's vault to store them.
    'connections.list': relayed('connections.list', relay),
    'connections.save': relayed('connections.save', relay),
    'connections.delete': relayed('connections.delete', relay),
    'connections.test': relayed('connections.test', relay),
    'connections.storage': relayed('connections.storage', relay),
    'pipeline.docs': relayed('pipeline.docs', relay),
    'pipeline.columnLineage': relayed('pipeline.columnLineage', relay),
    'pipeline.history': relayed('pipeline.history', relay),
    'pipeline.profile': relayed('pipeline.profile', relay),
    'pipeline.deltaVersions': relayed('pipeline.deltaVersions', relay),
    'pipeline.modelCard': relayed('pipeline.modelCard', relay),
    'pipeline.chart': relayed('pipeline.chart', relay),
    'pipeline.report': relayed('pipeline.report', relay),
    'secrets.list': relayed('secrets.list', relay),
    'secrets.save': relayed('secrets.save', relay),
    'secrets.delete': relayed('secrets.delete', relay),
    'trust.grant': relayed('trust.grant', relay),
    'history.all': relayed('history.all', relay),
    'schedules.status': relayed('schedules.status', relay),
    'schedules.setEnabled': relayed('schedules.setEnabled', relay),
  };
  const dispatch = createDispatch(handlers);
  const trusted = (event: IpcMainInvokeEvent): boolean =>
    isTrustedSender(
      { frameUrl: event.senderFrame?.url, webContentsId: event.sender.id },
      options.ourWebContents(),
      options.appOrigin,
    );

  for (const op of operationNames) {
    ipcMain.handle(invokeChannel(op), async (event, raw: unknown) => {
      if (!trusted(event))
        return { ok: false, error: { code: 'ipc.forbidden', message: 'this window may not use the Duto API' } };
      return dispatch(op, raw);
    });
  }
  return () => {
    for (const op of operationNames) ipcMain.removeHandler(invokeChannel(op));
  };
}
