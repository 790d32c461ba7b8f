import type { SecretStorageStatus } from '../../../shared/ipc/connection-ops';
import { useT } from '../i18n/i18n';

/** Says where a stored password goes: the keychain, a plain-text file, memory for this launch, or nowhere. */
export function StorageNote({ storage }: { storage: SecretStorageStatus }) {
  const t = useT();
  const warn = storage.mode !== 'keychain';
  const text =
    storage.mode === 'keychain'
      ? t('connections.storage.keychain', { backend: storage.backend })
      : storage.mode === 'plain-text'
        ? t('connections.storage.plainText', { backend: storage.backend })
        : storage.mode === 'memory'
          ? t('connections.storage.memory')
          : t('connections.storage.unavailable');
  return (
    <div
      className={`conn-note${warn ? ' conn-note-warning' : ''}`}
      data-testid="connections-storage"
      data-mode={storage.mode}
    >
      <p>{text}</p>
      {warn ? <p className="muted">{t('connections.storage.envHint')}</p> : null}
    </div>
  );
}
