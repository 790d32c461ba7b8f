import { useId, useState } from 'react';
import { canonicalSecretName, secretEnvName } from '../../../shared/connections/secret-names';
import type { SecretStorageStatus } from '../../../shared/ipc/connection-ops';
import type { SecretEntry } from '../../../shared/ipc/secret-ops';
import { useApi } from '../api/api-context';
import { useLocale, useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';
import { PlainTextConsent, useConsentFocus } from './PlainTextConsent';
import { checkOrigins, displayName, secretNameError } from './secret-form';
import { ipcErrorText } from '../i18n/diagnostic-text';

/**
 * Adding a secret, replacing the value of one (`replacing` set), or only
 * changing where a stored one may be sent (`originsOnly`): a name, a value
 * that is only ever typed here and sent once, the origins it is for
 * (required, checked as typed), and Save. Where the only storage is plain
 * text, Save first asks, as for connection passwords.
 */

export interface SecretFormProps {
  /** The secret whose value (or origins) is changed; null when adding one. */
  replacing: string | null;
  /** Only its origins change: no value is asked for, the stored one stays. */
  originsOnly?: boolean;
  /** The origins shown to start with (the secret's own when it has some). */
  initialOrigins?: readonly string[];
  storage: SecretStorageStatus;
  /** Names that already have a stored value: adding one of them replaces it. */
  stored: readonly string[];
  onSaved: (entry: SecretEntry) => void;
  onCancel: () => void;
}

export function SecretForm({
  replacing,
  originsOnly = false,
  initialOrigins = [],
  storage,
  stored,
  onSaved,
  onCancel,
}: SecretFormProps) {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const id = useId();
  const [name, setName] = useState(replacing ?? '');
  const [value, setValue] = useState('');
  // Shown once the user typed something or tried to save, not while the field is still untouched.
  const [nameError, setNameError] = useState<MessageKey | undefined>(undefined);
  const [valueError, setValueError] = useState(false);
  const [origins, setOrigins] = useState(initialOrigins.join(', '));
  const [originsError, setOriginsError] = useState<{ key: MessageKey; entry: string } | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  const { consentRef, saveRef } = useConsentFocus(consent);

  const save = async (allowPlainTextStorage: boolean): Promise<void> => {
    const badName = secretNameError(name);
    const where = checkOrigins(origins);
    const noValue = !originsOnly && value === '';
    setNameError(badName);
    setValueError(noValue);
    setOriginsError(where.ok ? undefined : where);
    if (badName !== undefined || noValue || !where.ok) return;
    setSaving(true);
    setSaveError(null);
    const reply = await api['secrets.save']({
      name: canonicalSecretName(name),
      ...(originsOnly ? {} : { value }),
      origins: where.origins,
      allowPlainTextStorage,
    });
    setSaving(false);
    if (!reply.ok) return setSaveError(ipcErrorText(reply.error, locale));
    if (reply.value.status === 'needs-plain-text-consent') return setConsent(true);
    setConsent(false);
    setValue('');
    onSaved(reply.value.secret);
  };

  const shown = displayName(name);
  const variable = secretEnvName(shown);
  if (consent) {
    return (
      <PlainTextConsent
        consentRef={consentRef}
        testIdPrefix="secrets"
        level={4}
        title={t('secrets.consent.title')}
        body={t('secrets.consent.body', { name: shown, file: storage.file ?? '', variable })}
        confirmLabel={t('secrets.consent.confirm')}
        error={saveError}
        saving={saving}
        onCancel={() => setConsent(false)}
        onConfirm={() => void save(true)}
      />
    );
  }

  const replacesStored = replacing === null && nameError === undefined && stored.includes(canonicalSecretName(name));
  return (
    <form
      className="conn-form secret-form"
      aria-label={
        replacing === null
          ? t('secrets.add')
          : originsOnly
            ? t('secrets.editOriginsNamed', { name: replacing })
            : t('secrets.replaceNamed', { name: replacing })
      }
      data-testid="secret-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      {replacing === null ? (
        <div className="conn-field">
          <label htmlFor={`${id}-name`}>{t('secrets.field.name')}</label>
          <input
            id={`${id}-name`}
            value={name}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            aria-invalid={nameError !== undefined}
            aria-describedby={nameError === undefined ? `${id}-name-hint` : `${id}-name-error`}
            onChange={(e) => {
              setName(e.target.value);
              setNameError(e.target.value === '' ? undefined : secretNameError(e.target.value));
            }}
            data-testid="secret-name"
          />
          {nameError === undefined ? (
            <span className="muted" id={`${id}-name-hint`}>
              {t('secrets.field.nameHint', { name: shown, variable })}{' '}
              {replacesStored ? t('secrets.nameExists', { name: shown }) : ''}
            </span>
          ) : (
            <span className="error-text" id={`${id}-name-error`} data-testid="secret-name-error">
              {t(nameError)}
            </span>
          )}
        </div>
      ) : null}
      {originsOnly ? null : (
        <div className="conn-field">
          <label htmlFor={`${id}-value`}>
            {replacing === null ? t('secrets.field.value') : t('secrets.field.newValue', { name: replacing })}
          </label>
          <input
            id={`${id}-value`}
            type="password"
            value={value}
            autoFocus={replacing !== null}
            autoComplete="off"
            aria-invalid={valueError}
            aria-describedby={`${id}-value-hint`}
            onChange={(e) => {
              setValue(e.target.value);
              setValueError(false);
            }}
            data-testid="secret-value"
          />
          <span className={valueError ? 'error-text' : 'muted'} id={`${id}-value-hint`}>
            {valueError ? `${t('secrets.error.valueEmpty')} ` : ''}
            {storage.mode === 'unavailable' ? `${t('secrets.storage.unavailable')} ` : ''}
            {t('secrets.field.valueEnv', { variable })}
          </span>
        </div>
      )}
      <div className="conn-field">
        <label htmlFor={`${id}-origins`}>{t('secrets.field.origins')}</label>
        <input
          id={`${id}-origins`}
          value={origins}
          autoFocus={originsOnly}
          autoComplete="off"
          spellCheck={false}
          placeholder="https://api.example.com"
          aria-invalid={originsError !== undefined}
          aria-describedby={`${id}-origins-hint`}
          onChange={(e) => {
            setOrigins(e.target.value);
            const where = checkOrigins(e.target.value);
            // Said as typed, except for a field still empty (said on Save).
            setOriginsError(where.ok || e.target.value.trim() === '' ? undefined : where);
          }}
          data-testid="secret-origins"
        />
        <span
          className={originsError === undefined ? 'muted' : 'error-text'}
          id={`${id}-origins-hint`}
          data-testid="secret-origins-hint"
        >
          {originsError === undefined
            ? t('secrets.field.originsHint')
            : t(originsError.key, { entry: originsError.entry })}
        </span>
      </div>
      {saveError !== null ? (
        <p className="error-text" role="alert" data-testid="secret-save-error">
          {saveError} {storage.mode === 'unavailable' ? t('secrets.field.valueEnv', { variable }) : ''}
        </p>
      ) : null}
      <div className="modal-actions">
        <button type="button" onClick={onCancel} data-testid="secret-cancel">
          {t('common.cancel')}
        </button>
        <button ref={saveRef} type="submit" className="primary" disabled={saving} data-testid="secret-save">
          {t('secrets.save')}
        </button>
      </div>
    </form>
  );
}
