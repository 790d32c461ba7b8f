import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { secretEnvName } from '../../../shared/connections/secret-names';
import type { Response } from '../../../shared/ipc/contract';
import type { SecretEntry } from '../../../shared/ipc/secret-ops';
import { useApi } from '../api/api-context';
import { useT } from '../i18n/i18n';
import { originsSummary, SECRETS_IDLE, secretSource, type SecretsMode } from './secret-form';
import { SecretForm } from './SecretForm';

/**
 * Named secrets, below the connections: what `${secret:NAME}` stands for in
 * HTTP headers and query values. Each shows where its value comes from
 * (stored, or DUTO_SECRET_<NAME>) and the origins it may be sent to, with
 * Replace value, Edit origins (the value stays) and Delete (confirmed);
 * values are only typed, never shown or received back.
 */

type Listing =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; value: Response<'secrets.list'> };

export interface SecretsSectionProps {
  /** Held by the dialog, whose Escape and backdrop close a form first. */
  mode: SecretsMode;
  onMode: (mode: SecretsMode) => void;
  /** Said in the dialog's notice area. */
  onNotice: (message: string) => void;
}

/** The row shows a form or a question in place of its buttons. */
function rowBusy(mode: SecretsMode, name: string): boolean {
  return (mode.kind === 'replace' || mode.kind === 'origins' || mode.kind === 'confirm-delete') && mode.name === name;
}

