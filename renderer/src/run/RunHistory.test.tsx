// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import type { RunRecordData } from '../../../shared/ipc/results';
import { ApiProvider } from '../api/api-context';
import { I18nProvider } from '../i18n/i18n';
import { createAppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeApi } from '../test/fake-api';
import { RunHistory } from './RunHistory';

afterEach(cleanup);

const run = (over: Partial<RunRecordData>): RunRecordData => ({
  id: 'r1',
  startedAt: '2026-11-26T05:00:00.000Z',
  elapsedMs: 1234,
  outcome: 'succeeded',
  from: 'cli',
  nodes: { src: { status: 'done', elapsedMs: 10 }, out: { status: 'done', elapsedMs: 1200, rows: 42 } },
  outputs: [{ nodeId: 'out', path: '/d/out.parquet', rows: 42 }],
  diagnostics: [],
  ...over,
});

function setup(path: string | null, runs: RunRecordData[]) {
  const store = createAppStore(emptyDocument());
  if (path !== null) store.getState().actions.load(emptyDocument(), path);
  const { api, calls } = fakeApi({ 'pipeline.history': () => ({ ok: true, value: { runs } }) });
  render(
    <ApiProvider api={api}>
      <I18nProvider locale="en">
        <StoreProvider store={store}>
          <RunHistory />
        </StoreProvider>
      </I18nProvider>
    </ApiProvider>,
  );
  return { store, calls };
}

describe('run history panel', () => {
  it('lists the runs, newest first, with what they wrote or why they failed; a run opens to its nodes', async () => {
    const failed = run({
      id: 'r2',
      outcome: 'failed',
      from: 'app',
      outputs: [],
      checks: { passed: 1, failed: 1 },
      diagnostics: [{ severity: 'error', message: 'check failed: at least 10 rows — there are 3', nodeId: 'gate' }],
    });
    const { calls, store } = setup('/p/orders.duto.json', [failed, run({})]);
    const entries = await screen.findAllByTestId('run-history-entry');
    expect(calls.find((c) => c.op === 'pipeline.history')?.req).toEqual({
      file: '/p/orders.duto.json',
      historyKey: store.getState().doc.historyKey,
    });
    expect(entries.map((e) => e.getAttribute('data-outcome'))).toEqual(['failed', 'succeeded']);
    expect(entries[0]?.textContent).toContain('check failed: at least 10 rows — there are 3');
    expect(entries[0]?.textContent).toContain('app');
    expect(entries[1]?.textContent).toContain('Wrote out (42).');

    fireEvent.click(within(entries[0] as HTMLElement).getByRole('button', { expanded: false }));
    const details = await screen.findByTestId('run-history-details');
    expect(details.textContent).toContain('1 of 2 data checks passed.');
    expect(details.textContent).toContain('[gate] check failed');
    fireEvent.click(within(details).getByRole('button', { name: 'out' }));
    expect(store.getState().session.selection).toEqual(['out']);
  });

  it('keeps the runs of an unsaved pipeline under its own key, and says when there is no run yet', async () => {
    const unsaved = setup(null, []);
    expect(await screen.findByText(/runs of an unsaved pipeline are kept here too/)).toBeTruthy();
    expect(unsaved.calls.filter((c) => c.op === 'pipeline.history').map((c) => c.req)).toEqual([
      { historyKey: unsaved.store.getState().doc.historyKey },
    ]);
    cleanup();
    setup(null, [run({})]);
    expect(await screen.findAllByTestId('run-history-entry')).toHaveLength(1);
    expect(screen.getByTestId('history-unsaved-note').textContent).toMatch(/save it to keep its history with the file/);
    cleanup();
    setup('/p/new.duto.json', []);
    expect(await screen.findByText('No runs on record yet.')).toBeTruthy();
  });

  it('reloads when a run of this window ends', async () => {
    const { calls, store } = setup('/p/orders.duto.json', [run({})]);
    await screen.findAllByTestId('run-history-entry');
    act(() => store.getState().actions.beginRun('x'));
    act(() => store.getState().actions.finishRun('x', null, 'stopped'));
    await act(async () => Promise.resolve());
    expect(calls.filter((c) => c.op === 'pipeline.history')).toHaveLength(2);
  });
});
