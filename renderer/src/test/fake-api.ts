import type { DutoApi, EventName, EventPayload, OperationName, Reply, Request } from '../../../shared/ipc/contract';

type Handlers = { [K in OperationName]?: (req: Request<K>) => Reply<K> | Promise<Reply<K>> };
type Listeners = { [E in EventName]: Set<(p: EventPayload<E>) => void> };

/** A DutoApi for tests: every call is recorded; unhandled operations answer with an error. */
export function fakeApi(handlers: Handlers = {}) {
  const calls: Array<{ op: OperationName; req: unknown }> = [];
  const listeners: Listeners = {
    'pipeline.progress': new Set(),
    'engine.restarted': new Set(),
    'menu.command': new Set(),
  };
  function op<K extends OperationName>(name: K) {
    return async (req: Request<K>): Promise<Reply<K>> => {
      calls.push({ op: name, req });
      const h: Handlers[K] = handlers[name];
      if (h === undefined) return { ok: false, error: { code: 'test.unhandled', message: `unhandled ${name}` } };
      return h(req);
    };
  }
  const api: DutoApi = {
    'app.info': op('app.info'),
    'app.pendingOpens': op('app.pendingOpens'),
    'pipeline.check': op('pipeline.check'),
    'pipeline.preview': op('pipeline.preview'),
    'pipeline.run': op('pipeline.run'),
    'pipeline.cancel': op('pipeline.cancel'),
    'pipeline.sql': op('pipeline.sql'),
    'engine.functions': op('engine.functions'),
    'pipeline.docs': op('pipeline.docs'),
    'pipeline.columnLineage': op('pipeline.columnLineage'),
    'pipeline.history': op('pipeline.history'),
    'pipeline.profile': op('pipeline.profile'),
    'pipeline.deltaVersions': op('pipeline.deltaVersions'),
    'pipeline.modelCard': op('pipeline.modelCard'),
    'pipeline.chart': op('pipeline.chart'),
    'pipeline.report': op('pipeline.report'),
    'file.read': op('file.read'),
    'file.write': op('file.write'),
    'file.openDialog': op('file.openDialog'),
    'file.saveDialog': op('file.saveDialog'),
    'file.list': op('file.list'),
    'recent.list': op('recent.list'),
    'recent.add': op('recent.add'),
    'backup.write': op('backup.write'),
    'backup.list': op('backup.list'),
    'backup.clear': op('backup.clear'),
    'connections.list': op('connections.list'),
    'connections.save': op('connections.save'),
    'connections.delete': op('connections.delete'),
    'connections.test': op('connections.test'),
    'connections.storage': op('connections.storage'),
    'secrets.list': op('secrets.list'),
    'secrets.save': op('secrets.save'),
    'secrets.delete': op('secrets.delete'),
    'trust.grant': op('trust.grant'),
    'history.all': op('history.all'),
    'schedules.status': op('schedules.status'),
    'schedules.setEnabled': op('schedules.setEnabled'),
    on(event, listener) {
      listeners[event].add(listener);
      return () => listeners[event].delete(listener);
    },
  };
  function emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of listeners[event]) l(payload);
  }
  return { api, calls, emit };
}
