import { describe, expect, it } from 'vitest';
import { diagnosticText } from '../../../shared/diagnostics';
import { HostError } from '../host-error';
import { createRemoteSecretStore, type SecretPort } from './remote-secret-store';
import type { SecretCallMessage, SecretReply } from './secret-protocol';

/** The main process's end of the port: answers each call with `answer`, as main does. */
function portAnswering(answer: (call: SecretCallMessage) => SecretReply): SecretPort {
  const listeners: Array<(e: { data: unknown }) => void> = [];
  return {
    on: (_event, listener) => listeners.push(listener),
    postMessage: (message) => {
      const reply = { secretReply: { id: message.secretCall.id, reply: answer(message) } };
      queueMicrotask(() => listeners.forEach((l) => l({ data: reply })));
    },
  };
}

async function failure(work: Promise<unknown>): Promise<HostError> {
  try {
    await work;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('the engine host asking main for secrets', () => {
  it("says main's failure in the user's language, with main's own words inside", async () => {
    const store = createRemoteSecretStore(portAnswering(() => ({ ok: false, message: 'the keychain is locked' })));
    const e = await failure(store.names());
    expect(e.error).toMatchObject({
      code: 'connections.secret-storage',
      message: 'secret storage failed: the keychain is locked',
    });
    const [d] = e.error.diagnostics ?? [];
    expect(d && diagnosticText(d, 'pt-BR')).toBe('o armazenamento de segredos falhou: the keychain is locked');
  });

  it('refuses a reply that is not what the request asked for, naming the request', async () => {
    const store = createRemoteSecretStore(portAnswering(() => ({ ok: true, value: { names: 'not a list' } })));
    const e = await failure(store.names());
    expect(e.error).toMatchObject({ code: 'internal', message: 'secret storage sent an invalid names reply' });
    const [d] = e.error.diagnostics ?? [];
    expect(d && diagnosticText(d, 'pt-BR')).toBe(
      'erro interno: o armazenamento de segredos enviou uma resposta inválida a names',
    );
  });
});
