import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvFilterParquet, freshDir } from '../engine/test-support';
import { createHost } from '../host/host';
import { hostsClosedAfterEach } from '../host/test-hosts';
import { createEngineRelay } from './engine-relay';
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
