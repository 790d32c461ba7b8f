// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../shared/format/document';
import { ApiProvider } from '../api/api-context';
import { FilesProvider } from '../files/files-context';
import { I18nProvider, type Locale } from '../i18n/i18n';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeApi } from '../test/fake-api';
import { Inspector } from './Inspector';

/* The inspector's version picker of a Delta source (the engine's answer is electron/engine/delta/delta-versions.test.ts's). */

afterEach(cleanup);

const doc: PipelineDocument = {
  format: 'duto.pipeline',
  version: 2,
  nodes: [{ id: 'sales', type: 'source.delta', params: { path: 'lake/sales', timestamp: '2024-01-01T00:00:00Z' } }],
};
const versions = [
  { version: 1, timestamp: Date.UTC(2024, 1, 2, 10), operation: 'WRITE', rowsAdded: 1234 },
  { version: 0, timestamp: Date.UTC(2024, 0, 5, 9), operation: 'CREATE TABLE AS SELECT', rowsAdded: 6 },
];

function renderInspector(locale: Locale): { store: AppStore; asked: unknown[] } {
  const asked: unknown[] = [];
  const { api } = fakeApi({
    'pipeline.deltaVersions': (req) => {
      asked.push(req.nodeId);
      return { ok: true, value: { versions } };
    },
  });
  const store = createAppStore(doc);
  store.getState().actions.select(['sales']);
  render(
    <ApiProvider api={api}>
      <StoreProvider store={store}>
        <I18nProvider locale={locale}>
          <FilesProvider>
            <Inspector />
          </FilesProvider>
        </I18nProvider>
      </StoreProvider>
    </ApiProvider>,
  );
  return { store, asked };
}

describe('Delta source versions in the inspector', () => {
  it('lists the versions and sets the Version param (clearing As of time); Latest clears it', async () => {
    const { store, asked } = renderInspector('en');
    const pick = await waitFor(() => screen.getByTestId('delta-version-pick'));
    expect(asked).toEqual(['sales']);
    const options = [...pick.querySelectorAll('option')].map((o) => o.textContent);
    expect(options[0]).toBe('Latest (version 1)');
    expect(options[1]).toMatch(/^Version 1 · .*2024.* · WRITE · 1,234 rows added$/);
    const params = () => store.getState().doc.document.nodes[0]?.params;
    fireEvent.change(pick, { target: { value: '0' } });
    expect(params()).toEqual({ path: 'lake/sales', version: 0 });
    fireEvent.change(pick, { target: { value: '' } });
    expect(params()).toEqual({ path: 'lake/sales' });
  });

  it('speaks Brazilian Portuguese, numbers in its locale', async () => {
    renderInspector('pt-BR');
    const pick = await waitFor(() => screen.getByTestId('delta-version-pick'));
    const options = [...pick.querySelectorAll('option')].map((o) => o.textContent);
    expect(options[0]).toBe('Mais recente (versão 1)');
    expect(options[1]).toMatch(/^Versão 1 · .*2024.* · WRITE · 1\.234 linhas acrescentadas$/);
  });
});
