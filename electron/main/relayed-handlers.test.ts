import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticText } from '../../shared/diagnostics';
import { HostError } from '../host/host-error';
import { csvFilterParquet, freshDir } from '../engine/test-support';
import { createHost } from '../host/host';
import { hostsClosedAfterEach } from '../host/test-hosts';
import { createEngineRelay, type EngineRelay } from './engine-relay';
import { relayed } from './relayed-handlers';
import { inMemoryEngineProcess } from './test-engine-process';

const track = hostsClosedAfterEach();

/** A real engine host behind the utility-process protocol, in memory. */
function inMemoryEngine(events: Array<[string, unknown]>) {
  return createEngineRelay({
    start: () =>
      inMemoryEngineProcess((port) =>
        track(
          createHost({
            userDataDir: freshDir('duto-relay-user-'),
            threads: 1,
            emit: (event, payload) => port.postMessage({ event, payload }),
            shell: {
              'app.info': async () => {
                throw new Error('main');
              },
              'app.pendingOpens': async () => ({ paths: [] }),
              'file.openDialog': async () => ({ path: null }),
              'file.saveDialog': async () => ({ path: null }),
            },
          }),
        ),
      ),
    emit: (event, payload) => events.push([event, payload]),
  });
}

describe('main relaying to the engine host protocol', () => {
  it('runs a real pipeline through the relay: value, progress events and errors come back', async () => {
    const events: Array<[string, unknown]> = [];
    const relay = inMemoryEngine(events);
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), 'id,v\n1,10\n2,20\n');
    const doc = csvFilterParquet('in.csv', 'v > 10', 'out.parquet');
    const check = await relayed('pipeline.check', relay)({ document: doc, baseDir: dir, params: {} });
    expect(check.schemas['kept']?.map((c) => c.name)).toEqual(['id', 'v']);
    const run = await relayed('pipeline.run', relay)({ document: doc, baseDir: dir, params: {}, runId: 'r1' });
    expect(run.ok).toBe(true);
    expect(events.some(([e]) => e === 'pipeline.progress')).toBe(true);
    await expect(relayed('file.read', relay)({ path: join(dir, 'missing.json') })).rejects.toMatchObject({
      error: { code: 'file.not-found' },
    });
    relay.dispose();
  });
});

describe('main checking what the engine host answers', () => {
  /** A host process that answers every call with `reply`: a broken or older build of it. */
  const answering = (reply: unknown): EngineRelay => ({ call: async () => reply, dispose: () => undefined });
  const failure = async (work: Promise<unknown>): Promise<HostError> => {
    try {
      await work;
    } catch (e) {
      if (e instanceof HostError) return e;
      throw e;
    }
    throw new Error('expected a failure');
  };

  it('refuses a malformed reply, naming the operation, in both languages', async () => {
    const e = await failure(relayed('app.info', answering('garbage'))({}));
    expect(e.error).toMatchObject({ code: 'internal', message: 'app.info: the engine host sent a malformed reply' });
    const [d] = e.error.diagnostics ?? [];
    expect(d && diagnosticText(d, 'pt-BR')).toBe(
      'erro interno: app.info: o processo do motor enviou uma resposta malformada',
    );
  });

  it('refuses a value the contract does not allow, saying which field', async () => {
    const e = await failure(relayed('file.read', answering({ ok: true, value: { nope: 1 } }))({ path: '/x.json' }));
    expect(e.error.code).toBe('internal');
    expect(e.error.message).toMatch(/^file\.read: the engine host sent an invalid response: \w+/);
    const [d] = e.error.diagnostics ?? [];
    expect(d && diagnosticText(d, 'pt-BR')).toMatch(
      /^erro interno: file\.read: o processo do motor enviou uma resposta inválida: \w+/,
    );
  });
});
