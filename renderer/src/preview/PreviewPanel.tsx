import { useMemo, useState } from 'react';
import { formatElapsed, selectEdgeRows } from '../canvas/node-status';
import { numberFormat } from '../canvas/use-node-status';
import { useCatalog } from '../i18n/catalog';
import { useDiagnosticText } from '../i18n/diagnostic-text';
import { useLocale, useT } from '../i18n/i18n';
import type { PreviewState } from '../store/app-store';
import { useActions, useAppStore } from '../store/store-context';
import './preview.css';
import { ChartView } from './ChartView';
import { FailureText } from './FailureText';
import { ProfileView, type ProfilePick } from './ProfileView';
import { ReportPreview } from './ReportPreview';
import { PreviewGrid } from './PreviewGrid';
import { copyText, rowsAsTsv } from './copy-rows';
import { usePreview } from './use-preview';

export function PreviewPanel() {
  const t = useT();
  const text = useDiagnosticText();
  const preview = useAppStore((s) => s.session.preview);
  const selection = useAppStore((s) => s.session.selection);
  const { loadMore } = usePreview();
  const [view, setView] = useState<'rows' | 'profile' | 'chart'>('rows');
  const catalog = useCatalog();
  const nodeType = useAppStore((s) => s.doc.document.nodes.find((n) => n.id === s.session.selection[0])?.type);
  const outputs = nodeType === undefined ? undefined : catalog.get(nodeType)?.outputs;
  const port = useAppStore((s) => s.session.previewPort);
  const { setPreviewPort, setPreviewView, addNode, setParam, toast } = useActions();
  // The last bar or value picked in the profile, for the node it was picked on (a Filter node is one click away).
  const [pick, setPick] = useState<(ProfilePick & { nodeId: string }) | null>(null);
  const position = useAppStore((s) => s.doc.document.layout?.[s.session.selection[0] ?? '']);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtered = useAppStore((s) => (s.session.previewView.filters ?? []).length > 0);
  // A bar picked in the profile or a chart filters the rows, and a Filter node is one click away.
  const picked = (p: ProfilePick): void => {
    setPreviewView({ filters: p.filters });
    setPick({ ...p, nodeId: preview.nodeId ?? '' });
    setView('rows');
  };
  // A report node has no rows: its preview is the page it writes.
  const reportId = selection.length === 1 && nodeType === 'sink.report' ? selection[0] : undefined;
  if (reportId !== undefined) return <ReportPreview nodeId={reportId} />;
  // `node` or `node.port`: the preview answers for the output asked for.
  if (selection.length !== 1 || preview.nodeId === null || preview.nodeId.split('.')[0] !== selection[0]) {
    return <p className="muted panel-empty">{t('preview.select')}</p>;
  }
  return (
    <div className="preview" data-testid="preview">
      <div className="preview-bar">
        <strong>{preview.nodeId}</strong>
        {outputs !== undefined && outputs.length > 1 ? (
          <span className="preview-views" role="group" aria-label={t('preview.outputs')}>
            {outputs.map((o, i) => (
              <button
                key={o.name}
                type="button"
                aria-pressed={(port ?? outputs[0]?.name) === o.name}
                onClick={() => setPreviewPort(i === 0 ? null : o.name)}
                data-testid={`preview-port-${o.name}`}
              >
                {o.label}
              </button>
            ))}
          </span>
        ) : null}
        <span className="preview-views" role="group" aria-label={t('profile.views')}>
          <button
            type="button"
            aria-pressed={view === 'rows'}
            onClick={() => setView('rows')}
            data-testid="preview-view-rows"
          >
            {t('profile.rows')}
          </button>
          <button
            type="button"
            aria-pressed={view === 'profile'}
            onClick={() => setView('profile')}
            data-testid="preview-view-profile"
          >
            {t('profile.title')}
          </button>
          <button
            type="button"
            aria-pressed={view === 'chart'}
            onClick={() => setView('chart')}
            data-testid="preview-view-chart"
          >
            {t('chart.title')}
          </button>
        </span>
        {preview.status === 'loading' ? <span className="muted">{t('preview.loading')}</span> : null}
        {preview.status === 'done' ? <PreviewInfo preview={preview} /> : null}
        {preview.more ? (
          <button type="button" onClick={loadMore} disabled={preview.status === 'loading'} data-testid="preview-more">
            {t('preview.more')}
          </button>
        ) : null}
        {view === 'rows' && pick !== null && pick.nodeId === preview.nodeId && filtered ? (
          <button
            type="button"
            title={t('profile.makeFilterHint', { condition: pick.condition })}
            onClick={() => {
              const from = preview.nodeId?.split('.') ?? [];
              const at = position ?? { x: 0, y: 0 };
              const added = addNode(
                'transform.filter',
                { x: at.x + 260, y: at.y + 40 },
                { nodeId: from[0] ?? '', port: from[1] ?? outputs?.[0]?.name ?? 'out', side: 'source' },
              );
              setParam(added.id, 'condition', pick.condition);
              setPick(null);
            }}
            data-testid="profile-make-filter"
          >
            {t('profile.makeFilter')}
          </button>
        ) : null}
        {view === 'rows' ? (
          <span className="preview-tools">
            <button
              type="button"
              aria-pressed={filtersOpen || filtered}
              onClick={() => setFiltersOpen(!filtersOpen)}
              title={t('preview.filterHint')}
              data-testid="preview-filters-toggle"
            >
              {t('preview.filter')}
            </button>
            <button
              type="button"
              disabled={preview.rows.length === 0}
              onClick={() =>
                copyText(
                  rowsAsTsv(
                    preview.columns.map((c) => c.name),
                    preview.rows,
                  ),
                  (key, ok) => toast(key, undefined, ok ? 'info' : 'error'),
                )
              }
              title={t('preview.copyHint')}
              data-testid="preview-copy"
            >
              {t('preview.copy')}
            </button>
          </span>
        ) : null}
      </div>
      {view === 'profile' || view === 'chart' ? (
        view === 'profile' ? (
          <ProfileView nodeId={preview.nodeId} onPick={picked} />
        ) : (
          // Charts belong to the node (its main output); a new node starts a fresh editor.
          <ChartView key={selection[0]} nodeId={selection[0] ?? preview.nodeId} onPick={picked} />
        )
      ) : (
        <>
          {preview.status === 'done' && preview.sample !== null ? (
            <p className="preview-sample" role="note" data-testid="preview-sample">
              {t('preview.sample', { rows: preview.sample.rows, sources: preview.sample.sources.join(', ') })}
            </p>
          ) : null}
          {preview.status === 'done' && preview.checks !== null ? <CheckSummary checks={preview.checks} /> : null}
          {preview.status === 'done' && preview.warnings.length > 0 ? (
            <ul className="preview-warnings" role="note" data-testid="preview-warnings">
              {preview.warnings.map((w) => (
                <li key={w.message}>{text(w)}</li>
              ))}
            </ul>
          ) : null}
          {preview.status === 'error' ? (
            <FailureText
              error={{ message: preview.error ?? '', diagnostics: preview.errorDiagnostics }}
              nodeId={selection[0]}
              testId="preview-error"
            />
          ) : (
            <PreviewGrid preview={preview} filtersOpen={filtersOpen || filtered} />
          )}
        </>
      )}
    </div>
  );
}

