import type { Host } from '../host/host';
import { serveParentPort, type HostMessage, type MainMessage, type ParentPortLike } from '../host/utility-protocol';
import type { EngineProcess } from './engine-relay';

/**
 * For tests: a real engine host behind the utility-process protocol, in
 * memory. Messages both ways are cloned and delivered on a microtask, as
 * they would be across processes. `startHost` builds the host on the port
 * it is given (for its events or its secret store).
 */
export function inMemoryEngineProcess(startHost: (port: ParentPortLike) => Host): EngineProcess {
  const toMain: Array<(m: unknown) => void> = [];
  const toHost: Array<(e: { data: unknown }) => void> = [];
  const port: ParentPortLike = {
    on: (_: 'message', l: (e: { data: unknown }) => void) => toHost.push(l),
    postMessage: (m: HostMessage) => queueMicrotask(() => toMain.forEach((l) => l(structuredClone(m)))),
  };
  serveParentPort(port, startHost(port).dispatch);
  return {
    postMessage: (m: MainMessage) => queueMicrotask(() => toHost.forEach((l) => l({ data: structuredClone(m) }))),
    onMessage: (l) => toMain.push(l),
    onExit: () => undefined,
    kill: () => undefined,
  };
}
