// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import { createAppStore } from './app-store';
import { findNode } from './doc-ops';
import { insertIntoWire } from './wire-ops';

function setup() {
  const store = createAppStore(emptyDocument('test'));
  const a = () => store.getState().actions;
  const doc = () => store.getState().doc.document;
  const inputs = (id: string) => findNode(doc(), id)?.inputs;
  return { store, a, doc, inputs };
}

describe('a wire dropped on a taken input', () => {
  it('replaces the old wire, and one undo brings it back', () => {
    const { store, a, inputs } = setup();
    const orders = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const customers = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const filter = a().addNode('transform.filter', { x: 0, y: 0 }).id;
    a().connect({ source: orders, sourcePort: 'out', target: filter, targetPort: 'in' });
    const steps = store.getState().doc.past.length;
    expect(a().connectReplacing({ source: customers, sourcePort: 'out', target: filter, targetPort: 'in' })).toEqual({
      ok: true,
    });
    expect(inputs(filter)).toEqual({ in: customers });
    expect(store.getState().doc.past.length).toBe(steps + 1);
    a().undo();
    expect(inputs(filter)).toEqual({ in: orders });
  });

  it('a node quick-added from a taken input feeds it instead of the old wire', () => {
    const { a, inputs } = setup();
    const orders = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const filter = a().addNode('transform.filter', { x: 0, y: 0 }).id;
    a().connect({ source: orders, sourcePort: 'out', target: filter, targetPort: 'in' });
    const other = a().addNode('source.csv', { x: 0, y: 0 }, { nodeId: filter, port: 'in', side: 'target' });
    expect(other.refusal).toBeUndefined();
    expect(inputs(filter)).toEqual({ in: other.id });
  });

  it('still refuses a cycle, and a multi port takes another wire instead', () => {
    const { a, inputs } = setup();
    const src = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const src2 = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const f1 = a().addNode('transform.filter', { x: 0, y: 0 }).id;
    const f2 = a().addNode('transform.filter', { x: 0, y: 0 }).id;
    const union = a().addNode('transform.union', { x: 0, y: 0 }).id;
    a().connect({ source: src, sourcePort: 'out', target: f1, targetPort: 'in' });
    a().connect({ source: f1, sourcePort: 'out', target: f2, targetPort: 'in' });
    expect(a().connectReplacing({ source: f2, sourcePort: 'out', target: f1, targetPort: 'in' })).toEqual({
      ok: false,
      reason: 'cycle',
    });
    expect(inputs(f1)).toEqual({ in: src });
    expect(a().connectReplacing({ source: src, sourcePort: 'out', target: f1, targetPort: 'in' })).toEqual({
      ok: false,
      reason: 'duplicate',
    });
    a().connect({ source: src, sourcePort: 'out', target: union, targetPort: 'in' });
    a().connectReplacing({ source: src2, sourcePort: 'out', target: union, targetPort: 'in' });
    expect(inputs(union)).toEqual({ in: [src, src2] });
  });
});

describe('a node dropped on a wire', () => {
  it('goes into it: A→B becomes A→node→B, in one undo step with its placement', () => {
    const { store, a, inputs } = setup();
    const src = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const sink = a().addNode('sink.csv', { x: 600, y: 0 }).id;
    a().connect({ source: src, sourcePort: 'out', target: sink, targetPort: 'in' });
    const steps = store.getState().doc.past.length;
    const filter = a().addNode('transform.filter', { x: 300, y: 0 }, undefined, `${sink}|in|${src}`).id;
    expect(inputs(filter)).toEqual({ in: src });
    expect(inputs(sink)).toEqual({ in: filter });
    expect(store.getState().doc.past.length).toBe(steps + 1);
    a().undo();
    expect(inputs(sink)).toEqual({ in: src });
  });

  it('moved onto a wire, an unconnected node goes into it with the move as one step', () => {
    const { store, a, doc, inputs } = setup();
    const src = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const sink = a().addNode('sink.csv', { x: 600, y: 0 }).id;
    const sort = a().addNode('transform.sort', { x: 300, y: 300 }).id;
    a().connect({ source: src, sourcePort: 'out', target: sink, targetPort: 'in' });
    const steps = store.getState().doc.past.length;
    a().moveItems({ [sort]: { x: 300, y: 0 } }, { nodeId: sort, edgeId: `${sink}|in|${src}` });
    expect(doc().layout?.[sort]).toEqual({ x: 300, y: 0 });
    expect(inputs(sink)).toEqual({ in: sort });
    expect(store.getState().doc.past.length).toBe(steps + 1);
  });

  it('keeps a multi port order, and refuses what does not fit', () => {
    const { a, doc, inputs } = setup();
    const s1 = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const s2 = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const union = a().addNode('transform.union', { x: 0, y: 0 }).id;
    const filter = a().addNode('transform.filter', { x: 0, y: 0 }).id;
    const s3 = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const out = a().addNode('sink.csv', { x: 0, y: 0 }).id;
    a().connect({ source: s1, sourcePort: 'out', target: union, targetPort: 'in' });
    a().connect({ source: s2, sourcePort: 'out', target: union, targetPort: 'in' });
    const wire = { target: union, port: 'in', ref: s1 };
    const next = insertIntoWire(doc(), filter, wire);
    expect(next === null ? null : findNode(next, union)?.inputs).toEqual({ in: [filter, s2] });
    // A source has no input, a sink no output, an end of the wire is not put into it.
    expect(insertIntoWire(doc(), s3, wire)).toBeNull();
    expect(insertIntoWire(doc(), out, wire)).toBeNull();
    expect(insertIntoWire(doc(), union, wire)).toBeNull();
    // A node whose input is taken stays where it is wired.
    a().connect({ source: s3, sourcePort: 'out', target: filter, targetPort: 'in' });
    expect(insertIntoWire(doc(), filter, wire)).toBeNull();
    expect(inputs(union)).toEqual({ in: [s1, s2] });
  });
});
