// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import type { RunRecordData } from '../../../shared/ipc/results';
import { ApiProvider } from '../api/api-context';
import { I18nProvider, type Locale } from '../i18n/i18n';
import { createAppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeApi } from '../test/fake-api';
import { OperationsView } from './OperationsView';

afterEach(cleanup);

const run = (over: Partial<RunRecordData>): RunRecordData => ({
  id: 'r1',
  startedAt: '2026-11-26T05:00:00.000Z',
  elapsedMs: 1234,
  outcome: 'succeeded',
  from: 'cli',
  pipeline: '/p/orders.duto.json',
  nodes: { src: { status: 'done', elapsedMs: 10 }, out: { status: 'done', elapsedMs: 1200, rows: 1500 } },
  outputs: [{ nodeId: 'out', path: '/d/out.parquet', rows: 1500 }],
  checks: { passed: 2, failed: 0 },
  diagnostics: [],
  ...over,
});

const RUNS: RunRecordData[] = [
  run({
    id: 'r4',
    startedAt: '2026-11-26T08:00:00.000Z',
    outcome: 'failed',
    from: 'app',
    elapsedMs: 300,
    outputs: [],
    nodes: { src: { status: 'done', elapsedMs: 10 }, kept: { status: 'failed', elapsedMs: 5 } },
    diagnostics: [{ severity: 'error', message: 'column "nope" not found', nodeId: 'kept' }],
  }),
  run({
    id: 'r3',
    startedAt: '2026-11-26T07:00:00.000Z',
    pipeline: '/p/customers.duto.json',
    elapsedMs: 65_000,
    outputs: [{ nodeId: 'out', path: '/d/c.csv', rows: 20 }],
  }),
  run({
    id: 'r2',
    startedAt: '2026-11-26T06:00:00.000Z',
    from: 'schedule',
    elapsedMs: 2000,
    outputs: [{ nodeId: 'out', path: '/d/out.parquet', rows: 1400 }],
  }),
  run({ id: 'r1' }),
];

function setup(runs: RunRecordData[], locale: Locale = 'en') {
  const store = createAppStore(emptyDocument());
  const { api, calls } = fakeApi({ 'history.all': () => ({ ok: true, value: { runs, skipped: 0 } }) });
  const opened: Array<[string, string | undefined]> = [];
  render(
    <ApiProvider api={api}>
      <I18nProvider locale={locale}>
        <StoreProvider store={store}>
          <OperationsView onOpen={(file, node) => void opened.push([file, node])} />
        </StoreProvider>
      </I18nProvider>
    </ApiProvider>,
  );
  return { calls, opened };
}

describe('Operations view', () => {
  it("lists every pipeline's runs from history.all: status, pipeline, start, duration, rows, checks", async () => {
    const { calls } = setup(RUNS);
    const rows = await screen.findAllByTestId('operations-row');
    expect(calls.map((c) => c.op)).toEqual(['history.all']);
    expect(rows.map((r) => [r.dataset['outcome'], r.dataset['pipeline']])).toEqual([
      ['failed', '/p/orders.duto.json'],
      ['succeeded', '/p/customers.duto.json'],
      ['succeeded', '/p/orders.duto.json'],
      ['succeeded', '/p/orders.duto.json'],
    ]);
    const cells = (i: number): string[] =>
      within(rows[i] ?? document.body)
        .getAllByRole('cell')
        .map((c) => c.textContent ?? '');
    expect(cells(1).slice(0, 7)).toEqual([
      'Succeeded',
      'customers.duto.json',
      new Intl.DateTimeFormat('en', { dateStyle: 'short', timeStyle: 'medium' }).format(
        new Date('2026-11-26T07:00:00Z'),
      ),
      'CLI',
      '1 min 5 s',
      '20',
      '2 passed, 0 failed',
    ]);
    expect(cells(3)[5]).toBe('1,500');
    // Who started each run: a click in the app, the CLI, a schedule (`duto serve` or the app's scheduler).
    expect(screen.getAllByTestId('operations-from').map((c) => c.textContent)).toEqual([
      'app',
      'CLI',
      'schedule',
      'CLI',
    ]);
    // The failure says why, and offers to open its pipeline at the node.
    expect(within(rows[0] ?? document.body).getByTestId('operations-error').textContent).toBe(
      'column "nope" not found',
    );
  });

  it('filters by pipeline and by status', async () => {
    setup(RUNS);
    await screen.findAllByTestId('operations-row');
    fireEvent.change(screen.getByTestId('operations-filter-pipeline'), { target: { value: '/p/customers.duto.json' } });
    expect(screen.getAllByTestId('operations-row').map((r) => r.dataset['pipeline'])).toEqual([
      '/p/customers.duto.json',
    ]);
    fireEvent.change(screen.getByTestId('operations-filter-pipeline'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('operations-filter-status'), { target: { value: 'failed' } });
    expect(screen.getAllByTestId('operations-row').map((r) => r.dataset['outcome'])).toEqual(['failed']);
  });

  it('draws a duration and rows trend per pipeline from its successful runs, oldest to newest', async () => {
    setup(RUNS);
    const trends = await screen.findAllByTestId('operations-trend');
    expect(trends.map((t) => t.dataset['pipeline'])).toEqual(['/p/customers.duto.json', '/p/orders.duto.json']);
    const orders = trends[1] ?? document.body;
    expect(within(orders).getByTestId('operations-trend-duration').dataset['points']).toBe('2');
    expect(
      within(orders).getByRole('img', { name: 'Rows written by the last 2 successful runs of orders.duto.json' }),
    ).toBeTruthy();
  });

  it('opens a failed run’s pipeline at its failing node', async () => {
    const { opened } = setup(RUNS);
    fireEvent.click(await screen.findByTestId('operations-open-failure'));
    expect(opened).toEqual([['/p/orders.duto.json', 'kept']]);
    expect(screen.getByTestId('operations-open-failure').textContent).toBe('Open at node kept');
  });

  it('speaks Brazilian Portuguese, numbers in its format', async () => {
    setup(RUNS, 'pt-BR');
    const rows = await screen.findAllByTestId('operations-row');
    expect(
      within(rows[3] ?? document.body)
        .getAllByRole('cell')
        .map((c) => c.textContent)[5],
    ).toBe('1.500');
    expect(screen.getByRole('columnheader', { name: 'Iniciada por' })).toBeTruthy();
    expect(screen.getAllByTestId('operations-from').map((c) => c.textContent)).toEqual([
      'app',
      'CLI',
      'agendamento',
      'CLI',
    ]);
    expect(screen.getByRole('columnheader', { name: 'Linhas gravadas' })).toBeTruthy();
    expect(within(rows[0] ?? document.body).getAllByRole('cell')[0]?.textContent).toBe('Falhou');
  });

  it('says when nothing has run yet', async () => {
    setup([]);
    await waitFor(() => expect(screen.getByTestId('operations').textContent).toContain('No runs on record yet'));
  });
});
