import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import type { Request } from '../../../shared/ipc/contract';
import { createAppStore } from '../store/app-store';
import { fakeApi } from '../test/fake-api';
import { runPipeline } from './run-controller';

describe('run controller', () => {
  it('asks for a forced run only when told, and logs an up-to-date output as such, its nodes marked cached', async () => {
    const store = createAppStore(emptyDocument());
    const { api, calls, emit } = fakeApi({
      'pipeline.run': async (req) => {
        emit('pipeline.progress', {
          runId: req.runId,
          event: { nodeId: 'src', status: 'done', elapsedMs: 0, cached: true },
        });
        emit('pipeline.progress', {
          runId: req.runId,
          event: { nodeId: 'out', status: 'done', elapsedMs: 0, rows: 7, cached: true },
        });
        return {
          ok: true,
          value: {
            ok: true,
            cancelled: false,
            elapsedMs: 3,
            nodes: { src: { status: 'done', elapsedMs: 0 }, out: { status: 'done', elapsedMs: 0, rows: 7 } },
            outputs: [{ nodeId: 'out', path: '/data/out.parquet', rows: 7, cached: true }],
            diagnostics: [],
          },
        };
      },
    });
    await runPipeline(api, store);
    const sent = calls.filter((c) => c.op === 'pipeline.run').map((c) => c.req as Request<'pipeline.run'>);
    expect(sent[0]?.force).toBeUndefined();
    const s = store.getState();
    expect(s.run.nodes['out']).toMatchObject({ status: 'done', rows: 7, cached: true });
    expect(s.run.log.find((l) => l.nodeId === 'out')).toMatchObject({
      key: 'run.outputCached',
      vars: { path: '/data/out.parquet', rows: '7' },
    });

    await runPipeline(api, store, undefined, true);
    expect((calls.filter((c) => c.op === 'pipeline.run').at(-1)?.req as Request<'pipeline.run'>).force).toBe(true);
  });

  it("logs a sink waiting for another run's lock on its target", async () => {
    const store = createAppStore(emptyDocument());
    const waiting = 'waiting for /data/out.csv: locked by run mx1-abcdef (pid 42) since 2026-01-01T00:00:00.000Z';
    const { api, emit } = fakeApi({
      'pipeline.run': async (req) => {
        emit('pipeline.progress', {
          runId: req.runId,
          event: { nodeId: 'out', status: 'running', elapsedMs: 5, waiting },
        });
        return {
          ok: true,
          value: {
            ok: true,
            cancelled: false,
            elapsedMs: 9,
            nodes: { out: { status: 'done', elapsedMs: 9, rows: 1 } },
            outputs: [{ nodeId: 'out', path: '/data/out.csv', rows: 1 }],
            diagnostics: [],
          },
        };
      },
    });
    await runPipeline(api, store);
    expect(store.getState().run.log.find((l) => l.key === 'run.waiting')).toMatchObject({
      level: 'warning',
      nodeId: 'out',
      vars: { message: waiting },
    });
  });
});
