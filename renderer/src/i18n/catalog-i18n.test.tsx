// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../shared/format/document';
import { ApiProvider } from '../api/api-context';
import { PipelineNode } from '../canvas/PipelineNode';
import { FilesProvider } from '../files/files-context';
import { Inspector } from '../inspector/Inspector';
import { Palette } from '../palette/Palette';
import { createAppStore, type AppStore } from '../store/app-store';
import type { PipelineFlowNode } from '../store/flow-selectors';
import { StoreProvider } from '../store/store-context';
import { fakeApi } from '../test/fake-api';
import { I18nProvider, type Locale } from './i18n';

afterEach(cleanup);

const doc: PipelineDocument = {
  format: 'duto.pipeline',
  version: 2,
  nodes: [
    { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
    {
      id: 'gate',
      type: 'quality.checks',
      inputs: { in: 'orders' },
      params: { checks: [{ rule: 'not_null', column: 'id' }] },
    },
  ],
};

function renderApp(store: AppStore, locale: Locale) {
  const { api } = fakeApi();
  return render(
    <ApiProvider api={api}>
      <StoreProvider store={store}>
        <I18nProvider locale={locale}>
          <FilesProvider>
            <ReactFlowProvider>
              <Palette />
              <Inspector />
            </ReactFlowProvider>
          </FilesProvider>
        </I18nProvider>
      </StoreProvider>
    </ApiProvider>,
  );
}

function gateSelected(): AppStore {
  const store = createAppStore(doc);
  store.getState().actions.select(['gate']);
  return store;
}

const optionLabel = (select: HTMLElement, value: string): string | null | undefined =>
  within(select)
    .getAllByRole('option')
    .find((o) => o.getAttribute('value') === value)?.textContent;

describe('the node catalog in the user locale', () => {
  it('pt-BR: the palette, the inspector, its params and choices are in Portuguese', () => {
    renderApp(gateSelected(), 'pt-BR');
    const item = screen.getByTestId('palette-item-quality.checks');
    expect(item.querySelector('.palette-label')?.textContent).toBe('Verificações de dados');
    expect(item.getAttribute('title')).toMatch(/^Verifica as linhas que passam/);
    expect(screen.getByTestId('palette-item-transform.filter').querySelector('.palette-label')?.textContent).toBe(
      'Filtrar linhas',
    );

    const inspector = screen.getByTestId('inspector');
    expect(inspector.querySelector('.inspector-type')?.textContent).toBe('Verificações de dados');
    expect(screen.getByTestId('node-label').getAttribute('placeholder')).toBe('Verificações de dados');
    // A param label, a list's item and a list field's choices…
    expect(within(inspector).getByText(/^Quando uma verificação falhar/)).toBeTruthy();
    expect(screen.getByTestId('param-checks-add').textContent).toMatch(/verificação/);
    const rule = screen.getByTestId('param-checks-0-rule');
    expect(optionLabel(rule, 'not_null')).toBe('Nunca vazio');
    expect(optionLabel(screen.getByTestId('param-onFailure'), 'fail')).toBe('Parar a execução: nada é gravado');
    // … while the values written to the document stay as they are.
    expect(screen.getByTestId('param-onFailure')).toHaveProperty('value', 'fail');
  });

  it('pt-BR: Portuguese words find nodes, with or without accents, and English ones still do', () => {
    renderApp(gateSelected(), 'pt-BR');
    const search = screen.getByTestId('palette-search');
    const shown = (): string[] =>
      screen.queryAllByTestId(/^palette-item-/).map((e) => e.getAttribute('data-testid') ?? '');
    fireEvent.change(search, { target: { value: 'agrupar' } });
    expect(shown()[0]).toBe('palette-item-transform.aggregate');
    fireEvent.change(search, { target: { value: 'juntar' } });
    expect(shown()).toContain('palette-item-transform.join');
    fireEvent.change(search, { target: { value: 'verificacoes' } });
    expect(shown()).toEqual(['palette-item-quality.checks']);
    fireEvent.change(search, { target: { value: 'filter' } });
    expect(shown()[0]).toBe('palette-item-transform.filter');
  });

  it('en: the catalog English, as defined', () => {
    renderApp(gateSelected(), 'en');
    expect(screen.getByTestId('palette-item-quality.checks').querySelector('.palette-label')?.textContent).toBe(
      'Data checks',
    );
    expect(within(screen.getByTestId('inspector')).getByText(/^When a check fails/)).toBeTruthy();
    expect(optionLabel(screen.getByTestId('param-checks-0-rule'), 'not_null')).toBe('Never empty');
  });
});

describe('nodes on the canvas in the user locale', () => {
  // React Flow observes node sizes; jsdom has no ResizeObserver (restored after: test files share a worker).
  const had = 'ResizeObserver' in globalThis;
  beforeAll(() => {
    if (!had) {
      globalThis.ResizeObserver = class {
        observe(): void {}
        unobserve(): void {}
        disconnect(): void {}
      };
    }
  });
  afterAll(() => {
    if (!had) Reflect.deleteProperty(globalThis, 'ResizeObserver');
  });

  function renderCanvasNode(locale: Locale) {
    const store = createAppStore(doc);
    const { api } = fakeApi();
    const nodes: PipelineFlowNode[] = [
      {
        id: 'gate',
        type: 'pipeline',
        position: { x: 0, y: 0 },
        data: { node: { id: 'gate', type: 'quality.checks' } },
      },
    ];
    const joined: PipelineFlowNode[] = [
      { id: 'j', type: 'pipeline', position: { x: 0, y: 200 }, data: { node: { id: 'j', type: 'transform.join' } } },
    ];
    return render(
      <ApiProvider api={api}>
        <StoreProvider store={store}>
          <I18nProvider locale={locale}>
            <div style={{ width: 800, height: 600 }}>
              <ReactFlowProvider>
                <ReactFlow nodes={[...nodes, ...joined]} edges={[]} nodeTypes={{ pipeline: PipelineNode }} />
              </ReactFlowProvider>
            </div>
          </I18nProvider>
        </StoreProvider>
      </ApiProvider>,
    );
  }

  it('pt-BR: the node label and its port labels', () => {
    renderCanvasNode('pt-BR');
    expect(screen.getByText('Verificações de dados')).toBeTruthy();
    expect(screen.getByTestId('handle-gate-out-out').getAttribute('title')).toBe('As mesmas linhas');
    // A node with several inputs shows their labels.
    expect(screen.getByTestId('handle-j-in-left').textContent).toBe('Esquerda');
    expect(screen.getByTestId('handle-j-in-right').getAttribute('title')).toBe('Direita');
  });

  it('en: as defined', () => {
    renderCanvasNode('en');
    expect(screen.getByText('Data checks')).toBeTruthy();
    expect(screen.getByTestId('handle-j-in-left').textContent).toBe('Left');
  });
});
