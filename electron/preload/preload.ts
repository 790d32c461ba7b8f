import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventChannel, invokeChannel } from '../../shared/ipc/channels';
import { eventNames, isEventName, operationNames } from '../../shared/ipc/contract';

/**
 * The bridge: the only thing the sandboxed renderer sees of the app,
 * generated from the IPC contract — one method per operation, and `on` for
 * the contract's events, which strips Electron's event object so no IPC
 * handle leaks into the page. Nothing else is exposed.
 */

const api: Record<string, unknown> = {};
for (const op of operationNames) {
  api[op] = (request: unknown): Promise<unknown> => ipcRenderer.invoke(invokeChannel(op), request);
}
api['on'] = (event: unknown, listener: unknown): (() => void) => {
  if (typeof event !== 'string' || !isEventName(event) || typeof listener !== 'function') {
    throw new Error(`duto.on: unknown event "${String(event)}" (known: ${eventNames.join(', ')})`);
  }
  const channel = eventChannel(event);
  const relay = (_event: IpcRendererEvent, payload: unknown): void => {
    listener(payload);
  };
  ipcRenderer.on(channel, relay);
  return () => {
    ipcRenderer.removeListener(channel, relay);
  };
};

contextBridge.exposeInMainWorld('duto', Object.freeze(api));
