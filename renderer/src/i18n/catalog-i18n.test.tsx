// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../shared/format/document';
import { ApiProvider } from '../api/api-context';
import { FilesProvider } from '../files/files-context';
import { Inspector } from '../inspector/Inspector';
import { Palette } from '../palette/Palette';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeApi } from '../test/fake-api';
import { I18nProvider, type Locale } from './i18n';

afterEach(cleanup);

const doc: PipelineDocument = {
  format: 'duto.pipeline',
  version: 2,
  nodes: [
    { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
    { id: 'gate', type: 'quality.checks', inputs: { in: 'orders' }, params: { checks: [{ rule: 'not_null', column: 'id' }] } },
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
    expect(screen.getByTestId('palette-item-transform.filter').querySelector('.palette-label')?.textContent).toBe('Filtrar linhas');

    const inspector = screen.getByTestId('inspector');
    expect(inspector.querySelector('.inspector-type')?.textContent).toBe('Verificações de dados');
    expect(screen.getByTestId('node-label').getAttribute('placeholder')).toBe('Verificações de dados');
    // A param label, a list's item and a list field's choices…
    expect(within(inspector).getByText('Quando uma verificação falhar')).toBeTruthy();
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
    const shown = (): string[] => screen.queryAllByTestId(/^palette-item-/).map((e) => e.getAttribute('data-testid') ?? '');
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
    expect(screen.getByTestId('palette-item-quality.checks').querySelector('.palette-label')?.textContent).toBe('Data checks');
    expect(within(screen.getByTestId('inspector')).getByText('When a check fails')).toBeTruthy();
    expect(optionLabel(screen.getByTestId('param-checks-0-rule'), 'not_null')).toBe('Never empty');
  });
});
