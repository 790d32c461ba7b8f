import { isEventName, type EventName, type IpcError } from '../../shared/ipc/contract';
import { hostMessageSchema, replyMessageSchema, type CallMessage } from '../host/utility-protocol';

/**
 * Main's side of the engine host process: forwards calls, matches replies
 * to them by id, passes events on, and when the process dies unexpectedly
 * starts a new one, fails the calls it had with `engine.restarted` and tells
 * the renderer (which holds the open pipeline, so nothing is lost).
 * Written against a small interface so it is tested without Electron.
 */

export interface EngineProcess {
  postMessage(message: CallMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export interface EngineRelayOptions {
  start: () => EngineProcess;
  emit: (event: EventName, payload: unknown) => void;
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

  let current = launch();

  return {
    call(op, request) {
      if (disposed) return Promise.resolve({ ok: false, error: { code: 'engine.stopped', message: 'the engine has stopped' } });
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
