import { useEffect, useMemo, useState } from 'react';
import type { Column } from '../../../shared/catalog/node-type';
import { chartOption } from '../../../shared/charts/chart-option';
import { chartSpecOf, MAX_CHARTS_PER_NODE, type SavedChart } from '../../../shared/charts/chart-spec';
import { chartName } from '../../../shared/charts/saved-chart-check';
import type { IpcError } from '../../../shared/ipc/contract';
import type { ChartResultData } from '../../../shared/ipc/results';

import { FailureText } from './FailureText';
import { useApi } from '../api/api-context';
import { formatElapsed } from '../canvas/node-status';
import { pipelineRequest } from '../files/pipeline-request';
import { useLocale, useT, type Translate } from '../i18n/i18n';
import { newId } from '../run/run-controller';
import { useActions, useAppStore, useStoreApi } from '../store/store-context';
import { ChartEditor } from './ChartEditor';
import { EChart } from './EChart';
import { chartPick } from './chart-pick';
import { readyChart, savedWith, type ChartDraft } from './chart-draft';
import { formatNumber } from './profile-format';
import type { ProfilePick } from './ProfileView';
import { useResolvedTheme } from './use-resolved-theme';

/**
 * The Chart view of a node: pick a type and columns (the node's live
 * columns), the engine aggregates every row (pipeline.chart) and ECharts
 * draws the points. Charts are saved on the node in the document (undoable,
 * the file becomes unsaved) and shown again when the pipeline is reopened.
 * Requests are async and cancelled when superseded; a stale answer is dropped.
 * A click on a bar filters the preview as the profile's bars do (`onPick`).
 */

type State =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'failed'; error: IpcError }
  | { status: 'done'; chart: SavedChart; result: ChartResultData };

const NO_CHARTS: readonly SavedChart[] = [];
const NO_COLUMNS: readonly Column[] = [];

export function ChartView({ nodeId, onPick }: { nodeId: string; onPick: (pick: ProfilePick) => void }) {
  const t = useT();
  const locale = useLocale();
  const theme = useResolvedTheme();
  const api = useApi();
  const store = useStoreApi();
  const { setCharts } = useActions();
  const saved = useAppStore((s) => s.doc.document.nodes.find((n) => n.id === nodeId)?.charts) ?? NO_CHARTS;
  const columns = useAppStore((s) => s.check.schemas[nodeId]) ?? NO_COLUMNS;
  const checked = useAppStore((s) => s.check.checked);
  // Which saved chart is shown (null: a new one), and the chart being edited.
  const [editing, setEditing] = useState<number | null>(saved.length > 0 ? 0 : null);
  const [draft, setDraft] = useState<ChartDraft>(saved[0] ?? { type: 'bar' });
  const [state, setState] = useState<State>({ status: 'idle' });
  const chart = readyChart(draft);
  // The request depends on the encodings only: a title typed does not query again.
  const specKey = chart === undefined ? '' : JSON.stringify(chartSpecOf(chart));

  useEffect(() => {
    if (chart === undefined || specKey === '') {
      setState({ status: 'idle' });
      return;
    }
    const requestId = newId('chart');
    let live = true;
    setState({ status: 'loading' });
    void api['pipeline.chart']({
      ...pipelineRequest(store.getState()),
      nodeId,
      requestId,
      spec: chartSpecOf(chart),
    }).then((r) => {
      if (live) setState(r.ok ? { status: 'done', chart, result: r.value } : { status: 'failed', error: r.error });
    });
    return () => {
      live = false;
      void api['pipeline.cancel']({ requestId });
    };
    // `chart` is rebuilt on every render; its encodings are `specKey`.
  }, [api, store, nodeId, specKey, checked]);

  const drawn = state.status === 'done' ? state : null;
  const option = useMemo(() => {
    if (drawn === null) return null;
    const spec = chartSpecOf(drawn.chart);
    return chartOption(spec, drawn.result, { theme, locale, labels: axisLabels(drawn.chart, t) });
  }, [drawn, theme, locale, t]);

  const show = (index: number | null): void => {
    setEditing(index);
    setDraft(index === null ? { type: 'bar' } : (saved[index] ?? { type: 'bar' }));
  };
  const save = (): void => {
    if (chart === undefined) return;
    const next = savedWith(saved, editing, chart);
    if (next === null) return;
    setCharts(nodeId, next);
    setEditing(editing ?? next.length - 1);
  };
  const remove = (): void => {
    if (editing === null) return;
    const next = saved.filter((_, i) => i !== editing);
    setCharts(nodeId, next);
    setEditing(next.length > 0 ? 0 : null);
    setDraft(next[0] ?? { type: 'bar' });
  };
  const full = editing === null && saved.length >= MAX_CHARTS_PER_NODE;
  const columnType = (name: string): string => columns.find((c) => c.name === name)?.type ?? 'VARCHAR';

  return (
    <div className="chart-view" data-testid="chart-view">
      {saved.length > 0 ? (
        <div className="chart-saved" role="group" aria-label={t('chart.saved')}>
          {saved.map((c, i) => (
            <button
              key={i}
              type="button"
              aria-pressed={editing === i}
              onClick={() => show(i)}
              data-testid={`chart-saved-${String(i)}`}
            >
              {chartName(c, i)}
            </button>
          ))}
          <button type="button" aria-pressed={editing === null} onClick={() => show(null)} data-testid="chart-new">
            {t('chart.new')}
          </button>
        </div>
      ) : null}
      {columns.length === 0 ? (
        <p className="muted">{t('chart.noColumns')}</p>
      ) : (
        <ChartEditor draft={draft} columns={columns} onChange={setDraft} />
      )}
      <div className="chart-actions">
        <button
          type="button"
          disabled={chart === undefined || full}
          onClick={save}
          title={full ? t('chart.full', { max: MAX_CHARTS_PER_NODE }) : undefined}
          data-testid="chart-save"
        >
          {editing === null ? t('chart.save') : t('chart.update')}
        </button>
        {editing !== null ? (
          <button type="button" onClick={remove} data-testid="chart-delete">
            {t('chart.delete')}
          </button>
        ) : null}
        <ChartStatus state={state} draft={draft} nodeId={nodeId} />
      </div>
      {option !== null && drawn !== null ? (
        <EChart
          option={option}
          label={drawn.chart.title ?? t('chart.drawn', { x: drawn.chart.x })}
          onPick={(index) => {
            const pick = chartPick(chartSpecOf(drawn.chart), drawn.result, index, columnType(drawn.chart.x));
            if (pick !== null) onPick(pick);
          }}
        />
      ) : null}
    </div>
  );
}

