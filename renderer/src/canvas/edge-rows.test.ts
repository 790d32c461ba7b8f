// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import { createAppStore } from '../store/app-store';
import { selectEdgeRows } from './node-status';

/** A wire shows the rows its source gave in the last run, and only while that result is the node's as it is now (issue #11). */

function ranPipeline() {
  const store = createAppStore(emptyDocument('test'));
  const a = () => store.getState().actions;
  const src = a().addNode('source.csv', { x: 0, y: 0 }).id;
  a().setParam(src, 'path', 'orders.csv');
  const filter = a().addNode('transform.filter', { x: 0, y: 0 }).id;
  a().connect({ source: src, sourcePort: 'out', target: filter, targetPort: 'in' });
  a().setParam(filter, 'condition', 'amount > 0');
  const sink = a().addNode('sink.csv', { x: 0, y: 0 }).id;
  a().connect({ source: filter, sourcePort: 'out', target: sink, targetPort: 'in' });
  a().setParam(sink, 'path', 'out.csv');
  a().beginRun('r1');
  a().finishRun('r1', {
    ok: true,
    cancelled: false,
    elapsedMs: 10,
    nodes: { [src]: { status: 'done', rows: 12345, elapsedMs: 5, streamed: true }, [filter]: { status: 'done', rows: 2, elapsedMs: 5, streamed: true }, [sink]: { status: 'done', rows: 2, elapsedMs: 5 } },
    outputs: [],
    rejected: [{ nodeId: src, rows: 4 }],
    diagnostics: [],
  });
  const rows = (source: string, port = 'out') => selectEdgeRows(source, port)(store.getState());
  return { a, src, filter, sink, rows };
}

describe('rows on the wires', () => {
  it('each wire carries its source port\'s rows: the main output, or the rows set aside', () => {
    const { src, filter, rows } = ranPipeline();
    expect(rows(src)).toBe(12345);
    expect(rows(filter)).toBe(2);
    expect(rows(src, 'rejected')).toBe(4);
    expect(rows(filter, 'other')).toBeUndefined();
  });

  it('an edit hides the counts from the edited node down, not above it; undo brings them back', () => {
    const { a, src, filter, rows } = ranPipeline();
    a().setParam(filter, 'condition', 'amount > 1');
    expect(rows(src)).toBe(12345);
    expect(rows(filter)).toBeUndefined();
    a().undo();
    expect(rows(filter)).toBe(2);
  });

  it('a running or unrun node gives its wires no count', () => {
    const { a, src, rows } = ranPipeline();
    a().beginRun('r2');
    expect(rows(src)).toBeUndefined();
    a().applyProgress('r2', { nodeId: src, status: 'running', elapsedMs: 1, rows: 10 });
    expect(rows(src)).toBeUndefined();
  });
});
