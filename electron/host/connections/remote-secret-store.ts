import type { z } from 'zod';
import { said } from '../../../shared/messages/diagnostic-messages';
import { hostError } from '../host-error';
import {
  secretReplyMessageSchema,
  secretValueSchemas,
  type SecretCallMessage,
  type SecretReply,
  type SecretRequest,
} from './secret-protocol';
import type { SecretStore } from './secret-store';

/**
 * The engine host's secret store in the Electron shell: every operation is
 * a request to the main process, which alone can use safeStorage. Nothing
 * is cached here, so passwords live in this process only while a request
 * or a session uses them.
 */

/** The part of Electron's `process.parentPort` this needs (the host never imports electron). */
export interface SecretPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: SecretCallMessage): void;
}

export function createRemoteSecretStore(port: SecretPort): SecretStore {
  const pending = new Map<number, (reply: SecretReply) => void>();
  let nextId = 1;
  port.on('message', (e) => {
    const message = secretReplyMessageSchema.safeParse(e.data);
    if (!message.success) return;
    const { id, reply } = message.data.secretReply;
    const resolve = pending.get(id);
    pending.delete(id);
    resolve?.(reply);
  });

  async function call<S extends z.ZodType>(request: SecretRequest, valueSchema: S): Promise<z.output<S>> {
    const id = nextId++;
    const reply = await new Promise<SecretReply>((resolve) => {
      pending.set(id, resolve);
      port.postMessage({ secretCall: { id, request } });
    });
    if (!reply.ok) throw hostError(said('connections.secret-storage', { detail: reply.message }));
    const value = valueSchema.safeParse(reply.value);
    if (!value.success) throw hostError(said('internal/secret-reply', { operation: request.op }));
    return value.data;
  }

  return {
    status: () => call({ op: 'status' }, secretValueSchemas.status),
    names: async () => (await call({ op: 'names' }, secretValueSchemas.names)).names,
    get: async (names) => {
      const got = await call({ op: 'get', names: [...names] }, secretValueSchemas.get);
      return {
        passwords: new Map(Object.entries(got.passwords)),
        unreadable: got.unreadable,
        origins: new Map(Object.entries(got.origins)),
      };
    },
    set: async (name, password, allowPlainText, origins) =>
      (
        await call(
          { op: 'set', name, password, allowPlainText, ...(origins === undefined ? {} : { origins: [...origins] }) },
          secretValueSchemas.set,
        )
      ).result,
    setOrigins: async (name, origins) =>
      (await call({ op: 'setOrigins', name, origins: [...origins] }, secretValueSchemas.setOrigins)).found,
    origins: async () => new Map(Object.entries((await call({ op: 'origins' }, secretValueSchemas.origins)).origins)),
    delete: async (name) => {
      await call({ op: 'delete', name }, secretValueSchemas.delete);
    },
  };
}