/**
 * How many rows are shown, of how many: the total is the last run's count,
 * taken only while that result is the node's as it is now (a preview reads
 * only the rows it shows, and counting all of them would read every file).
 */
export function PreviewInfo({ preview }: { preview: PreviewState }) {
  const t = useT();
  const locale = useLocale();
  const id = preview.nodeId ?? '';
  const dot = id.indexOf('.');
  const select = useMemo(
    () => (dot < 0 ? selectEdgeRows(id, 'out') : selectEdgeRows(id.slice(0, dot), id.slice(dot + 1))),
    [id, dot],
  );
  const ranTotal = useAppStore(select);
  const format = numberFormat(locale);
  const shown = preview.rows.length;
  // All rows are in the grid when there are no more (and not a sample's): that is the total, run or not.
  const total = preview.more || preview.sample !== null ? ranTotal : shown;
  const common = {
    rows: format.format(shown),
    columns: preview.columns.length,
    elapsed: formatElapsed(preview.elapsedMs),
  };
  if (preview.matching !== null) {
    // Sorted or filtered: the engine counted the rows that match, over the node's whole output.
    return (
      <span className="muted" data-testid="preview-info">
        <span data-testid="preview-matching">
          {t('preview.matching', { ...common, matching: format.format(preview.matching) })}
        </span>
      </span>
    );
  }
  return (
    <span
      className="muted"
      data-testid="preview-info"
      {...(total !== undefined && total !== shown ? { title: t('preview.totalFromRun') } : {})}
    >
      {total === undefined || total === shown
        ? t('preview.info', common)
        : t('preview.infoOf', { ...common, total: format.format(total) })}
    </span>
  );
}

/** How a data-check node's checks fare on the rows the preview sees; a run checks every row. */
function CheckSummary({ checks }: { checks: NonNullable<PreviewState['checks']> }) {
  const t = useT();
  const text = useDiagnosticText();
  if (checks.failures.length === 0) {
    return (
      <p className="preview-checks is-ok" role="status" data-testid="preview-checks">
        {t('preview.checksOk', { rows: checks.rows })}
      </p>
    );
  }
  return (
    <div className="preview-checks is-failing" role="status" data-testid="preview-checks">
      <p>{t('preview.checksFailed', { count: checks.failures.length, rows: checks.rows })}</p>
      <ul>
        {checks.failures.map((f) => (
          <li key={`${f.param ?? ''}:${f.message}`}>{text(f)}</li>
        ))}
      </ul>
    </div>
  );
}
