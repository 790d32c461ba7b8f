import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context';
import { pipelineRequest } from '../files/pipeline-request';
import { useLocale, useT } from '../i18n/i18n';
import { newId } from '../run/run-controller';
import { useAppStore, useStoreApi } from '../store/store-context';

type Page = { status: 'loading' } | { status: 'done'; html: string } | { status: 'error'; message: string };

/**
 * A report node's preview: the page it would write, built by the engine now
 * (its run summary waits for a run), shown in an iframe sandboxed with no
 * permission at all — no script, no form, no navigation, an opaque origin —
 * again after each design-time check.
 */
export function ReportPreview({ nodeId }: { nodeId: string }) {
  const api = useApi();
  const store = useStoreApi();
  const t = useT();
  const locale = useLocale();
  const checked = useAppStore((s) => s.check.checked);
  const [page, setPage] = useState<Page>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    const requestId = newId('report');
    setPage({ status: 'loading' });
    void api['pipeline.report']({ ...pipelineRequest(store.getState()), nodeId, requestId, locale })
      .then((r) => {
        if (live)
          setPage(r.ok ? { status: 'done', html: r.value.html } : { status: 'error', message: r.error.message });
      })
      .catch((e: unknown) => {
        if (live) setPage({ status: 'error', message: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      live = false;
      void api['pipeline.cancel']({ requestId });
    };
  }, [api, store, nodeId, locale, checked]);

  return (
    <div className="preview report-preview" data-testid="report-preview">
      <div className="preview-bar">
        <strong>{nodeId}</strong>
        <span className="muted">{t('report.previewHint')}</span>
        {page.status === 'loading' ? <span className="muted">{t('preview.loading')}</span> : null}
      </div>
      {page.status === 'error' ? (
        <p className="error" role="alert">
          {page.message}
        </p>
      ) : null}
      {page.status === 'done' ? (
        <iframe
          className="report-frame"
          title={t('report.frameTitle', { node: nodeId })}
          sandbox=""
          srcDoc={page.html}
          data-testid="report-frame"
        />
      ) : null}
    </div>
  );
}
