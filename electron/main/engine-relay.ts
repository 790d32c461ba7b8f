import { isEventName, type EventName, type IpcError } from '../../shared/ipc/contract';
import { secretCallMessageSchema, type SecretReply } from '../host/connections/secret-protocol';
import { hostMessageSchema, replyMessageSchema, type MainMessage } from '../host/utility-protocol';

/**
 * Main's side of the engine host process: forwards calls, matches replies
 * to them by id, passes events on, and when the process dies unexpectedly
 * starts a new one, fails the calls it had with `engine.restarted` and tells
 * the renderer (which holds the open pipeline, so nothing is lost). It also
 * answers the host's secret-storage requests (main alone has safeStorage).
 * Written against a small interface so it is tested without Electron.
 */

export interface EngineProcess {
  postMessage(message: MainMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export interface EngineRelayOptions {
  start: () => EngineProcess;
  emit: (event: EventName, payload: unknown) => void;
  /** Answers a secret-storage request of the host; without it, such requests fail. */
  answerSecret?: (request: unknown) => Promise<SecretReply>;
  log?: (message: string) => void;
}

export interface EngineRelay {
  /** Sends a call; resolves with the host's reply (not yet checked against the contract). */
  call(op: string, request: unknown): Promise<unknown>;
  /** Stops the process for good (app quit): pending calls fail, no restart. */
  dispose(): void;
}

export function createEngineRelay(options: EngineRelayOptions): EngineRelay {
  const log = options.log ?? ((m: string) => console.error(m));
  const pending = new Map<number, (reply: unknown) => void>();
  let nextId = 1;
  let disposed = false;

  const failPending = (error: IpcError): void => {
    for (const resolve of pending.values()) resolve({ ok: false, error });
    pending.clear();
  };

  const launch = (): EngineProcess => {
    const child = options.start();
    child.onMessage((raw) => {
      // Events from a process already replaced are stale; replies are matched by id anyway.
      if (child !== current) return;
      const message = hostMessageSchema.safeParse(raw);
      if (!message.success) return log('duto: ignored a malformed message from the engine host');
      const secretCall = secretCallMessageSchema.safeParse(message.data);
      if (secretCall.success) return answerSecret(child, secretCall.data.secretCall);
      const reply = replyMessageSchema.safeParse(message.data);
      if (reply.success && 'reply' in message.data) {
        const resolve = pending.get(reply.data.id);
        pending.delete(reply.data.id);
        resolve?.(reply.data.reply);
      } else if ('event' in message.data && isEventName(message.data.event)) {
        options.emit(message.data.event, message.data.payload);
      }
    });
    child.onExit((code) => {
      if (disposed || child !== current) return;
      const reason = `the engine process exited unexpectedly (code ${code})`;
      log(`duto: ${reason}; starting a new one`);
      current = launch();
      failPending({ code: 'engine.restarted', message: `${reason}; it was restarted, try again` });
      options.emit('engine.restarted', { reason });
    });
    return child;
  };

  const answerSecret = (child: EngineProcess, call: { id: number; request: unknown }): void => {
    const answer =
      options.answerSecret ??
      (async (): Promise<SecretReply> => ({ ok: false, message: 'no secret storage in this shell' }));
    const failed = (e: unknown): SecretReply => ({ ok: false, message: e instanceof Error ? e.message : String(e) });
    void answer(call.request)
      .catch(failed)
      .then((reply) => {
        // A restarted host asks again; the old one is gone.
        if (child === current) child.postMessage({ secretReply: { id: call.id, reply } });
      });
  };

  let current = launch();

  return {
    call(op, request) {
      if (disposed)
        return Promise.resolve({ ok: false, error: { code: 'engine.stopped', message: 'the engine has stopped' } });
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        current.postMessage({ id, op, request });
      });
    },
    dispose() {
      disposed = true;
      failPending({ code: 'engine.stopped', message: 'the engine has stopped' });
      current.kill();
    },
  };
}
