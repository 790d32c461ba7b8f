// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import { dragChanges, endsDrag, recordMoves, withLivePositions, type LivePositions } from '../canvas/live-drag';
import { createAppStore, selectDirty } from './app-store';
import { copyItems, parseClipboard } from './doc-ops';
import { createFlowSelectors } from './flow-selectors';

function setup() {
  const store = createAppStore(emptyDocument('test'));
  const a = () => store.getState().actions;
  const doc = () => store.getState().doc.document;
  return { store, a, doc };
}

describe('document slice', () => {
  it('adds nodes with readable unique ids and a layout position', () => {
    const { a, doc } = setup();
    const first = a().addNode('source.csv', { x: 10.4, y: 20.6 }).id;
    const second = a().addNode('source.csv', { x: 0, y: 0 }).id;
    expect(first).toBe('csv_file');
    expect(second).toBe('csv_file_2');
    expect(doc().layout?.[first]).toEqual({ x: 10, y: 21 });
    expect(doc().nodes.map((n) => n.type)).toEqual(['source.csv', 'source.csv']);
  });

  it('connects an output to an input, and a multi port collects refs', () => {
    const { a, doc } = setup();
    const src = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const src2 = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const filter = a().addNode('transform.filter', { x: 0, y: 0 }).id;
    const union = a().addNode('transform.union', { x: 0, y: 0 }).id;
    expect(a().connect({ source: src, sourcePort: 'out', target: filter, targetPort: 'in' })).toEqual({ ok: true });
    expect(doc().nodes.find((n) => n.id === filter)?.inputs).toEqual({ in: src });
    a().connect({ source: src, sourcePort: 'out', target: union, targetPort: 'in' });
    a().connect({ source: src2, sourcePort: 'out', target: union, targetPort: 'in' });
    expect(doc().nodes.find((n) => n.id === union)?.inputs).toEqual({ in: [src, src2] });
  });

  it('refuses invalid connections with a reason and leaves the document alone', () => {
    const { a, doc } = setup();
    const src = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const src2 = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const f1 = a().addNode('transform.filter', { x: 0, y: 0 }).id;
    const f2 = a().addNode('transform.filter', { x: 0, y: 0 }).id;
    const sink = a().addNode('sink.csv', { x: 0, y: 0 }).id;
    a().connect({ source: src, sourcePort: 'out', target: f1, targetPort: 'in' });
    a().connect({ source: f1, sourcePort: 'out', target: f2, targetPort: 'in' });
    a().connect({ source: f2, sourcePort: 'out', target: sink, targetPort: 'in' });
    const before = doc();
    expect(a().connect({ source: f1, sourcePort: 'out', target: f1, targetPort: 'in' })).toEqual({
      ok: false,
      reason: 'self',
    });
    expect(a().connect({ source: sink, sourcePort: 'out', target: f1, targetPort: 'in' })).toEqual({
      ok: false,
      reason: 'sinkOutput',
    });
    expect(a().connect({ source: src2, sourcePort: 'out', target: f1, targetPort: 'in' })).toEqual({
      ok: false,
      reason: 'portTaken',
    });
    expect(a().connect({ source: src, sourcePort: 'out', target: f1, targetPort: 'in' })).toEqual({
      ok: false,
      reason: 'duplicate',
    });
    // f2 is downstream of f1: feeding f1 from f2 would loop (after freeing f1's port).
    a().removeEdges([`${f1}|in|${src}`]);
    expect(a().connect({ source: f2, sourcePort: 'out', target: f1, targetPort: 'in' })).toEqual({
      ok: false,
      reason: 'cycle',
    });
    expect(doc().nodes.find((n) => n.id === f1)?.inputs).toBeUndefined();
    expect(before.nodes.find((n) => n.id === f1)?.inputs).toEqual({ in: src });
  });

  it('makes one drag one undo step, and redo restores it', () => {
    const { store, a, doc } = setup();
    const id = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const pastBefore = store.getState().doc.past.length;
    // What the canvas does: the drag's moves are kept apart, then committed once.
    const live: LivePositions = new Map();
    for (let i = 1; i <= 30; i++)
      recordMoves(live, dragChanges([{ type: 'position', id, position: { x: i * 3, y: i }, dragging: true }], live));
    expect(doc().layout?.[id]).toEqual({ x: 0, y: 0 }); // nothing saved while dragging
    const end = dragChanges([{ type: 'position', id, position: { x: 90, y: 30 }, dragging: false }], live);
    expect(endsDrag(end)).toBe(true);
    recordMoves(live, end);
    a().moveItems(Object.fromEntries(live));
    expect(doc().layout?.[id]).toEqual({ x: 90, y: 30 });
    expect(store.getState().doc.past.length).toBe(pastBefore + 1);
    a().undo();
    expect(doc().layout?.[id]).toEqual({ x: 0, y: 0 });
    a().redo();
    expect(doc().layout?.[id]).toEqual({ x: 90, y: 30 });
  });

  it('merges typing in one param into one undo step', () => {
    const { store, a, doc } = setup();
    const id = a().addNode('transform.filter', { x: 0, y: 0 }).id;
    const steps = store.getState().doc.past.length;
    for (const v of ['a', 'a ', 'a >', 'a > 1']) a().setParam(id, 'condition', v);
    expect(store.getState().doc.past.length).toBe(steps + 1);
    expect(doc().nodes[0]?.params).toEqual({ condition: 'a > 1' });
    a().undo();
    expect(doc().nodes[0]?.params).toBeUndefined();
  });

  it('tracks dirty against the saved document, through undo', () => {
    const { store, a } = setup();
    expect(selectDirty(store.getState())).toBe(false);
    a().addNode('source.csv', { x: 0, y: 0 });
    expect(selectDirty(store.getState())).toBe(true);
    a().undo();
    expect(selectDirty(store.getState())).toBe(false);
  });

  it('copies and pastes with fresh ids, keeping wires inside the copy', () => {
    const { store, a, doc } = setup();
    const src = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const f = a().addNode('transform.filter', { x: 200, y: 0 }).id;
    a().connect({ source: src, sourcePort: 'out', target: f, targetPort: 'in' });
    a().setParam(f, 'condition', 'x > 1');
    const text = JSON.stringify(copyItems(doc(), [src, f]));
    const payload = parseClipboard(text);
    expect(payload).not.toBeNull();
    const ids = a().paste(payload!);
    expect(ids).toEqual(['csv_file_2', `${f}_2`]);
    const pasted = doc().nodes.find((n) => n.id === ids[1]);
    expect(pasted?.inputs).toEqual({ in: ids[0] });
    expect(pasted?.params).toEqual({ condition: 'x > 1' });
    expect(doc().layout?.[ids[1]!]).toEqual({ x: 240, y: 40 });
    expect(store.getState().session.selection).toEqual(ids);
    // Duplicate keeps a wire from a node outside the copy.
    const [dup] = a().duplicate([f]);
    expect(doc().nodes.find((n) => n.id === dup)?.inputs).toEqual({ in: src });
  });

  it('does not paste a node copied from a newer Duto (a node type version this one does not know)', () => {
    const node = (id: string, typeVersion?: number) => ({
      id,
      type: 'transform.filter',
      ...(typeVersion === undefined ? {} : { typeVersion }),
      params: { condition: 'x > 1' },
    });
    const payload = parseClipboard(
      JSON.stringify({
        format: 'duto.clipboard',
        nodes: [node('old', 1), node('plain'), node('future', 2)],
        layout: {},
        notes: [],
      }),
    );
    expect(payload?.nodes).toEqual([
      { id: 'old', type: 'transform.filter', params: { condition: 'x > 1' } },
      { id: 'plain', type: 'transform.filter', params: { condition: 'x > 1' } },
    ]);
  });

  it('deleting a node removes its wires and layout', () => {
    const { a, doc } = setup();
    const src = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const f = a().addNode('transform.filter', { x: 0, y: 0 }).id;
    a().connect({ source: src, sourcePort: 'out', target: f, targetPort: 'in' });
    a().removeItems([src]);
    expect(doc().nodes.map((n) => n.id)).toEqual([f]);
    expect(doc().nodes[0]?.inputs).toBeUndefined();
    expect(doc().layout).toEqual({ [f]: { x: 0, y: 0 } });
  });

  it('adds a node connected to a wire dropped on the pane', () => {
    const { a, doc } = setup();
    const src = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const r = a().addNode('transform.sort', { x: 300, y: 0 }, { nodeId: src, port: 'out', side: 'source' });
    expect(r.refusal).toBeUndefined();
    expect(doc().nodes.find((n) => n.id === r.id)?.inputs).toEqual({ in: src });
  });
});

