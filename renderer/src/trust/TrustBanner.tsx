import { useState } from 'react';
import { useApi } from '../api/api-context';
import { useLocale, useT } from '../i18n/i18n';
import { useAppStore, useStoreApi } from '../store/store-context';
import { trustPipeline } from './trust-actions';
import { TrustSummary } from './TrustSummary';

/**
 * Restricted mode, said plainly (VS Code's Workspace Trust banner): this
 * pipeline came from elsewhere, so it is checked and previewed on its own
 * folder's files only; here is what trusting it would let it do.
 */
export function TrustBanner() {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const store = useStoreApi();
  const report = useAppStore((s) => s.check.trust);
  const saved = useAppStore((s) => s.doc.path !== null);
  const [open, setOpen] = useState(false);
  if (report === null || report.mode !== 'restricted') return null;
  return (
    <section className="trust-banner" role="status" data-testid="trust-banner">
      <div className="trust-banner-line">
        <strong>{t('trust.restricted')}</strong>
        <span>{t('trust.explain', { folder: report.folder })}</span>
        <button
          type="button"
          className="link"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="trust-details"
        >
          {open ? t('trust.hideDetails') : t('trust.showDetails')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void trustPipeline(api, store, 'file', locale)}
          data-testid="trust-grant"
        >
          {t('trust.grant')}
        </button>
        {saved ? (
          <button
            type="button"
            onClick={() => void trustPipeline(api, store, 'folder', locale)}
            data-testid="trust-grant-folder"
          >
            {t('trust.grantFolder')}
          </button>
        ) : null}
      </div>
      {open ? <TrustSummary report={report} /> : null}
    </section>
  );
}
