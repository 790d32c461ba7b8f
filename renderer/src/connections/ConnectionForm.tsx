import { useId, useState, type ReactNode } from 'react';
import { CONNECTION_KINDS, connectionEnvNames } from '../../../shared/connections/connection';
import type { ConnectionEntry, SecretStorageStatus } from '../../../shared/ipc/connection-ops';
import { useApi } from '../api/api-context';
import { useLocale, useT } from '../i18n/i18n';
import {
  definitionOf,
  emptyForm,
  formOf,
  passwordChangeOf,
  portPlaceholder,
  type FormErrors,
  type FormValues,
  type SslChoice,
} from './connection-form';
import { PlainTextConsent, useConsentFocus } from './PlainTextConsent';
import { TestOutcome } from './TestOutcome';
import { runTest, type TestState } from './test-state';
import { ipcErrorText } from '../i18n/diagnostic-text';

/**
 * Creating or editing one connection: its fields, a Test that connects with
 * the values as typed (saved or not), and Save. Where the only storage is
 * plain text, Save first asks, and stores the password only after a yes.
 */

export interface ConnectionFormProps {
  /** The entry edited; null when creating. */
  editing: ConnectionEntry | null;
  storage: SecretStorageStatus;
  onSaved: (entry: ConnectionEntry) => void;
  onCancel: () => void;
}

const SSL_CHOICES: ReadonlyArray<{
  value: SslChoice;
  label: 'connections.ssl.default' | 'connections.ssl.disable' | 'connections.ssl.require' | 'connections.ssl.verify';
}> = [
  { value: '', label: 'connections.ssl.default' },
  { value: 'disable', label: 'connections.ssl.disable' },
  { value: 'require', label: 'connections.ssl.require' },
  { value: 'verify', label: 'connections.ssl.verify' },
];

function sslChoice(value: string): SslChoice {
  return SSL_CHOICES.find((c) => c.value === value)?.value ?? '';
}