describe('derived React Flow nodes', () => {
  it('derives nodes and edges from the document and session, keeping unchanged objects', () => {
    const { store, a } = setup();
    const sel = createFlowSelectors();
    const src = a().addNode('source.csv', { x: 5, y: 6 }).id;
    const f = a().addNode('transform.filter', { x: 300, y: 0 }).id;
    a().connect({ source: src, sourcePort: 'out', target: f, targetPort: 'in' });
    a().addNote({ x: 0, y: 200 }, 'hello');
    a().select([f]);
    const nodes = sel.nodes(store.getState());
    expect(nodes.map((n) => [n.id, n.type, n.position, n.selected])).toEqual([
      [src, 'pipeline', { x: 5, y: 6 }, false],
      [f, 'pipeline', { x: 300, y: 0 }, true],
      ['note', 'note', { x: 0, y: 200 }, false],
    ]);
    expect(sel.edges(store.getState())).toEqual([
      { id: `${f}|in|${src}`, source: src, sourceHandle: 'out', target: f, targetHandle: 'in', selected: false },
    ]);
    expect(sel.nodes(store.getState())).toBe(nodes);
    // Mid-drag, the dragged node is where the drag has it; the others keep their objects.
    const dragged = withLivePositions(sel.nodes(store.getState()), new Map([[f, { x: 400, y: 10 }]]));
    expect(dragged[1]?.position).toEqual({ x: 400, y: 10 });
    expect(dragged[0]).toBe(nodes[0]);
    expect(store.getState().doc.document.layout?.[f]).toEqual({ x: 300, y: 0 });
    expect(withLivePositions(nodes, new Map())).toBe(nodes);
    // An edit elsewhere keeps the wire's object, and re-selecting keeps the selection arrays.
    const [wireBefore] = sel.edges(store.getState());
    const selectedEdges = store.getState().session.selectedEdges;
    a().setParam(src, 'path', 'data/orders.csv');
    a().select([f]);
    expect(sel.edges(store.getState())[0]).toBe(wireBefore);
    expect(store.getState().session.selectedEdges).toBe(selectedEdges);
    // A keyboard nudge is not a drag.
    expect(dragChanges([{ type: 'position', id: f, position: { x: 1, y: 1 }, dragging: false }], new Map())).toEqual(
      [],
    );
  });
});
