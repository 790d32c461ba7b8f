// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument, type PipelineDocument } from '../../../shared/format/document';
import { parseDocument } from '../../../shared/format/parse';
import { I18nProvider, type Locale } from '../i18n/i18n';
import { createAppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { ScheduleEditor } from './ScheduleEditor';

afterEach(cleanup);

function setup(locale: Locale = 'en', doc: PipelineDocument = emptyDocument()) {
  const store = createAppStore(doc);
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

  it('edits retries, their backoff, the timeout and the catch-up policy, checked by the document schema, undoably', () => {
    const { store, schedule } = setup();
    // No trigger, nothing to set: the settings show with the first trigger.
    expect(screen.queryByTestId('schedule-retries')).toBeNull();
    fireEvent.click(screen.getByTestId('schedule-add-after'));
    type('schedule-trigger-0-after', 'ingest.duto.json');
    expect(screen.getByTestId<HTMLSelectElement>('schedule-catchup').value).toBe('once');

    type('schedule-retries', '3');
    type('schedule-backoff', '45');
    type('schedule-timeout', '600');
    fireEvent.change(screen.getByTestId('schedule-catchup'), { target: { value: 'skip' } });
    expect(schedule()).toEqual({
      triggers: [{ after: 'ingest.duto.json' }],
      retries: 3,
      retryDelaySeconds: 45,
      timeoutSeconds: 600,
      catchUp: 'skip',
    });
    expect(parseDocument(store.getState().doc.document).ok).toBe(true);

    // The schema's bounds, quoted: retries 0 to 20; the waits whole seconds, at least 1. The document keeps what was valid.
    type('schedule-retries', '21');
    expect(screen.getByTestId('schedule-retries-error').textContent).toBe('A whole number from 0 to 20.');
    expect(screen.getByTestId('schedule-retries').getAttribute('aria-invalid')).toBe('true');
    type('schedule-retries', '3');
    type('schedule-backoff', '0');
    expect(screen.getByRole('alert').textContent).toBe('A whole number, 1 or more.');
    type('schedule-backoff', '45');
    type('schedule-timeout', '1.5');
    expect(screen.getByRole('alert').textContent).toBe('A whole number, 1 or more.');
    type('schedule-timeout', '1e3');
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(schedule()?.timeoutSeconds).toBe(600);
    // While a setting is wrong, a trigger edit waits too: the document never holds half a schedule.
    type('schedule-trigger-0-after', 'load.duto.json');
    expect(schedule()?.triggers).toEqual([{ after: 'ingest.duto.json' }]);
    // Emptied: the default applies, and the key leaves the file.
    type('schedule-timeout', '');
    expect(schedule()).toEqual({
      triggers: [{ after: 'load.duto.json' }],
      retries: 3,
      retryDelaySeconds: 45,
      catchUp: 'skip',
    });

    act(() => store.getState().actions.undo());
    expect(schedule()?.timeoutSeconds).toBe(600);
    expect(screen.getByTestId<HTMLInputElement>('schedule-timeout').value).toBe('600');
    act(() => store.getState().actions.undo());
    expect(schedule()?.catchUp).toBeUndefined();
    expect(screen.getByTestId<HTMLSelectElement>('schedule-catchup').value).toBe('once');
    act(() => store.getState().actions.redo());
    expect(screen.getByTestId<HTMLSelectElement>('schedule-catchup').value).toBe('skip');
  });

  it('keeps what it does not edit: a folder trigger’s parameter survives a change of settings', () => {
    const doc: PipelineDocument = {
      ...emptyDocument(),
      schedule: { triggers: [{ files: 'inbox/*.csv', param: 'batch' }], retries: 1 },
    };
    const { schedule } = setup('en', doc);
    expect(screen.getByTestId<HTMLInputElement>('schedule-retries').value).toBe('1');
    type('schedule-retries', '2');
    expect(schedule()).toEqual({ triggers: [{ files: 'inbox/*.csv', param: 'batch' }], retries: 2 });
  });

  it('speaks Brazilian Portuguese', () => {
    setup('pt-BR');
    fireEvent.click(screen.getByTestId('schedule-add-cron'));
    type('schedule-trigger-0-timezone', 'Lua/Base');
    expect(screen.getByRole('alert').textContent).toMatch(/Não é um fuso horário/);
    expect(screen.getByRole('heading', { name: 'Agendamento' })).toBeTruthy();
    type('schedule-trigger-0-timezone', 'America/Sao_Paulo');
    expect(screen.getByLabelText('Novas tentativas')).toBe(screen.getByTestId('schedule-retries'));
    type('schedule-retries', '-1');
    expect(screen.getByTestId('schedule-retries-error').textContent).toBe('Um número inteiro de 0 a 20.');
    expect(screen.getByRole('option', { name: 'Ignorá-los' })).toBeTruthy();
  });
});
