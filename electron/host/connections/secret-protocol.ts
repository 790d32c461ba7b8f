import { z } from 'zod';
import { storeKeySchema } from '../../../shared/connections/secret-names';
import { MAX_SECRET_ORIGINS } from '../../../shared/connections/secret-origins';
import { MAX_PASSWORD_LENGTH, secretStorageSchema } from '../../../shared/ipc/connection-ops';
import type { SecretStore } from './secret-store';

/**
 * The engine host (utility process) asks main for secret storage: safeStorage
 * exists only in Electron's main process. The host sends
 * `{secretCall: {id, request}}`; main answers `{secretReply: {id, reply}}`.
 * Both ends check what they receive. Passwords cross only in `set` requests
 * and `get` replies, over the process-private port, never to disk in clear.
 */

const names = z.array(storeKeySchema).max(1000);
const originList = z.array(z.string().max(300)).max(MAX_SECRET_ORIGINS);

export const secretRequestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('status') }),
  z.object({ op: z.literal('names') }),
  z.object({ op: z.literal('get'), names }),
  z.object({
    op: z.literal('set'),
    name: storeKeySchema,
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    allowPlainText: z.boolean(),
    origins: originList.optional(),
  }),
  z.object({ op: z.literal('setOrigins'), name: storeKeySchema, origins: originList }),
  z.object({ op: z.literal('origins') }),
  z.object({ op: z.literal('delete'), name: storeKeySchema }),
]);
export type SecretRequest = z.infer<typeof secretRequestSchema>;

/** What each request is answered with (inside `{ok: true, value}`). */
export const secretValueSchemas = {
  status: secretStorageSchema,
  names: z.object({ names }),
  get: z.object({
    passwords: z.record(storeKeySchema, z.string()),
    unreadable: names,
    origins: z.record(storeKeySchema, originList),
  }),
  set: z.object({ result: z.enum(['stored', 'needs-consent']) }),
  setOrigins: z.object({ found: z.boolean() }),
  origins: z.object({ origins: z.record(storeKeySchema, originList) }),
  delete: z.object({}),
} as const;

export const secretReplySchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type SecretReply = z.infer<typeof secretReplySchema>;

export const secretCallMessageSchema = z.object({
  secretCall: z.object({ id: z.number().int(), request: z.unknown() }),
});
export const secretReplyMessageSchema = z.object({
  secretReply: z.object({ id: z.number().int(), reply: secretReplySchema }),
});
export type SecretCallMessage = z.infer<typeof secretCallMessageSchema>;
export type SecretReplyMessage = z.infer<typeof secretReplyMessageSchema>;

/** Main's side: answers one request from the host with its store. Failures cross as a message only. */
export async function answerSecretCall(store: SecretStore, raw: unknown): Promise<SecretReply> {
  const parsed = secretRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: 'malformed secret-storage request' };
  const request = parsed.data;
  try {
    switch (request.op) {
      case 'status':
        return { ok: true, value: await store.status() };
      case 'names':
        return { ok: true, value: { names: await store.names() } };
      case 'get': {
        const got = await store.get(request.names);
        return {
          ok: true,
          value: {
            passwords: Object.fromEntries(got.passwords),
            unreadable: got.unreadable,
            origins: Object.fromEntries(got.origins ?? []),
          },
        };
      }
      case 'set':
        return {
          ok: true,
          value: { result: await store.set(request.name, request.password, request.allowPlainText, request.origins) },
        };
      case 'setOrigins':
        return { ok: true, value: { found: await store.setOrigins(request.name, request.origins) } };
      case 'origins':
        return { ok: true, value: { origins: Object.fromEntries(await store.origins()) } };
      case 'delete':
        await store.delete(request.name);
        return { ok: true, value: {} };
    }
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