function ChartStatus({ state, draft, nodeId }: { state: State; draft: ChartDraft; nodeId: string }) {
  const t = useT();
  const locale = useLocale();
  if (state.status === 'idle')
    return (
      <span className="muted" data-testid="chart-empty">
        {draft.x !== undefined ? t('chart.needsY') : t('chart.empty')}
      </span>
    );
  if (state.status === 'loading') return <span className="muted">{t('chart.loading')}</span>;
  if (state.status === 'failed')
    return <FailureText error={state.error} nodeId={nodeId} testId="chart-error" className="error-text" inline />;
  const r = state.result;
  const points = formatNumber(r.points.length, locale);
  const clickable = state.chart.type !== 'scatter' && state.chart.type !== 'heatmap';
  return (
    <span className="muted" data-testid="chart-info">
      {t('chart.info', { points, elapsed: formatElapsed(r.elapsedMs) })}
      {r.capped ? <strong data-testid="chart-capped"> {t('chart.capped', { points })}</strong> : null}
      {r.sampled ? <strong data-testid="chart-sampled"> {t('chart.sampled', { points })}</strong> : null}
      {clickable ? ` ${t('chart.clickHint')}` : ''}
    </span>
  );
}

/** Axis names in the user's language: the x column, and what y measures. */
function axisLabels(c: SavedChart, t: Translate): { x: string; y: string; empty: string } {
  const empty = t('chart.emptyValue');
  if (c.type === 'histogram') return { x: c.x, y: t('chart.rows'), empty };
  if (c.type === 'scatter' || c.type === 'boxplot' || c.type === 'heatmap') return { x: c.x, y: c.y ?? '', empty };
  const aggregate = c.aggregate ?? 'count';
  if (aggregate === 'count' || c.y === undefined) return { x: c.x, y: t('chart.agg.count'), empty };
  return { x: c.x, y: t('chart.aggregateOf', { aggregate: t(`chart.agg.${aggregate}`), column: c.y }), empty };
}
