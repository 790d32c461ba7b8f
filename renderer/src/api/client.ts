import {
  eventSchemas,
  failedReplySchema,
  operationNames,
  operationSchemas,
  succeededReplySchema,
  type DutoApi,
  type EventName,
  type EventPayload,
  type OperationName,
  type Reply,
  type Request,
} from '../../../shared/ipc/contract';
import { httpTransport } from './http-transport';
import { browserShellToken } from './launch-token';
import type { Call, Subscribe } from './transport';

/**
 * The renderer's DutoApi. In the Electron shell it wraps the preload's
 * `window.duto`; in the browser shell it speaks HTTP to the local server
 * with this launch's token (`http-transport.ts`, `launch-token.ts`). Either
 * way every reply and event is checked against the contract before the UI
 * sees it.
 */

export function createApi(): DutoApi {
  const bridge = electronBridge();
  if (bridge !== null) return fromTransport(bridge.call, bridge.on);
  const web = httpTransport(browserShellToken(), (url, init) => fetch(url, init));
  return fromTransport(web.call, web.subscribe);
}

/** The API over any transport: validation here, the carrying in `call` and `subscribe`. */
export function fromTransport(call: Call, subscribe: Subscribe): DutoApi {
  async function invoke<K extends OperationName>(name: K, request: Request<K>): Promise<Reply<K>> {
    let raw: unknown;
    try {
      raw = await call(name, request);
    } catch (e) {
      return {
        ok: false,
        error: { code: 'transport', message: `${name}: ${e instanceof Error ? e.message : String(e)}` },
      };
    }
    const failed = failedReplySchema.safeParse(raw);
    if (failed.success) return { ok: false, error: failed.data.error };
    const succeeded = succeededReplySchema.safeParse(raw);
    const value = operationSchemas[name].response.safeParse(succeeded.success ? succeeded.data.value : undefined);
    if (!succeeded.success || !value.success)
      return { ok: false, error: { code: 'internal', message: `${name}: the reply does not match the contract` } };
    return { ok: true, value: value.data };
  }
  function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return subscribe(event, (payload) => {
      const checked = eventSchemas[event].safeParse(payload);
      if (checked.success) listener(checked.data);
      else console.error(`duto: dropped an invalid ${event} event`);
    });
  }
  // Listed one by one so the compiler checks that every operation is there.
  return {
    'app.info': (r) => invoke('app.info', r),
    'app.pendingOpens': (r) => invoke('app.pendingOpens', r),
    'pipeline.check': (r) => invoke('pipeline.check', r),
    'pipeline.preview': (r) => invoke('pipeline.preview', r),
    'pipeline.run': (r) => invoke('pipeline.run', r),
    'pipeline.cancel': (r) => invoke('pipeline.cancel', r),
    'pipeline.sql': (r) => invoke('pipeline.sql', r),
    'engine.functions': (r) => invoke('engine.functions', r),
    'file.read': (r) => invoke('file.read', r),
    'file.write': (r) => invoke('file.write', r),
    'file.openDialog': (r) => invoke('file.openDialog', r),
    'file.saveDialog': (r) => invoke('file.saveDialog', r),
    'file.list': (r) => invoke('file.list', r),
    'recent.list': (r) => invoke('recent.list', r),
    'recent.add': (r) => invoke('recent.add', r),
    'backup.write': (r) => invoke('backup.write', r),
    'backup.list': (r) => invoke('backup.list', r),
    'backup.clear': (r) => invoke('backup.clear', r),
    'connections.list': (r) => invoke('connections.list', r),
    'connections.save': (r) => invoke('connections.save', r),
    'connections.delete': (r) => invoke('connections.delete', r),
    'connections.test': (r) => invoke('connections.test', r),
    'connections.storage': (r) => invoke('connections.storage', r),
    'pipeline.docs': (r) => invoke('pipeline.docs', r),
    'pipeline.columnLineage': (r) => invoke('pipeline.columnLineage', r),
    'pipeline.history': (r) => invoke('pipeline.history', r),
    'pipeline.profile': (r) => invoke('pipeline.profile', r),
    'pipeline.deltaVersions': (r) => invoke('pipeline.deltaVersions', r),
    'pipeline.modelCard': (r) => invoke('pipeline.modelCard', r),
    'pipeline.chart': (r) => invoke('pipeline.chart', r),
    'pipeline.report': (r) => invoke('pipeline.report', r),
    'secrets.list': (r) => invoke('secrets.list', r),
    'secrets.save': (r) => invoke('secrets.save', r),
    'secrets.delete': (r) => invoke('secrets.delete', r),
    'trust.grant': (r) => invoke('trust.grant', r),
    'history.all': (r) => invoke('history.all', r),
    'schedules.status': (r) => invoke('schedules.status', r),
    'schedules.setEnabled': (r) => invoke('schedules.setEnabled', r),
    on,
  };
}

/** What the Electron preload exposes, checked at run time instead of declared in an ambient .d.ts. */
interface Bridge {
  call: Call;
  on: Subscribe;
}

function electronBridge(): Bridge | null {
  if (typeof window === 'undefined' || !('duto' in window)) return null;
  const duto: unknown = window.duto;
  if (typeof duto !== 'object' || duto === null || !('on' in duto) || typeof duto.on !== 'function') return null;
  const methods = new Map<string, (request: unknown) => unknown>();
  for (const name of operationNames) {
    const method: unknown = Reflect.get(duto, name);
    if (typeof method !== 'function') return null;
    methods.set(name, (request) => Reflect.apply(method, duto, [request]));
  }
  const on = duto.on;
  return {
    call: async (name, request) => methods.get(name)?.(request),
    on: (event, listener) => {
      const off: unknown = Reflect.apply(on, duto, [event, listener]);
      return typeof off === 'function' ? () => void Reflect.apply(off, undefined, []) : () => undefined;
    },
  };
}
