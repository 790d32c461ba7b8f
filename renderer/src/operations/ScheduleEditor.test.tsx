// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import { parseDocument } from '../../../shared/format/parse';
import { I18nProvider, type Locale } from '../i18n/i18n';
import { createAppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { ScheduleEditor } from './ScheduleEditor';

afterEach(cleanup);

function setup(locale: Locale = 'en') {
  const store = createAppStore(emptyDocument());
  render(
    <I18nProvider locale={locale}>
      <StoreProvider store={store}>
        <ScheduleEditor />
      </StoreProvider>
    </I18nProvider>,
  );
  const schedule = () => store.getState().doc.document.schedule;
  return { store, schedule };
}

const type = (id: string, value: string): void => void fireEvent.change(screen.getByTestId(id), { target: { value } });

describe('schedule editor', () => {
  it('adds a cron trigger in the local zone, and writes only valid triggers into the document', () => {
    const { store, schedule } = setup();
    expect(screen.getByText('No triggers: it runs only when started.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('schedule-add-cron'));
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(schedule()).toEqual({ triggers: [{ cron: '0 6 * * *', timezone: zone }] });

    type('schedule-trigger-0-cron', '0 6 * *');
    expect(screen.getByRole('alert').textContent).toMatch(/A cron has five fields/);
    expect(screen.getByTestId('schedule-trigger-0-cron').getAttribute('aria-invalid')).toBe('true');
    expect(schedule()?.triggers).toEqual([{ cron: '0 6 * * *', timezone: zone }]);
    type('schedule-trigger-0-cron', '*/15 6-18 * * 1-5');
    type('schedule-trigger-0-timezone', 'Mars/Olympus');
    expect(screen.getByRole('alert').textContent).toMatch(/Not a time zone/);
    type('schedule-trigger-0-timezone', 'America/Sao_Paulo');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(schedule()?.triggers).toEqual([{ cron: '*/15 6-18 * * 1-5', timezone: 'America/Sao_Paulo' }]);
    // What the editor writes is a valid document, as the CLI reads it.
    expect(parseDocument(store.getState().doc.document).ok).toBe(true);
  });

  it('edits folder and after triggers, removes them, and follows undo', () => {
    const { store, schedule } = setup();
    fireEvent.click(screen.getByTestId('schedule-add-files'));
    type('schedule-trigger-0-files', '../elsewhere/*.csv');
    expect(screen.getByRole('alert').textContent).toMatch(/inside the pipeline's folder/);
    type('schedule-trigger-0-files', 'inbox/**/*.csv');
    type('schedule-trigger-0-debounce', '10');
    fireEvent.click(screen.getByTestId('schedule-add-after'));
    // An empty `after` waits: the document keeps the folder trigger alone.
    expect(schedule()?.triggers).toEqual([{ files: 'inbox/**/*.csv', debounceSeconds: 10 }]);
    type('schedule-trigger-1-after', 'ingest.duto.json');
    expect(schedule()?.triggers).toEqual([
      { files: 'inbox/**/*.csv', debounceSeconds: 10 },
      { after: 'ingest.duto.json' },
    ]);

    fireEvent.click(screen.getByTestId('schedule-remove-0'));
    fireEvent.click(screen.getByTestId('schedule-remove-0'));
    expect(schedule()).toBeUndefined();
    act(() => store.getState().actions.undo());
    expect(schedule()?.triggers).toEqual([{ after: 'ingest.duto.json' }]);
    expect(screen.getByTestId<HTMLInputElement>('schedule-trigger-0-after').value).toBe('ingest.duto.json');
  });

  it('speaks Brazilian Portuguese', () => {
    setup('pt-BR');
    fireEvent.click(screen.getByTestId('schedule-add-cron'));
    type('schedule-trigger-0-timezone', 'Lua/Base');
    expect(screen.getByRole('alert').textContent).toMatch(/Não é um fuso horário/);
    expect(screen.getByRole('heading', { name: 'Agendamento' })).toBeTruthy();
  });
});
