import { describe, expect, it } from 'vitest';
import { emptyDocument, type PipelineDocument } from '../../../shared/format/document';
import { createAppStore } from './app-store';
import { followLabel, labelFromPath, renameNode } from './follow-label';

describe('names that follow the user', () => {
  it('a file names a node by its name without the extension', () => {
    expect(labelFromPath('data/Orders 2024.csv')).toBe('Orders 2024');
    expect(labelFromPath('C:\\data\\sales.parquet')).toBe('sales');
    expect(labelFromPath('/srv/logs/')).toBe('logs');
    expect(labelFromPath('.env')).toBe('.env');
  });

  it('renaming a node renames every reference to it, ports included, and its layout', () => {
    const doc: PipelineDocument = {
      ...emptyDocument('t'),
      nodes: [
        { id: 'checks', type: 'quality.checks' },
        { id: 'good', type: 'sink.csv', inputs: { in: 'checks' } },
        { id: 'bad', type: 'sink.csv', inputs: { in: 'checks.rejected' } },
        { id: 'all', type: 'transform.union', inputs: { in: ['checks', 'checks_2', 'checks.rejected'] } },
      ],
      layout: { checks: { x: 1, y: 2 } },
    };
    const r = renameNode(doc, 'checks', 'order_checks');
    expect(r.nodes.map((n) => [n.id, n.inputs])).toEqual([
      ['order_checks', undefined],
      ['good', { in: 'order_checks' }],
      ['bad', { in: 'order_checks.rejected' }],
      ['all', { in: ['order_checks', 'checks_2', 'order_checks.rejected'] }],
    ]);
    expect(r.layout).toEqual({ order_checks: { x: 1, y: 2 } });
  });

  it('only a node the saved file does not have follows its label, uniquely', () => {
    const doc: PipelineDocument = {
      ...emptyDocument('t'),
      nodes: [
        { id: 'orders', type: 'source.csv' },
        { id: 'filter', type: 'transform.filter', label: 'Orders' },
      ],
    };
    expect(followLabel(doc, emptyDocument('t'), 'filter').id).toBe('orders_2');
    expect(followLabel(doc, doc, 'filter').id).toBe('filter');
    const cleared: PipelineDocument = {
      ...doc,
      nodes: [doc.nodes[0] ?? { id: 'x', type: 'x' }, { id: 'paid', type: 'transform.filter' }],
    };
    expect(followLabel(cleared, emptyDocument('t'), 'paid').id).toBe('filter');
  });

  it('in the store: typing a label renames a new node in one undo step, keeps it selected; a picked file names it', () => {
    const store = createAppStore(emptyDocument('t'));
    const a = () => store.getState().actions;
    const id = a().addNode('source.csv', { x: 0, y: 0 }).id;
    const filter = a().addNode('transform.filter', { x: 0, y: 0 }).id;
    a().connect({ source: id, sourcePort: 'out', target: filter, targetPort: 'in' });
    expect(store.getState().session.selection).toEqual([filter]);
    a().select([id]);
    for (const label of ['P', 'Pa', 'Paid', 'Paid orders'])
      a().setLabel(store.getState().session.selection[0] ?? '', label);
    const doc = () => store.getState().doc.document;
    expect(doc().nodes.map((n) => n.id)).toEqual(['paid_orders', 'filter']);
    expect(doc().nodes[1]?.inputs).toEqual({ in: 'paid_orders' });
    expect(store.getState().session.selection).toEqual(['paid_orders']);
    a().undo();
    expect(doc().nodes.map((n) => n.id)).toEqual([id, 'filter']);

    const other = a().addNode('source.csv', { x: 0, y: 0 }).id;
    a().nameAfterFile(other, 'data/customers.csv');
    expect(doc().nodes.map((n) => [n.id, n.label])).toContainEqual(['customers', 'customers']);
    // A node the user has named keeps its name.
    a().nameAfterFile('customers', 'data/other.csv');
    expect(doc().nodes.map((n) => n.id)).toContain('customers');
  });
});
