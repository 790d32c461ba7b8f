// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import { edgeId } from '../store/document-slice';
import { nodeFingerprints } from '../store/node-fingerprints';
import { badgeKind, selectNodeDiagnostic, selectNodeRun, selectNodeStale } from './node-status';
import { ranPipeline } from './ran-pipeline.test-support';

/** A badge always tells the truth about the node as it is now (issue #11). */

function ran() {
  const r = ranPipeline(({ src, filter, sink }) => ({
    nodes: {
      [src]: { status: 'done', rows: 3, elapsedMs: 5 },
      [filter]: { status: 'done', rows: 2, elapsedMs: 5 },
      [sink]: { status: 'done', rows: 2, elapsedMs: 5 },
    },
  }));
  const kind = (id: string) => {
    const s = r.store.getState();
    return badgeKind(selectNodeRun(id)(s), selectNodeDiagnostic(id)(s), true, selectNodeStale(id)(s));
  };
  return { ...r, kind };
}

describe('stale run results', () => {
  it('an edit turns the node and everything downstream stale, not upstream; undo brings the result back', () => {
    const { a, src, filter, sink, kind } = ran();
    expect([kind(src), kind(filter), kind(sink)]).toEqual(['done', 'done', 'done']);
    a().setParam(filter, 'condition', 'amount > 1');
    expect([kind(src), kind(filter), kind(sink)]).toEqual(['done', 'stale', 'stale']);
    a().undo();
    expect([kind(src), kind(filter), kind(sink)]).toEqual(['done', 'done', 'done']);
  });

  it('a node broken after the run shows its error, never the old Done', () => {
    const { store, a, src, filter, sink, kind } = ran();
    a().removeEdges([edgeId(filter, 'in', src)]);
    const checked = store.getState().doc.document;
    a().applyCheck(a().beginCheck(), checked, {
      ok: false,
      diagnostics: [{ severity: 'error', code: 'node.input', message: 'input is not connected', nodeId: filter }],
      schemas: {},
    });
    expect([kind(src), kind(filter), kind(sink)]).toEqual(['done', 'error', 'stale']);
  });

  it('fingerprints are iterative: a chain of 5,000 nodes does not overflow the stack', () => {
    const doc = emptyDocument('long');
    const nodes = Array.from({ length: 5000 }, (_, i) => ({
      id: `n${String(i)}`,
      type: 'transform.filter',
      ...(i === 0 ? {} : { inputs: { in: `n${String(i - 1)}` } }),
    }));
    const prints = nodeFingerprints({ ...doc, nodes });
    expect(prints.size).toBe(5000);
    expect(new Set(prints.values()).size).toBe(5000);
  });
});
