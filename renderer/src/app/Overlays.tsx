import { useEffect, type ReactNode } from 'react';
import { useApi } from '../api/api-context';
import { diagnosticText } from '../../../shared/diagnostics';
import { parseDocumentText } from '../../../shared/format/parse';
import { useLocale, useT } from '../i18n/i18n';
import type { Locale } from '../i18n/i18n';
import { useActions, useAppStore } from '../store/store-context';
import type { Prefs } from './prefs';
import { SHORTCUTS } from './shortcuts';
import type { Backup } from './use-backup';

function Modal({
  title,
  onClose,
  children,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId: string;
}) {
  const t = useT();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-label={title} data-testid={testId} onClick={(e) => e.stopPropagation()}>
        <h2>{title}</h2>
        {children}
        <div className="modal-actions">
          <button type="button" onClick={onClose} autoFocus>
            {t('common.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

export function HelpOverlay() {
  const t = useT();
  const { setOverlay } = useActions();
  return (
    <Modal title={t('help.title')} onClose={() => setOverlay(null)} testId="help-overlay">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keysLabel === undefined ? s.keys : t(s.keysLabel)}</kbd>
              </td>
              <td>{t(s.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}

export function SettingsOverlay({ prefs, setPrefs }: { prefs: Prefs; setPrefs: (p: Partial<Prefs>) => void }) {
  const t = useT();
  const { setOverlay } = useActions();
  return (
    <Modal title={t('settings.title')} onClose={() => setOverlay(null)} testId="settings-overlay">
      <label className="param-label" htmlFor="pref-theme">
        {t('settings.theme')}
      </label>
      <select
        id="pref-theme"
        data-testid="pref-theme"
        value={prefs.theme}
        onChange={(e) =>
          setPrefs({ theme: e.target.value === 'light' ? 'light' : e.target.value === 'dark' ? 'dark' : 'system' })
        }
      >
        <option value="system">{t('settings.themeSystem')}</option>
        <option value="light">{t('settings.themeLight')}</option>
        <option value="dark">{t('settings.themeDark')}</option>
      </select>
      <label className="param-label" htmlFor="pref-locale">
        {t('settings.language')}
      </label>
      <select
        id="pref-locale"
        data-testid="pref-locale"
        value={prefs.locale}
        onChange={(e) => {
          const locale: Locale = e.target.value === 'pt-BR' ? 'pt-BR' : 'en';
          setPrefs({ locale });
        }}
      >
        <option value="en">English</option>
        <option value="pt-BR">Português (Brasil)</option>
      </select>
    </Modal>
  );
}

/** Offers backups a crash left behind. */
export function RecoveryDialog({ backups, dismiss }: { backups: Backup[]; dismiss: (key: string) => void }) {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const actions = useActions();
  const first = backups[0];
  if (first === undefined) return null;
  const discard = (): void => {
    void api['backup.clear']({ key: first.key });
    dismiss(first.key);
  };
  const restore = (): void => {
    const parsed = parseDocumentText(first.text);
    if (parsed.ok) actions.load(parsed.document, first.path, { dirty: true });
    else
      actions.toast(
        'files.invalid',
        {
          path: first.path ?? t('recovery.unsaved'),
          message: parsed.diagnostics.map((d) => diagnosticText(d, locale)).join('; '),
        },
        'error',
      );
    void api['backup.clear']({ key: first.key });
    dismiss(first.key);
  };
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-label={t('recovery.title')} data-testid="recovery-dialog">
        <h2>{t('recovery.title')}</h2>
        <p>
          {t('recovery.body', {
            name: first.path ?? t('recovery.unsaved'),
            time: new Date(first.savedAt).toLocaleString(),
          })}
        </p>
        <div className="modal-actions">
          <button type="button" onClick={discard} data-testid="recovery-discard">
            {t('recovery.discard')}
          </button>
          <button type="button" className="primary" onClick={restore} data-testid="recovery-restore">
            {t('recovery.restore')}
          </button>
        </div>
      </div>
    </div>
  );
}

export function ToastView() {
  const t = useT();
  const toast = useAppStore((s) => s.session.toast);
  const { dismissToast } = useActions();
  useEffect(() => {
    if (toast === null) return;
    const id = setTimeout(dismissToast, toast.kind === 'error' ? 8000 : 3000);
    return () => clearTimeout(id);
  }, [toast, dismissToast]);
  if (toast === null) return null;
  return (
    <div
      className={`toast toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid="toast"
      onClick={dismissToast}
    >
      {t(toast.key, toast.vars)}
    </div>
  );
}
