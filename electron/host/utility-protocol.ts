import { z } from 'zod';
import { secretCallMessageSchema, type SecretReplyMessage } from './connections/secret-protocol';
import type { Dispatch } from './dispatch';

/**
 * The messages between Electron's main process and the engine host running
 * in a utility process: main sends `{id, op, request}`, the host answers
 * `{id, reply}` and pushes `{event, payload}` whenever it has an event.
 * The host also asks main for stored passwords (`{secretCall}`, answered by
 * `{secretReply}`: connections/secret-protocol.ts).
 * Both sides check the shape, so a bug on one side is not trusted by the other.
 */

export const callMessageSchema = z.object({ id: z.number().int(), op: z.string(), request: z.unknown() });
export const replyMessageSchema = z.object({ id: z.number().int(), reply: z.unknown() });
export const eventMessageSchema = z.object({ event: z.string(), payload: z.unknown() });
export const hostMessageSchema = z.union([replyMessageSchema, eventMessageSchema, secretCallMessageSchema]);

export type CallMessage = z.infer<typeof callMessageSchema>;
export type HostMessage = z.infer<typeof hostMessageSchema>;
/** What main sends the host: calls, and answers to its secret-storage requests. */
export type MainMessage = CallMessage | SecretReplyMessage;

/** The part of Electron's `process.parentPort` the host uses (kept here so the host never imports electron). */
export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: HostMessage): void;
}

/** Answers every call from main through `dispatch`; malformed calls are ignored (they cannot be answered). */
export function serveParentPort(port: ParentPortLike, dispatch: Dispatch): void {
  port.on('message', (e) => {
    const call = callMessageSchema.safeParse(e.data);
    if (!call.success) return;
    const { id, op, request } = call.data;
    void dispatch(op, request).then((reply) => port.postMessage({ id, reply }));
  });
}
