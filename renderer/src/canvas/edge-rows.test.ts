// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { selectEdgeRows } from './node-status';
import { ranPipeline } from './ran-pipeline.test-support';

/** A wire shows the rows its source gave in the last run, and only while that result is the node's as it is now (issue #11). */

function ran() {
  const r = ranPipeline(({ src, filter, sink }) => ({
    nodes: {
      [src]: { status: 'done', rows: 12345, elapsedMs: 5, streamed: true },
      [filter]: { status: 'done', rows: 2, elapsedMs: 5, streamed: true },
      [sink]: { status: 'done', rows: 2, elapsedMs: 5 },
    },
    rejected: [{ nodeId: src, rows: 4 }],
  }));
  const rows = (source: string, port = 'out') => selectEdgeRows(source, port)(r.store.getState());
  return { ...r, rows };
}

describe('rows on the wires', () => {
  it("each wire carries its source port's rows: the main output, or the rows set aside", () => {
    const { src, filter, rows } = ran();
    expect(rows(src)).toBe(12345);
    expect(rows(filter)).toBe(2);
    expect(rows(src, 'rejected')).toBe(4);
    expect(rows(filter, 'other')).toBeUndefined();
  });

  it('an edit hides the counts from the edited node down, not above it; undo brings them back', () => {
    const { a, src, filter, rows } = ran();
    a().setParam(filter, 'condition', 'amount > 1');
    expect(rows(src)).toBe(12345);
    expect(rows(filter)).toBeUndefined();
    a().undo();
    expect(rows(filter)).toBe(2);
  });

  it('a running or unrun node gives its wires no count', () => {
    const { a, src, rows } = ran();
    a().beginRun('r2');
    expect(rows(src)).toBeUndefined();
    a().applyProgress('r2', { nodeId: src, status: 'running', elapsedMs: 1, rows: 10 });
    expect(rows(src)).toBeUndefined();
  });
});
