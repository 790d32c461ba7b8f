import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { formatElapsed, selectEdgeRows } from '../canvas/node-status';
import { numberFormat } from '../canvas/use-node-status';
import { useCatalog } from '../i18n/catalog';
import { useLocale, useT } from '../i18n/i18n';
import type { PreviewState } from '../store/app-store';
import { useActions, useAppStore } from '../store/store-context';
import './preview.css';
import { ProfileView } from './ProfileView';
import { usePreview } from './use-preview';

const ROW_HEIGHT = 26;
const COL_WIDTH = 160;
const INDEX_WIDTH = 56;

function cellText(v: string | number | boolean | null): string {
  return v === null ? 'NULL' : String(v);
}

/** Rows virtualized: only the visible ones are in the DOM. */
function Grid({ preview }: { preview: PreviewState }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: preview.rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const width = INDEX_WIDTH + preview.columns.length * COL_WIDTH;
  const template = `${INDEX_WIDTH}px repeat(${preview.columns.length}, ${COL_WIDTH}px)`;
  return (
    <div className="grid-scroll" ref={scroller} data-testid="preview-grid" role="grid" aria-rowcount={preview.rows.length + 1} aria-colcount={preview.columns.length}>
      <div className="grid-head" style={{ width, gridTemplateColumns: template }} role="row">
        <div className="grid-index" role="columnheader">
          #
        </div>
        {preview.columns.map((c) => (
          <div key={c.name} className="grid-col" role="columnheader" title={`${c.name} ${c.type}`} data-testid={`preview-col-${c.name}`}>
            <span className="col-name">{c.name}</span>
            <span className="col-type">{c.type}</span>
          </div>
        ))}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
        {virtualizer.getVirtualItems().map((vr) => {
          const row = preview.rows[vr.index] ?? [];
          return (
            <div key={vr.key} className="grid-row" role="row" style={{ transform: `translateY(${vr.start}px)`, height: ROW_HEIGHT, gridTemplateColumns: template }}>
              <div className="grid-index">{vr.index + 1}</div>
              {row.map((v, i) => (
                <div key={i} className={`grid-cell${v === null ? ' is-null' : typeof v === 'number' ? ' is-num' : ''}`} role="gridcell" title={cellText(v)}>
                  {cellText(v)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

export function PreviewPanel() {
  const t = useT();
  const preview = useAppStore((s) => s.session.preview);
  const selection = useAppStore((s) => s.session.selection);
  const { loadMore } = usePreview();
  const [view, setView] = useState<'rows' | 'profile'>('rows');
  const catalog = useCatalog();
  const nodeType = useAppStore((s) => s.doc.document.nodes.find((n) => n.id === s.session.selection[0])?.type);
  const outputs = nodeType === undefined ? undefined : catalog.get(nodeType)?.outputs;
  const port = useAppStore((s) => s.session.previewPort);
  const { setPreviewPort } = useActions();
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
              <button key={o.name} type="button" aria-pressed={(port ?? outputs[0]?.name) === o.name} onClick={() => setPreviewPort(i === 0 ? null : o.name)} data-testid={`preview-port-${o.name}`}>
                {o.label}
              </button>
            ))}
          </span>
        ) : null}
        <span className="preview-views" role="group" aria-label={t('profile.views')}>
          <button type="button" aria-pressed={view === 'rows'} onClick={() => setView('rows')} data-testid="preview-view-rows">
            {t('profile.rows')}
          </button>
          <button type="button" aria-pressed={view === 'profile'} onClick={() => setView('profile')} data-testid="preview-view-profile">
            {t('profile.title')}
          </button>
        </span>
        {preview.status === 'loading' ? <span className="muted">{t('preview.loading')}</span> : null}
        {preview.status === 'done' ? <PreviewInfo preview={preview} /> : null}
        {preview.more ? (
          <button type="button" onClick={loadMore} disabled={preview.status === 'loading'} data-testid="preview-more">
            {t('preview.more')}
          </button>
        ) : null}
      </div>
      {view === 'profile' ? (
        <ProfileView nodeId={preview.nodeId} />
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
                <li key={w.message}>{w.message}</li>
              ))}
            </ul>
          ) : null}
          {preview.status === 'error' ? (
            <p className="error-text preview-error" data-testid="preview-error">
              {preview.error}
            </p>
          ) : (
            <Grid preview={preview} />
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
  const select = useMemo(() => (dot < 0 ? selectEdgeRows(id, 'out') : selectEdgeRows(id.slice(0, dot), id.slice(dot + 1))), [id, dot]);
  const ranTotal = useAppStore(select);
  const format = numberFormat(locale);
  const shown = preview.rows.length;
  // All rows are in the grid when there are no more (and not a sample's): that is the total, run or not.
  const total = preview.more || preview.sample !== null ? ranTotal : shown;
  const common = { rows: format.format(shown), columns: preview.columns.length, elapsed: formatElapsed(preview.elapsedMs) };
  return (
    <span className="muted" data-testid="preview-info" {...(total !== undefined && total !== shown ? { title: t('preview.totalFromRun') } : {})}>
      {total === undefined || total === shown ? t('preview.info', common) : t('preview.infoOf', { ...common, total: format.format(total) })}
    </span>
  );
}

/** How a data-check node's checks fare on the rows the preview sees; a run checks every row. */
function CheckSummary({ checks }: { checks: NonNullable<PreviewState['checks']> }) {
  const t = useT();
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
          <li key={`${f.param ?? ''}:${f.message}`}>{f.message}</li>
        ))}
      </ul>
    </div>
  );
}
