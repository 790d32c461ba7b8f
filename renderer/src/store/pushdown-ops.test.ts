// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import { parseDocument } from '../../../shared/format/parse';
import { serializeDocument } from '../../../shared/format/serialize';
import { createAppStore } from './app-store';
import { setNodePushdown, setPipelinePushdown } from './doc-ops';

/** The pushdown switches: only `false` is written, each flip is one undo step, and the file reads back. */
describe('pushdown switches in the document', () => {
  it('writes only false, on the node and on the pipeline, and the file parses back the same', () => {
    const store = createAppStore(emptyDocument('p'));
    const id = store.getState().actions.addNode('transform.filter', { x: 0, y: 0 }).id;
    const doc = () => store.getState().doc.document;
    store.getState().actions.commit(setNodePushdown(doc(), id, false));
    store.getState().actions.commit(setPipelinePushdown(doc(), false));
    const text = serializeDocument(doc());
    expect(text).toContain('"pushdown": false');
    expect(text.indexOf('"pushdown": false')).toBeLessThan(text.indexOf('"nodes"'));
    const back = parseDocument(JSON.parse(text));
    expect(back.ok && back.document.pushdown === false && back.document.nodes[0]?.pushdown === false).toBe(true);

    store.getState().actions.commit(setNodePushdown(doc(), id, true));
    store.getState().actions.commit(setPipelinePushdown(doc(), true));
    expect(serializeDocument(doc())).not.toContain('pushdown');
    expect('pushdown' in doc()).toBe(false);
  });

  it('undo and redo flip the switch back and forth', () => {
    const store = createAppStore(emptyDocument('p'));
    const id = store.getState().actions.addNode('transform.filter', { x: 0, y: 0 }).id;
    const node = () => store.getState().doc.document.nodes.find((n) => n.id === id);
    store.getState().actions.commit(setNodePushdown(store.getState().doc.document, id, false));
    expect(node()?.pushdown).toBe(false);
    store.getState().actions.undo();
    expect(node()?.pushdown).toBeUndefined();
    store.getState().actions.redo();
    expect(node()?.pushdown).toBe(false);
  });

  it('a pushdown that is not a boolean is refused by the schema, naming its path', () => {
    const bad = parseDocument({ format: 'duto.pipeline', version: 2, pushdown: 'no', nodes: [] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.diagnostics.map((d) => d.message).join(' ')).toMatch(/pushdown/);
  });
});
