import { useId, useState } from 'react';
import { canonicalSecretName, secretEnvName } from '../../../shared/connections/secret-names';
import type { SecretStorageStatus } from '../../../shared/ipc/connection-ops';
import type { SecretEntry } from '../../../shared/ipc/secret-ops';
import { useApi } from '../api/api-context';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';
import { PlainTextConsent, useConsentFocus } from './PlainTextConsent';
import { displayName, secretNameError } from './secret-form';

/**
 * Adding a secret, or replacing the value of one (`replacing` set): a name,
 * a value that is only ever typed here and sent once, and Save. Where the
 * only storage is plain text, Save first asks, as for connection passwords.
 */

export interface SecretFormProps {
  /** The secret whose value is replaced; null when adding one. */
  replacing: string | null;
  storage: SecretStorageStatus;
  /** Names that already have a stored value: adding one of them replaces it. */
  stored: readonly string[];
  onSaved: (entry: SecretEntry) => void;
  onCancel: () => void;
}

export function SecretForm({ replacing, storage, stored, onSaved, onCancel }: SecretFormProps) {
  const t = useT();
  const api = useApi();
  const id = useId();
  const [name, setName] = useState(replacing ?? '');
  const [value, setValue] = useState('');
  // Shown once the user typed something or tried to save, not while the field is still untouched.
  const [nameError, setNameError] = useState<MessageKey | undefined>(undefined);
  const [valueError, setValueError] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  const { consentRef, saveRef } = useConsentFocus(consent);

  const save = async (allowPlainTextStorage: boolean): Promise<void> => {
    const badName = secretNameError(name);
    setNameError(badName);
    setValueError(value === '');
    if (badName !== undefined || value === '') return;
    setSaving(true);
    setSaveError(null);
    const reply = await api['secrets.save']({ name: canonicalSecretName(name), value, allowPlainTextStorage });
    setSaving(false);
    if (!reply.ok) return setSaveError(reply.error.message);
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
      aria-label={replacing === null ? t('secrets.add') : t('secrets.replaceNamed', { name: replacing })}
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
              {t('secrets.field.nameHint', { name: shown, variable })} {replacesStored ? t('secrets.nameExists', { name: shown }) : ''}
            </span>
          ) : (
            <span className="error-text" id={`${id}-name-error`} data-testid="secret-name-error">
              {t(nameError)}
            </span>
          )}
        </div>
      ) : null}
      <div className="conn-field">
        <label htmlFor={`${id}-value`}>{replacing === null ? t('secrets.field.value') : t('secrets.field.newValue', { name: replacing })}</label>
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
