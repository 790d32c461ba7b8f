// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SchedulesStatus } from '../../../shared/ipc/schedule-ops';
import { ApiProvider } from '../api/api-context';
import { I18nProvider, type Locale } from '../i18n/i18n';
import { fakeApi } from '../test/fake-api';
import { SchedulesPanel } from './SchedulesPanel';

afterEach(cleanup);

const NEXT = Date.parse('2026-03-01T06:00:00Z');
const LAST = Date.parse('2026-02-28T06:00:00Z');

function status(enabled: boolean): SchedulesStatus {
  return {
    enabled,
    pipelines: [
      {
        file: '/p/nightly.duto.json',
        name: 'Nightly orders',
        trusted: true,
        triggers: [
          { cron: '0 6 * * *', timezone: 'Europe/Berlin' },
          { files: 'inbox/*.csv' },
          { after: 'load.duto.json' },
        ],
        next: enabled ? NEXT : null,
        last: { at: LAST, outcome: 'refused', message: 'pipeline is running (pid 42)' },
        problems: [],
      },
      {
        file: '/p/shared.duto.json',
        trusted: false,
        triggers: [{ cron: '*/5 * * * *', timezone: 'UTC' }],
        next: null,
        last: null,
        problems: [],
      },
    ],
  };
}

function setup(locale: Locale = 'en') {
  let enabled = false;
  const { api, calls } = fakeApi({
    'schedules.status': () => ({ ok: true, value: status(enabled) }),
    'schedules.setEnabled': (r) => {
      enabled = r.enabled;
      return { ok: true, value: status(enabled) };
    },
  });
  render(
    <ApiProvider api={api}>
      <I18nProvider locale={locale}>
        <SchedulesPanel />
      </I18nProvider>
    </ApiProvider>,
  );
  return { calls };
}

describe('Schedules panel', () => {
  it('is off by default and says so; turning it on asks the host and shows the next run in the locale', async () => {
    const { calls } = setup();
    const toggle = await screen.findByTestId<HTMLInputElement>('schedules-enabled');
    expect(toggle.checked).toBe(false);
    expect(screen.getByText(/Off by default: opening a pipeline never starts running it/)).toBeTruthy();
    expect(screen.getAllByTestId('schedules-next')[0]?.textContent).toBe('The scheduler is off.');
    fireEvent.click(toggle);
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('schedules-enabled').checked).toBe(true));
    expect(calls.filter((c) => c.op === 'schedules.setEnabled').map((c) => c.req)).toEqual([{ enabled: true }]);
    const when = new Intl.DateTimeFormat('en', { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(NEXT));
    expect(screen.getAllByTestId('schedules-next')[0]?.textContent).toBe(`Next run: ${when}`);
  });

  it('puts each trigger in words, shows the last run and its outcome, and marks an untrusted pipeline', async () => {
    setup();
    const rows = await screen.findAllByTestId('schedules-row');
    expect(rows[0]?.textContent).toContain('On the cron schedule “0 6 * * *”, Europe/Berlin time');
    expect(rows[0]?.textContent).toContain(
      'When files matching inbox/*.csv arrive or change (5 s after the last change)',
    );
    expect(rows[0]?.textContent).toContain('After each successful run of load.duto.json');
    const last = screen.getAllByTestId('schedules-last')[0];
    expect(last?.dataset['outcome']).toBe('refused');
    expect(last?.textContent).toContain(
      'skipped: another process (such as duto serve) was running it — pipeline is running (pid 42)',
    );
    expect(screen.getAllByTestId('schedules-restricted')).toHaveLength(1);
    expect(rows[1]?.textContent).toContain('Not trusted');
  });

  it('speaks Brazilian Portuguese', async () => {
    setup('pt-BR');
    await screen.findAllByTestId('schedules-row');
    expect(screen.getByText('Executar agendamentos com o Duto aberto')).toBeTruthy();
    expect(screen.getAllByTestId('schedules-row')[0]?.textContent).toContain(
      'Na agenda cron “0 6 * * *”, horário de Europe/Berlin',
    );
  });
});
