// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/messages.en';
import { ptBR } from '../i18n/messages.pt-BR';
import { selectNodeRun } from './node-status';
import { ranPipeline } from './ran-pipeline.test-support';

/** A node a run took from the node cache says so (issue #12): origin reaches the store from progress and from the result. */
describe('node origin', () => {
  it('keeps "cache" and "computed" from the run result, and from progress events', () => {
    const { store, a, src, filter, sink } = ranPipeline(({ src: s, filter: f, sink: k }) => ({
      nodes: {
        [s]: { status: 'done', rows: 3, elapsedMs: 0, origin: 'cache' },
        [f]: { status: 'done', rows: 2, elapsedMs: 5, origin: 'computed' },
        [k]: { status: 'done', rows: 2, elapsedMs: 5, origin: 'computed' },
      },
    }));
    const origin = (id: string) => selectNodeRun(id)(store.getState())?.origin;
    expect([origin(src), origin(filter), origin(sink)]).toEqual(['cache', 'computed', 'computed']);
    a().beginRun('r2');
    a().applyProgress('r2', { nodeId: filter, status: 'done', elapsedMs: 0, origin: 'cache' });
    expect(origin(filter)).toBe('cache');
  });

  it('the badge is in both languages', () => {
    expect(en['node.status.fromCache']).toBe('from cache');
    expect(ptBR['node.status.fromCache']).toBe('do cache');
  });
});