export function ConnectionForm({ editing, storage, onSaved, onCancel }: ConnectionFormProps) {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const id = useId();
  const [values, setValues] = useState<FormValues>(() => (editing === null ? emptyForm() : formOf(editing)));
  const [errors, setErrors] = useState<FormErrors>({});
  const [test, setTest] = useState<TestState>({ status: 'idle' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  const { consentRef, saveRef } = useConsentFocus(consent);
  const set = (patch: Partial<FormValues>): void => {
    setValues((v) => ({ ...v, ...patch }));
    setTest({ status: 'idle' });
  };

  const checked = (): ReturnType<typeof definitionOf> => {
    const r = definitionOf(values);
    setErrors(r.ok ? {} : r.errors);
    return r;
  };

  const onTest = async (): Promise<void> => {
    const r = checked();
    if (!r.ok) return;
    setTest({ status: 'running' });
    setTest(
      await runTest(api, {
        name: values.name,
        definition: r.definition,
        password: passwordChangeOf(values),
        ...(editing === null ? {} : { previousName: editing.name }),
      }),
    );
  };

  const save = async (allowPlainTextStorage: boolean): Promise<void> => {
    const r = checked();
    if (!r.ok) return;
    setSaving(true);
    setSaveError(null);
    const reply = await api['connections.save']({
      name: values.name,
      ...(editing === null ? {} : { previousName: editing.name }),
      definition: r.definition,
      password: passwordChangeOf(values),
      allowPlainTextStorage,
    });
    setSaving(false);
    if (!reply.ok) return setSaveError(ipcErrorText(reply.error, locale));
    if (reply.value.status === 'needs-plain-text-consent') return setConsent(true);
    setConsent(false);
    onSaved(reply.value.connection);
  };

  const vars = connectionEnvNames(values.name === '' ? 'name' : values.name);
  const urlOverride = editing?.environment.find((v) => v === connectionEnvNames(editing.name).url);
  const stored = editing?.hasPassword === true;
  const noStorage = storage.mode === 'unavailable';
  const field = (name: string, label: string, input: ReactNode, hint?: ReactNode): ReactNode => (
    <div className="conn-field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
      {hint}
    </div>
  );
  const error = (key: keyof FormErrors): ReactNode => {
    const message = errors[key];
    return message === undefined ? null : (
      <span className="error-text" id={`${id}-${key}-error`}>
        {t(message)}
      </span>
    );
  };

  if (consent) {
    return (
      <PlainTextConsent
        consentRef={consentRef}
        testIdPrefix="connections"
        level={3}
        title={t('connections.consent.title')}
        body={t('connections.consent.body', { name: values.name, file: storage.file ?? '', variable: vars.password })}
        confirmLabel={t('connections.consent.confirm')}
        error={saveError}
        saving={saving}
        onCancel={() => setConsent(false)}
        onConfirm={() => void save(true)}
      />
    );
  }

  return (
    <form
      className="conn-form"
      aria-label={editing === null ? t('connections.new') : t('connections.editTitle', { name: editing.name })}
      data-testid="connections-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      {field(
        'name',
        t('connections.field.name'),
        <input
          id={`${id}-name`}
          value={values.name}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={errors.name !== undefined}
          aria-describedby={errors.name === undefined ? `${id}-name-hint` : `${id}-name-error`}
          onChange={(e) => set({ name: e.target.value })}
          data-testid="conn-name"
        />,
        errors.name === undefined ? (
          <span className="muted" id={`${id}-name-hint`}>
            {t('connections.field.nameHint')}
          </span>
        ) : (
          error('name')
        ),
      )}
      {field(
        'kind',
        t('connections.field.kind'),
        <select
          id={`${id}-kind`}
          value={values.kind}
          onChange={(e) => set({ kind: CONNECTION_KINDS.find((k) => k === e.target.value) ?? 'postgres' })}
          data-testid="conn-kind"
        >
          {CONNECTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`connections.kind.${k}`)}
            </option>
          ))}
        </select>,
      )}
      {urlOverride === undefined ? null : (
        <p className="conn-note conn-note-warning">{t('connections.envUrlOverrides', { variable: urlOverride })}</p>
      )}
      <div className="conn-row">
        {field(
          'host',
          t('connections.field.host'),
          <input
            id={`${id}-host`}
            value={values.host}
            placeholder="localhost"
            onChange={(e) => set({ host: e.target.value })}
            data-testid="conn-host"
          />,
        )}
        {field(
          'port',
          t('connections.field.port'),
          <input
            id={`${id}-port`}
            value={values.port}
            inputMode="numeric"
            placeholder={portPlaceholder(values.kind)}
            aria-invalid={errors.port !== undefined}
            aria-describedby={errors.port === undefined ? undefined : `${id}-port-error`}
            onChange={(e) => set({ port: e.target.value })}
            data-testid="conn-port"
          />,
          error('port'),
        )}
      </div>
      <div className="conn-row">
        {field(
          'database',
          t('connections.field.database'),
          <input
            id={`${id}-database`}
            value={values.database}
            onChange={(e) => set({ database: e.target.value })}
            data-testid="conn-database"
          />,
        )}
        {field(
          'user',
          t('connections.field.user'),
          <input
            id={`${id}-user`}
            value={values.user}
            autoComplete="off"
            onChange={(e) => set({ user: e.target.value })}
            data-testid="conn-user"
          />,
        )}
      </div>
      {field(
        'password',
        t('connections.field.password'),
        <input
          id={`${id}-password`}
          type="password"
          value={values.password}
          autoComplete="new-password"
          disabled={noStorage || values.clearPassword}
          placeholder={stored ? t('connections.field.passwordKeep') : ''}
          aria-describedby={`${id}-password-hint`}
          onChange={(e) => set({ password: e.target.value })}
          data-testid="conn-password"
        />,
        <span className="muted" id={`${id}-password-hint`}>
          {noStorage ? t('connections.storage.unavailable') : ''}{' '}
          {t('connections.field.passwordEnv', { variable: vars.password })}
        </span>,
      )}
      {stored ? (
        <label className="conn-check">
          <input
            type="checkbox"
            checked={values.clearPassword}
            onChange={(e) => set({ clearPassword: e.target.checked, password: '' })}
            data-testid="conn-clear-password"
          />
          {t('connections.field.clearPassword')}
        </label>
      ) : null}
      {field(
        'description',
        t('connections.field.description'),
        <input
          id={`${id}-description`}
          value={values.description}
          onChange={(e) => set({ description: e.target.value })}
          data-testid="conn-description"
        />,
      )}
      <fieldset className="conn-options">
        <legend>{t('connections.options')}</legend>
        {field(
          'ssl',
          t('connections.field.ssl'),
          <select
            id={`${id}-ssl`}
            value={values.ssl}
            onChange={(e) => set({ ssl: sslChoice(e.target.value) })}
            data-testid="conn-ssl"
          >
            {SSL_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {t(c.label)}
              </option>
            ))}
          </select>,
        )}
        <div className="conn-row">
          {field(
            'timeout',
            t('connections.field.timeout'),
            <input
              id={`${id}-timeout`}
              value={values.connectTimeoutSeconds}
              inputMode="decimal"
              placeholder="10"
              aria-invalid={errors.connectTimeoutSeconds !== undefined}
              aria-describedby={
                errors.connectTimeoutSeconds === undefined ? undefined : `${id}-connectTimeoutSeconds-error`
              }
              onChange={(e) => set({ connectTimeoutSeconds: e.target.value })}
              data-testid="conn-timeout"
            />,
            error('connectTimeoutSeconds'),
          )}
          {field(
            'app',
            t('connections.field.applicationName'),
            <input
              id={`${id}-app`}
              value={values.applicationName}
              placeholder="duto"
              onChange={(e) => set({ applicationName: e.target.value })}
              data-testid="conn-app-name"
            />,
          )}
        </div>
      </fieldset>
      {error('form')}
      <TestOutcome state={test} testId="conn-form-test-result" />
      {saveError !== null ? (
        <p className="error-text" role="alert" data-testid="conn-save-error">
          {saveError}
        </p>
      ) : null}
      <div className="modal-actions">
        <button type="button" onClick={onCancel} data-testid="conn-cancel">
          {t('common.cancel')}
        </button>
        <button
          type="button"
          disabled={test.status === 'running'}
          onClick={() => void onTest()}
          data-testid="conn-test"
        >
          {t('connections.test')}
        </button>
        <button ref={saveRef} type="submit" className="primary" disabled={saving} data-testid="conn-save">
          {t('connections.save')}
        </button>
      </div>
    </form>
  );
}
