import { describe, expect, it } from 'vitest';
import { catalog } from '../../../shared/catalog/index';
import { compilePipeline } from '../../../shared/compiler/compile';
import { emptyDocument } from '../../../shared/format/document';
import { createAppStore } from '../store/app-store';
import { selectNodeUnconfigured, selectShownDiagnostic } from './first-hour-status';
import { ranPipeline } from './ran-pipeline.test-support';
import { badgeKind, selectNodeRun, selectNodeStale } from './node-status';

/** The compiler's own diagnostics for the store's document, applied as a check would. */
function check(store: ReturnType<typeof createAppStore>): void {
  const doc = store.getState().doc.document;
  const plan = compilePipeline(doc, {
    catalog,
    resolvePath: (p) => `/data/${p}`,
    statPath: () => 'file',
    glob: () => ({ files: [] }),
  });
  const a = store.getState().actions;
  a.applyCheck(a.beginCheck(), doc, { ok: false, diagnostics: plan.diagnostics, schemas: {} });
}

function kind(store: ReturnType<typeof createAppStore>, id: string) {
  const s = store.getState();
  return badgeKind(
    selectNodeRun(id)(s),
    selectShownDiagnostic(id)(s),
    false,
    selectNodeStale(id)(s),
    selectNodeUnconfigured(id)(s),
  );
}

describe('first-hour node status', () => {
  it('a freshly dropped node is not configured yet, not an error; a wrong value is an error', () => {
    const store = createAppStore(emptyDocument('t'));
    const a = () => store.getState().actions;
    const src = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const filter = a().addNode('transform.filter', { x: 0, y: 0 }).id;
    check(store);
    expect([kind(store, src), kind(store, filter)]).toEqual(['unconfigured', 'unconfigured']);
    // Wired and given a condition the parser refuses: now a real error.
    a().connect({ source: src, sourcePort: 'out', target: filter, targetPort: 'in' });
    a().setParam(src, 'path', 'orders.csv');
    a().setParam(filter, 'condition', '   ');
    check(store);
    expect(kind(store, filter)).toBe('error');
  });

  it('a node that ran and then lost its input is an error, not "not configured"', () => {
    const { store, a, src, filter } = ranPipeline((ids) => ({
      nodes: { [ids.src]: { status: 'done', elapsedMs: 1 }, [ids.filter]: { status: 'done', elapsedMs: 1 } },
    }));
    a().removeEdges(
      store.getState().doc.document.nodes.flatMap((n) => (n.id === filter ? [`${filter}|in|${src}`] : [])),
    );
    check(store);
    expect(store.getState().doc.document.nodes.find((n) => n.id === filter)?.inputs).toBeUndefined();
    expect(kind(store, filter)).toBe('error');
  });

  it('a node nothing reads is no warning until the user runs', () => {
    const store = createAppStore(emptyDocument('t'));
    const a = () => store.getState().actions;
    const src = a().addNode('source.csv', { x: 0, y: 0 }).id;
    a().setParam(src, 'path', 'orders.csv');
    const other = a().addNode('source.csv', { x: 0, y: 0 }).id;
    a().setParam(other, 'path', 'customers.csv');
    check(store);
    expect(
      store
        .getState()
        .check.diagnostics.filter((d) => d.code === 'node.unused')
        .map((d) => d.nodeId),
    ).toEqual([src, other]);
    expect(kind(store, src)).toBe('none');
    a().beginRun('r1');
    a().finishRun('r1', null, 'stopped');
    expect(kind(store, src)).toBe('warning');
    // Another pipeline (or this one opened again): not run yet.
    a().load(store.getState().doc.document, null);
    check(store);
    expect(kind(store, src)).toBe('none');
  });
});