export function SecretsSection({ mode, onMode, onNotice }: SecretsSectionProps) {
  const t = useT();
  const api = useApi();
  const headingId = useId();
  const root = useRef<HTMLElement>(null);
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  // The control focus returns to when a form or question closes (theirs are gone from the page).
  const returnTo = useRef<string | null>(null);
  const wasOpen = useRef(false);

  const reload = useCallback(async (): Promise<void> => {
    const reply = await api['secrets.list']({});
    setListing(reply.ok ? { status: 'ready', value: reply.value } : { status: 'failed', message: reply.error.message });
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload]);

  // In the commit (a layout effect): focus never rests on the page between.
  useLayoutEffect(() => {
    const open = mode.kind !== 'idle';
    if (wasOpen.current && !open) {
      const wanted =
        returnTo.current === null
          ? null
          : root.current?.querySelector<HTMLElement>(`[data-testid="${returnTo.current}"]`);
      (wanted ?? root.current?.querySelector<HTMLElement>('[data-testid="secret-add"]'))?.focus();
      returnTo.current = null;
    }
    wasOpen.current = open;
  }, [mode]);

  const openMode = (next: SecretsMode, from: string | null): void => {
    returnTo.current = from;
    onMode(next);
  };

  const saved = (entry: SecretEntry): void => {
    onMode(SECRETS_IDLE);
    onNotice(t('secrets.saved', { name: entry.name }));
    void reload();
  };

  const remove = async (name: string): Promise<void> => {
    const reply = await api['secrets.delete']({ name });
    // Its row goes: focus goes to Add secret instead.
    returnTo.current = null;
    onMode(SECRETS_IDLE);
    onNotice(
      !reply.ok
        ? reply.error.message
        : reply.value.deleted
          ? t('secrets.deleted', { name })
          : t('secrets.notStored', { name }),
    );
    await reload();
  };

  const ready = listing.status === 'ready' ? listing.value : null;
  const stored = ready === null ? [] : ready.secrets.filter((s) => s.stored).map((s) => s.name);
  const form = (replacing: SecretEntry | null, originsOnly = false) =>
    ready === null ? null : (
      <SecretForm
        replacing={replacing?.name ?? null}
        originsOnly={originsOnly}
        initialOrigins={replacing?.origins ?? []}
        storage={ready.storage}
        stored={stored}
        onSaved={saved}
        onCancel={() => onMode(SECRETS_IDLE)}
      />
    );

  return (
    <section ref={root} className="secrets-section" aria-labelledby={headingId} data-testid="secrets-section">
      <h3 id={headingId}>{t('secrets.title')}</h3>
      <p className="muted">{t('secrets.intro')}</p>
      {listing.status === 'loading' ? <p className="muted">{t('connections.loading')}</p> : null}
      {listing.status === 'failed' ? (
        <p className="error-text" role="alert" data-testid="secrets-load-error">
          {listing.message}
        </p>
      ) : null}
      {ready !== null && ready.secrets.length === 0 ? <p className="muted">{t('secrets.empty')}</p> : null}
      {ready !== null && ready.secrets.length > 0 ? (
        <ul className="conn-list" aria-labelledby={headingId}>
          {ready.secrets.map((s) => (
            <li key={s.name} className="conn-item" data-testid={`secret-${s.name}`}>
              <div className="conn-item-head">
                <code>{s.name}</code>
                <span className="conn-badge" data-testid={`secret-source-${s.name}`}>
                  {secretSource(s, t)}
                </span>
              </div>
              <p
                className={
                  s.origins !== null && s.origins.length === 0 ? 'error-text secret-origins' : 'muted secret-origins'
                }
                data-testid={`secret-origins-${s.name}`}
              >
                {originsSummary(s, t)}
              </p>
              {mode.kind === 'replace' && mode.name === s.name ? form(s) : null}
              {mode.kind === 'origins' && mode.name === s.name ? form(s, true) : null}
              {mode.kind === 'confirm-delete' && mode.name === s.name ? (
                <div
                  className="conn-confirm"
                  role="alertdialog"
                  aria-labelledby={`${headingId}-del-${s.name}`}
                  data-testid="secrets-confirm-delete"
                >
                  <p id={`${headingId}-del-${s.name}`}>
                    <strong>{t('secrets.confirmDelete.title', { name: s.name })}</strong>{' '}
                    {t('secrets.confirmDelete.body', { variable: s.environment ?? secretEnvName(s.name) })}
                  </p>
                  <div className="modal-actions">
                    <button
                      type="button"
                      autoFocus
                      onClick={() => onMode(SECRETS_IDLE)}
                      data-testid="secrets-confirm-cancel"
                    >
                      {t('common.cancel')}
                    </button>
                    <button
                      type="button"
                      className="danger"
                      onClick={() => void remove(s.name)}
                      data-testid="secrets-confirm-delete-yes"
                    >
                      {t('secrets.delete')}
                    </button>
                  </div>
                </div>
              ) : null}
              {rowBusy(mode, s.name) ? null : (
                <div className="conn-item-actions">
                  <button
                    type="button"
                    onClick={() => openMode({ kind: 'replace', name: s.name }, `secret-replace-${s.name}`)}
                    aria-label={
                      s.stored ? t('secrets.replaceNamed', { name: s.name }) : t('secrets.storeNamed', { name: s.name })
                    }
                    data-testid={`secret-replace-${s.name}`}
                  >
                    {s.stored ? t('secrets.replace') : t('secrets.store')}
                  </button>
                  {/* Only the environment sets it: there is nothing here to delete, and its origins are DUTO_SECRET_<NAME>_ORIGINS. */}
                  {s.stored ? (
                    <button
                      type="button"
                      onClick={() => openMode({ kind: 'origins', name: s.name }, `secret-origins-edit-${s.name}`)}
                      aria-label={t('secrets.editOriginsNamed', { name: s.name })}
                      data-testid={`secret-origins-edit-${s.name}`}
                    >
                      {t('secrets.editOrigins')}
                    </button>
                  ) : null}
                  {s.stored ? (
                    <button
                      type="button"
                      onClick={() => openMode({ kind: 'confirm-delete', name: s.name }, `secret-delete-${s.name}`)}
                      aria-label={t('secrets.deleteNamed', { name: s.name })}
                      data-testid={`secret-delete-${s.name}`}
                    >
                      {t('secrets.delete')}
                    </button>
                  ) : null}
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {mode.kind === 'add' ? (
        form(null)
      ) : ready !== null ? (
        <div className="modal-actions secrets-add">
          <button type="button" onClick={() => openMode({ kind: 'add' }, null)} data-testid="secret-add">
            {t('secrets.add')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
