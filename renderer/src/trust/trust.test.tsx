// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import type { TrustReport } from '../../../shared/ipc/results';
import { ApiProvider } from '../api/api-context';
import { pipelineRequest } from '../files/pipeline-request';
import { I18nProvider } from '../i18n/i18n';
import { runPipeline } from '../run/run-controller';
import { createAppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeApi } from '../test/fake-api';
import { TrustBanner } from './TrustBanner';
import { TrustDialog } from './TrustDialog';

afterEach(cleanup);

const report: TrustReport = {
  mode: 'restricted',
  folder: '/work/shared',
  outside: [{ nodeId: 'src', path: '/etc/passwd' }],
  writes: [{ nodeId: 'out', target: '/work/shared/out.parquet' }],
  connections: [{ nodeId: 'db', name: 'warehouse' }],
  hosts: [{ nodeId: 'api', url: 'https://evil.example/steal' }],
  secrets: [{ nodeId: 'api', name: 'API_TOKEN' }],
};

function setup(path: string | null) {
  const { api, calls } = fakeApi({
    'trust.grant': (r) => ({ ok: true, value: { trusted: r.file } }),
    'pipeline.run': () => ({
      ok: true,
      value: { ok: true, cancelled: false, elapsedMs: 5, nodes: {}, outputs: [], diagnostics: [] },
    }),
  });
  const store = createAppStore(emptyDocument('Shared'));
  store.getState().actions.load(emptyDocument('Shared'), path, { imported: path === null });
  const seq = store.getState().actions.beginCheck();
  store
    .getState()
    .actions.applyCheck(seq, store.getState().doc.document, { ok: true, diagnostics: [], schemas: {}, trust: report });
  render(
    <ApiProvider api={api}>
      <StoreProvider store={store}>
        <I18nProvider locale="en">
          <TrustBanner />
          <TrustDialog />
        </I18nProvider>
      </StoreProvider>
    </ApiProvider>,
  );
  return { store, calls, api };
}

describe('restricted mode in the app', () => {
  it('says so, and lists what trusting the pipeline lets it do', () => {
    setup('/work/shared/p.duto.json');
    expect(screen.getByTestId('trust-banner').textContent).toContain('Restricted mode');
    fireEvent.click(screen.getByTestId('trust-details'));
    const summary = screen.getByTestId('trust-summary').textContent ?? '';
    for (const s of ['/work/shared/out.parquet', '/etc/passwd', 'warehouse', 'https://evil.example/steal', 'API_TOKEN'])
      expect(summary).toContain(s);
  });

  it('trusts a saved pipeline (the file, or its folder) through the host, and checks it again', async () => {
    const { store, calls } = setup('/work/shared/p.duto.json');
    const before = store.getState().session.credentials;
    await act(async () => fireEvent.click(screen.getByTestId('trust-grant-folder')));
    expect(calls.filter((c) => c.op === 'trust.grant').map((c) => c.req)).toEqual([
      { file: '/work/shared/p.duto.json', scope: 'folder' },
    ]);
    expect(store.getState().session.credentials).toBe(before + 1);
  });

  it('an imported document is sent as imported until the user trusts it', async () => {
    const { store, calls } = setup(null);
    expect(pipelineRequest(store.getState())).toMatchObject({ imported: true });
    expect(screen.queryByTestId('trust-grant-folder')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('trust-grant')));
    expect(pipelineRequest(store.getState()).imported).toBeUndefined();
    expect(calls.some((c) => c.op === 'trust.grant')).toBe(false);
  });

  it('Run while restricted asks first; Trust and run trusts, then runs', async () => {
    const { store, calls, api } = setup('/work/shared/p.duto.json');
    await act(() => runPipeline(api, store));
    expect(calls.some((c) => c.op === 'pipeline.run')).toBe(false);
    expect(screen.getByTestId('trust-dialog').textContent).toContain('/work/shared/out.parquet');
    await act(async () => fireEvent.click(screen.getByTestId('trust-confirm')));
    const ops = calls.map((c) => c.op);
    expect(ops.indexOf('trust.grant')).toBeLessThan(ops.indexOf('pipeline.run'));
    expect(screen.queryByTestId('trust-dialog')).toBeNull();
  });
});
