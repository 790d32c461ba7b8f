// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { catalog } from '../../../shared/catalog/index';
import type { PipelineDocument } from '../../../shared/format/document';
import { ApiProvider } from '../api/api-context';
import { FilesProvider } from '../files/files-context';
import { I18nProvider } from '../i18n/i18n';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeApi } from '../test/fake-api';
import { Inspector } from './Inspector';

afterEach(cleanup);

const doc: PipelineDocument = {
  format: 'duto.pipeline',
  version: 2,
  nodes: [
    { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
    {
      id: 'by_country',
      type: 'transform.aggregate',
      inputs: { in: 'orders' },
      params: {
        groupBy: ['country'],
        measures: [
          { function: 'count', column: '', as: 'orders' },
          { function: 'sum', column: 'amount', as: 'total' },
        ],
      },
    },
  ],
};

function renderInspector(store: AppStore) {
  const { api } = fakeApi();
  return render(
    <ApiProvider api={api}>
      <StoreProvider store={store}>
        <I18nProvider locale="en">
          <FilesProvider>
            <Inspector />
          </FilesProvider>
        </I18nProvider>
      </StoreProvider>
    </ApiProvider>,
  );
}

function withSchemas(): AppStore {
  const store = createAppStore(doc);
  const seq = store.getState().actions.beginCheck();
  store.getState().actions.applyCheck(seq, doc, {
    ok: false,
    diagnostics: [
      {
        severity: 'error',
        code: 'x',
        message: 'sum needs a numeric column',
        nodeId: 'by_country',
        param: 'measures[1].column',
      },
    ],
    schemas: {
      orders: [
        { name: 'country', type: 'VARCHAR' },
        { name: 'amount', type: 'DOUBLE' },
        { name: 'status', type: 'VARCHAR' },
      ],
    },
  });
  store.getState().actions.select(['by_country']);
  return store;
}

describe('inspector form generated from params', () => {
  it('renders a list param as rows, and adds, removes and edits rows', () => {
    const store = withSchemas();
    renderInspector(store);
    const list = screen.getByTestId('param-measures');
    expect(within(list).getAllByTestId('param-measures-row')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('param-measures-add'));
    const measures = () => store.getState().doc.document.nodes[1]?.params?.['measures'];
    expect(measures()).toEqual([
      { function: 'count', column: '', as: 'orders' },
      { function: 'sum', column: 'amount', as: 'total' },
      { function: 'count', column: '', as: '' },
    ]);
    fireEvent.change(screen.getByTestId('param-measures-2-function'), { target: { value: 'max' } });
    expect(measures()).toEqual(expect.arrayContaining([{ function: 'max', column: '', as: '' }]));
    fireEvent.click(screen.getByTestId('param-measures-remove-0'));
    expect(within(screen.getByTestId('param-measures')).getAllByTestId('param-measures-row')).toHaveLength(2);
  });

  it('shows a hint only under the choice it is about: "count without a column counts rows" for count measures only', () => {
    renderInspector(withSchemas());
    const rows = within(screen.getByTestId('param-measures')).getAllByTestId('param-measures-row');
    expect(within(rows[0] ?? document.body).queryByText('Count without a column counts rows.')).not.toBeNull();
    expect(within(rows[1] ?? document.body).queryByText('Count without a column counts rows.')).toBeNull();
  });

  it('offers the upstream columns of the param port in column pickers', () => {
    const store = withSchemas();
    renderInspector(store);
    const picker = screen.getByTestId('param-measures-1-column');
    const options = within(picker)
      .getAllByRole('option')
      .map((o) => o.getAttribute('value'));
    expect(options).toEqual(['', 'country', 'amount', 'status']);
    fireEvent.change(picker, { target: { value: 'status' } });
    expect(store.getState().doc.document.nodes[1]?.params?.['measures']).toEqual([
      { function: 'count', column: '', as: 'orders' },
      { function: 'sum', column: 'status', as: 'total' },
    ]);
    // The multi-column picker offers only what is not picked yet.
    const add = screen.getByTestId('param-groupBy-add');
    expect(
      within(add)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['', 'amount', 'status']);
  });

  it('shows a diagnostic next to the param it names', () => {
    renderInspector(withSchemas());
    expect(screen.getByTestId('param-measures-1-column-error').textContent).toBe('sum needs a numeric column');
  });

  it('hides params whose showIf does not hold, and advanced ones under more options', () => {
    const store = createAppStore(doc);
    store.getState().actions.select(['orders']);
    renderInspector(store);
    expect(screen.getByTestId('param-delimiter')).toBeTruthy();
    expect(screen.getByTestId('param-thousands').closest('details')).not.toBeNull();
    expect(screen.getByTestId('param-maxRejected')).toBeTruthy();
    fireEvent.change(screen.getByTestId('param-badRows'), { target: { value: 'fail' } });
    expect(screen.queryByTestId('param-maxRejected')).toBeNull();
    expect(store.getState().doc.document.nodes[0]?.params).toEqual({ path: 'orders.csv', badRows: 'fail' });
  });

  it('chooses controls by param kind for every catalog type without crashing', () => {
    for (const t of catalog.values()) {
      const d: PipelineDocument = { format: 'duto.pipeline', version: 2, nodes: [{ id: 'n', type: t.type }] };
      const store = createAppStore(d);
      store.getState().actions.select(['n']);
      const { unmount } = renderInspector(store);
      expect(screen.getByTestId('params-form')).toBeTruthy();
      unmount();
    }
  });

  it('builds a data check: the fields of each rule appear with it, the unique rule takes several columns', () => {
    const d: PipelineDocument = {
      format: 'duto.pipeline',
      version: 2,
      nodes: [
        { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
        { id: 'gate', type: 'quality.checks', inputs: { in: 'orders' } },
      ],
    };
    const store = createAppStore(d);
    const seq = store.getState().actions.beginCheck();
    store.getState().actions.applyCheck(seq, d, {
      ok: true,
      diagnostics: [],
      schemas: {
        orders: [
          { name: 'id', type: 'BIGINT' },
          { name: 'email', type: 'VARCHAR' },
        ],
      },
    });
    store.getState().actions.select(['gate']);
    renderInspector(store);
    fireEvent.click(screen.getByTestId('param-checks-add'));
    expect(screen.getByTestId('param-checks-0-column')).toBeTruthy();
    expect(screen.queryByTestId('param-checks-0-columns')).toBeNull();
    fireEvent.change(screen.getByTestId('param-checks-0-rule'), { target: { value: 'unique' } });
    expect(screen.queryByTestId('param-checks-0-column')).toBeNull();
    const add = screen.getByTestId('param-checks-0-columns-add');
    fireEvent.change(add, { target: { value: 'id' } });
    fireEvent.change(screen.getByTestId('param-checks-0-columns-add'), { target: { value: 'email' } });
    const checks = store.getState().doc.document.nodes[1]?.params?.['checks'];
    expect(checks).toEqual([expect.objectContaining({ rule: 'unique', columns: ['id', 'email'] })]);
    fireEvent.change(screen.getByTestId('param-checks-0-rule'), { target: { value: 'between' } });
    expect(screen.getByTestId('param-checks-0-min')).toBeTruthy();
    expect(screen.getByTestId('param-checks-0-max')).toBeTruthy();
  });
});
