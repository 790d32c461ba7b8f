import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { connectionEnvNames, DEFAULT_PORTS, type ConnectionDefinition } from '../../../shared/connections/connection';
import type { ConnectionEntry } from '../../../shared/ipc/connection-ops';
import type { Response } from '../../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { useT, type Translate } from '../i18n/i18n';
import { ConnectionForm } from './ConnectionForm';
import { StorageNote } from './StorageNote';
import { TestOutcome } from './TestOutcome';
import { holdsTypedValue, SECRETS_IDLE, type SecretsMode } from './secret-form';
import { SecretsSection } from './SecretsSection';
import { runTest, type TestState } from './test-state';
import { useFocusTrap } from './use-focus-trap';
import './connections.css';

/**
 * The connection manager: the user's named connections (the same file the
 * CLI reads), each with where its password comes from, Test, Edit and
 * Delete (confirmed), and a form to create or edit one. Passwords are only
 * ever typed here and sent to the host, never shown or received back.
 * Below them, the named secrets HTTP sources refer to.
 */

type Listing =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; value: Response<'connections.list'> };
type View = { kind: 'list' } | { kind: 'form'; editing: ConnectionEntry | null };

export function ConnectionsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const api = useApi();
  const titleId = useId();
  const root = useRef<HTMLDivElement>(null);
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [view, setView] = useState<View>({ kind: 'list' });
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [tests, setTests] = useState<Readonly<Record<string, TestState>>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [secretsMode, setSecretsMode] = useState<SecretsMode>(SECRETS_IDLE);
  useFocusTrap(root);

  const reload = useCallback(async (): Promise<void> => {
    const reply = await api['connections.list']({});
    setListing(reply.ok ? { status: 'ready', value: reply.value } : { status: 'failed', message: reply.error.message });
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const testSaved = async (name: string): Promise<void> => {
    setTests((s) => ({ ...s, [name]: { status: 'running' } }));
    const state = await runTest(api, { name });
    setTests((s) => ({ ...s, [name]: state }));
  };

  const remove = async (name: string): Promise<void> => {
    const reply = await api['connections.delete']({ name });
    setConfirmDelete(null);
    setNotice(reply.ok ? t('connections.deleted', { name }) : reply.error.message);
    await reload();
  };

  const openForm = (editing: ConnectionEntry | null): void => {
    // The secrets section leaves the page with the list: nothing of it stays open.
    setSecretsMode(SECRETS_IDLE);
    setView({ kind: 'form', editing });
  };

  const ready = listing.status === 'ready' ? listing.value : null;
  return createPortal(
    // A click beside the dialog closes it, except while a form holds typed values.
    <div className="modal-backdrop" onClick={() => view.kind === 'list' && !holdsTypedValue(secretsMode) && onClose()}>
      <div
        ref={root}
        className="modal conn-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid="connections-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          // Keys typed here are the dialog's: canvas and app shortcuts must not see them.
          e.stopPropagation();
          if (e.key !== 'Escape') return;
          if (confirmDelete !== null) setConfirmDelete(null);
          else if (secretsMode.kind !== 'idle') setSecretsMode(SECRETS_IDLE);
          else if (view.kind === 'form') setView({ kind: 'list' });
          else onClose();
        }}
      >
        <h2 id={titleId}>{t('connections.title')}</h2>
        {ready !== null ? <p className="muted">{t('connections.intro', { file: ready.file })}</p> : null}
        {ready !== null ? <StorageNote storage={ready.storage} /> : null}
        {notice !== null ? (
          <p role="status" data-testid="connections-notice">
            {notice}
          </p>
        ) : null}
        {listing.status === 'loading' ? <p className="muted">{t('connections.loading')}</p> : null}
        {listing.status === 'failed' ? (
          <p className="error-text" role="alert" data-testid="connections-load-error">
            {listing.message}
          </p>
        ) : null}
        {ready !== null && view.kind === 'form' ? (
          <ConnectionForm
            editing={view.editing}
            storage={ready.storage}
            onCancel={() => setView({ kind: 'list' })}
            onSaved={(entry) => {
              setView({ kind: 'list' });
              setNotice(t('connections.saved', { name: entry.name }));
              setTests((s) => ({ ...s, [entry.name]: { status: 'idle' } }));
              void reload();
            }}
          />
        ) : null}
        {ready !== null && view.kind === 'list' ? (
          <>
            {ready.connections.length === 0 ? <p className="muted">{t('connections.empty')}</p> : null}
            <ul className="conn-list" aria-label={t('connections.title')}>
              {ready.connections.map((c) => (
                <li key={c.name} className="conn-item" data-testid={`connection-${c.name}`}>
                  <div className="conn-item-head">
                    <strong>{c.name}</strong>
                    <span className="muted">{summary(c.definition, t)}</span>
                    <span className="conn-badge">{passwordSource(c, t)}</span>
                  </div>
                  {c.definition.description === undefined ? null : <p className="muted">{c.definition.description}</p>}
                  {confirmDelete === c.name ? (
                    <div
                      className="conn-confirm"
                      role="alertdialog"
                      aria-labelledby={`${titleId}-del-${c.name}`}
                      data-testid="connections-confirm-delete"
                    >
                      <p id={`${titleId}-del-${c.name}`}>
                        <strong>{t('connections.confirmDelete.title', { name: c.name })}</strong>{' '}
                        {t('connections.confirmDelete.body')}
                      </p>
                      <div className="modal-actions">
                        <button
                          type="button"
                          autoFocus
                          onClick={() => setConfirmDelete(null)}
                          data-testid="connections-confirm-cancel"
                        >
                          {t('common.cancel')}
                        </button>
                        <button
                          type="button"
                          className="danger"
                          onClick={() => void remove(c.name)}
                          data-testid="connections-confirm-delete-yes"
                        >
                          {t('connections.delete')}
                        </button>
                      </div>
                    </div>
                  ) : (
                    <div className="conn-item-actions">
                      <button
                        type="button"
                        onClick={() => void testSaved(c.name)}
                        aria-label={t('connections.testNamed', { name: c.name })}
                        data-testid={`connection-test-${c.name}`}
                      >
                        {t('connections.test')}
                      </button>
                      <button
                        type="button"
                        onClick={() => openForm(c)}
                        aria-label={t('connections.editTitle', { name: c.name })}
                        data-testid={`connection-edit-${c.name}`}
                      >
                        {t('connections.edit')}
                      </button>
                      <button
                        type="button"
                        onClick={() => setConfirmDelete(c.name)}
                        aria-label={t('connections.deleteNamed', { name: c.name })}
                        data-testid={`connection-delete-${c.name}`}
                      >
                        {t('connections.delete')}
                      </button>
                    </div>
                  )}
                  <TestOutcome
                    state={tests[c.name] ?? { status: 'idle' }}
                    testId={`connection-test-result-${c.name}`}
                  />
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {view.kind === 'list' ? (
          <SecretsSection mode={secretsMode} onMode={setSecretsMode} onNotice={setNotice} />
        ) : null}
        <div className="modal-actions">
          {view.kind === 'list' && ready !== null ? (
            <button type="button" className="primary" onClick={() => openForm(null)} data-testid="connections-new">
              {t('connections.new')}
            </button>
          ) : null}
          <button type="button" onClick={onClose} data-testid="connections-close">
            {t('common.close')}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}

/** `PostgreSQL · db.internal:5432 · sales · etl`: where it goes, in no particular language. */
function summary(d: ConnectionDefinition, t: Translate): string {
  const kind = t(`connections.kind.${d.kind}`);
  return [kind, `${d.host ?? 'localhost'}:${String(d.port ?? DEFAULT_PORTS[d.kind])}`, d.database, d.user]
    .filter((x) => x !== undefined)
    .join(' · ');
}

function passwordSource(c: ConnectionEntry, t: Translate): string {
  if (c.hasPassword) return t('connections.passwordStored');
  const vars = connectionEnvNames(c.name);
  const fromEnv = c.environment.find((v) => v === vars.password) ?? c.environment.find((v) => v === vars.url);
  return fromEnv === undefined ? t('connections.noPassword') : t('connections.passwordFromEnv', { variable: fromEnv });
}
