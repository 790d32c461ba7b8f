import { useCallback, useEffect, useState } from 'react';
import type { Schedule } from '../../../shared/format/document';
import type { SchedulesStatus } from '../../../shared/ipc/schedule-ops';
import { basenameOf } from '../../../shared/paths';
import { useApi } from '../api/api-context';
import { localizedDiagnostic } from '../i18n/diagnostic-text';
import { useLocale, useT, type Translate } from '../i18n/i18n';
import { formatWhen } from './run-figures';

/**
 * The app's scheduler: its on/off switch (off until the user turns it on,
 * kept in the user's settings) and, per scheduled pipeline it knows (the
 * recent files), its triggers in words, the next run and the last one.
 * Refreshed every few seconds while shown.
 */

/** How often the panel asks again while open. */
const REFRESH_MS = 5000;

type Listing =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; value: SchedulesStatus };

export function SchedulesPanel() {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const [listing, setListing] = useState<Listing>({ status: 'loading' });

  const load = useCallback(async (): Promise<Listing> => {
    const r = await api['schedules.status']({});
    return r.ok ? { status: 'ready', value: r.value } : { status: 'failed', message: r.error.message };
  }, [api]);

  useEffect(() => {
    let live = true;
    const tick = (): void => void load().then((l) => live && setListing(l));
    tick();
    const timer = setInterval(tick, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [load]);

  const toggle = async (enabled: boolean): Promise<void> => {
    const r = await api['schedules.setEnabled']({ enabled });
    setListing(r.ok ? { status: 'ready', value: r.value } : { status: 'failed', message: r.error.message });
  };

  if (listing.status === 'loading') return <p className="muted panel-empty">{t('history.loading')}</p>;
  if (listing.status === 'failed') return <p className="error-text panel-empty">{listing.message}</p>;
  const { enabled, pipelines } = listing.value;
  return (
    <div className="schedules" data-testid="schedules">
      <div className="schedules-switch">
        <label>
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            onChange={(e) => void toggle(e.target.checked)}
            data-testid="schedules-enabled"
          />{' '}
          {t('schedules.enabled')}
        </label>
        <p className="muted">{t('schedules.note')}</p>
      </div>
      {pipelines.length === 0 ? (
        <p className="muted panel-empty">{t('schedules.empty')}</p>
      ) : (
        <ul className="schedules-list">
          {pipelines.map((p) => (
            <li key={p.file} data-testid="schedules-row" data-file={p.file}>
              <div className="schedules-name" title={p.file}>
                {p.name ?? basenameOf(p.file)} <span className="muted">{basenameOf(p.file)}</span>
              </div>
              <ul className="schedules-triggers">
                {p.triggers.map((tr, i) => (
                  <li key={i}>{triggerText(tr, t)}</li>
                ))}
              </ul>
              {!p.trusted ? (
                <p className="error-text" data-testid="schedules-restricted">
                  {t('schedules.restricted')}
                </p>
              ) : null}
              {p.problems.map((d, i) => (
                <p key={i} className="error-text">
                  {localizedDiagnostic(d, undefined, locale, false)}
                </p>
              ))}
              <p data-testid="schedules-next">
                {p.next === null
                  ? t(enabled ? 'schedules.noNext' : 'schedules.off')
                  : t('schedules.next', { when: formatWhen(p.next, locale) })}
              </p>
              <p data-testid="schedules-last" data-outcome={p.last?.outcome ?? ''}>
                {p.last === null
                  ? t('schedules.neverRun')
                  : t('schedules.last', {
                      when: formatWhen(p.last.at, locale),
                      outcome: t(`schedules.outcome.${p.last.outcome}`),
                    })}
                {p.last?.message === undefined ? null : <span className="muted"> — {p.last.message}</span>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function triggerText(tr: Schedule['triggers'][number], t: Translate): string {
  if ('cron' in tr) return t('schedules.trigger.cron', { cron: tr.cron, timezone: tr.timezone });
  if ('files' in tr) return t('schedules.trigger.files', { glob: tr.files, seconds: tr.debounceSeconds ?? 5 });
  return t('schedules.trigger.after', { after: tr.after });
}
