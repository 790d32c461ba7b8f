import { useApi } from '../api/api-context';
import { useLocale, useT } from '../i18n/i18n';
import { runPipeline } from '../run/run-controller';
import { useAppStore, useStoreApi } from '../store/store-context';
import { trustPipeline } from './trust-actions';
import { TrustSummary } from './TrustSummary';

/** Run asked for while restricted: show everything the run would touch, and run only if the user trusts it. */
export function TrustDialog() {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const store = useStoreApi();
  const prompt = useAppStore((s) => s.session.trustPrompt);
  const report = useAppStore((s) => s.check.trust);
  if (prompt === null || report === null) return null;
  const close = (): void => store.getState().actions.askTrust(null);
  const confirm = async (): Promise<void> => {
    close();
    if (!(await trustPipeline(api, store, 'file', locale))) return;
    // Trusted now: the host decides so from the trust store, so the run need not wait for the re-check.
    store.getState().actions.markTrusted();
    await runPipeline(api, store, prompt.until, prompt.force);
  };
  return (
    <div className="modal-backdrop" onClick={close}>
      <div
        className="modal"
        role="dialog"
        aria-label={t('trust.dialogTitle')}
        data-testid="trust-dialog"
        onClick={(e) => e.stopPropagation()}
      >
        <h2>{t('trust.dialogTitle')}</h2>
        <p>{t('trust.dialogExplain', { folder: report.folder })}</p>
        <TrustSummary report={report} />
        <div className="modal-actions">
          <button type="button" onClick={close} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" onClick={() => void confirm()} data-testid="trust-confirm">
            {t('trust.confirmRun')}
          </button>
        </div>
      </div>
    </div>
  );
}
