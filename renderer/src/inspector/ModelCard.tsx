import { useEffect, useMemo, useState } from 'react';
import { mlTrain } from '../../../shared/catalog/nodes/ml-train';
import { localizeParamMeta } from '../../../shared/catalog/i18n/catalog-text';
import { paramMeta } from '../../../shared/catalog/params';
import type { PipelineNode } from '../../../shared/format/document';
import type { ModelCardData } from '../../../shared/ipc/results';
import { useApi } from '../api/api-context';
import { pipelineRequest } from '../files/pipeline-request';
import { useLocale, useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';
import { EChart } from '../preview/EChart';
import { useResolvedTheme } from '../preview/use-resolved-theme';
import { useAppStore, useStoreApi } from '../store/store-context';
import { curveOption, importanceOption } from './model-card-charts';

type Ready = Extract<ModelCardData, { state: 'ready' }>;

const METRIC_LABELS: Readonly<Record<string, MessageKey>> = {
  rmse: 'modelCard.metric.rmse',
  mae: 'modelCard.metric.mae',
  r2: 'modelCard.metric.r2',
  accuracy: 'modelCard.metric.accuracy',
  precision: 'modelCard.metric.precision',
  recall: 'modelCard.metric.recall',
  f1: 'modelCard.metric.f1',
  roc_auc: 'modelCard.metric.roc_auc',
  log_loss: 'modelCard.metric.log_loss',
  inertia: 'modelCard.metric.inertia',
  silhouette: 'modelCard.metric.silhouette',
};

const ignorePick = (): void => undefined;

/** The algorithm as the Algorithm param names it, in the user's language (e.g. "Logistic regression"). */
function algorithmLabel(algorithm: string, locale: 'en' | 'pt-BR'): string {
  const schema = mlTrain.params['algorithm'];
  const english = schema === undefined ? undefined : paramMeta(schema);
  const meta = english === undefined ? undefined : localizeParamMeta('ml.train', 'algorithm', english, locale);
  return meta?.kind === 'enum' ? (meta.options.find((o) => o.value === algorithm)?.label ?? algorithm) : algorithm;
}

/**
 * The model card of an ml.train or ml.score node (`pipeline.modelCard`):
 * the model file's test metrics, confusion matrix, feature importance and
 * curve, or why there is none yet. Asked again after each check and when a
 * run ends, so a run that trains the model shows it at once.
 */
export function ModelCard({ node }: { node: PipelineNode }) {
  const t = useT();
  const api = useApi();
  const store = useStoreApi();
  const checked = useAppStore((s) => s.check.checked);
  const running = useAppStore((s) => s.run.active);
  const [card, setCard] = useState<ModelCardData | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (running) return;
    let live = true;
    void api['pipeline.modelCard']({ ...pipelineRequest(store.getState()), nodeId: node.id }).then((r) => {
      if (!live) return;
      setCard(r.ok ? r.value : undefined);
      setFailure(r.ok ? undefined : r.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, store, node.id, node.params, checked, running]);

  return (
    <section className="model-card" data-testid="model-card" aria-label={t('modelCard.title')}>
      <h3 className="param-label">{t('modelCard.title')}</h3>
      {failure !== undefined ? (
        <p className="error-text">{failure}</p>
      ) : card === undefined ? (
        <p className="muted">{t('modelCard.loading')}</p>
      ) : card.state === 'ready' ? (
        <ReadyCard card={card} />
      ) : card.state === 'none' ? null : (
        <p className="muted" data-testid="model-card-empty">
          {card.state === 'untrained'
            ? t('modelCard.untrained')
            : card.state === 'outside'
              ? t('modelCard.outside')
              : t('modelCard.unreadable', { problem: card.problem })}
        </p>
      )}
    </section>
  );
}

function ReadyCard({ card }: { card: Ready }) {
  const t = useT();
  const locale = useLocale();
  const theme = useResolvedTheme();
  const count = new Intl.NumberFormat(locale);
  const figure = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
  const ctx = useMemo(
    () => ({
      theme,
      locale,
      labels: {
        importance: t('modelCard.importance'),
        fpr: t('modelCard.fpr'),
        tpr: t('modelCard.tpr'),
        actual: t('modelCard.actual'),
        predicted: t('modelCard.predicted'),
      },
    }),
    [theme, locale, t],
  );
  const importance = useMemo(() => importanceOption(card, ctx), [card, ctx]);
  const curve = useMemo(() => curveOption(card, ctx), [card, ctx]);
  const task = t(
    card.task === 'regression'
      ? 'modelCard.task.regression'
      : card.task === 'classification'
        ? 'modelCard.task.classification'
        : 'modelCard.task.clustering',
  );
  return (
    <>
      <p className="model-card-summary" data-testid="model-card-summary">
        {t('modelCard.summary', { task, algorithm: algorithmLabel(card.algorithm, locale) })}
        {card.target === '' ? null : <> · {t('modelCard.target', { column: card.target })}</>}
      </p>
      <p className="muted" data-testid="model-card-rows">
        {t('modelCard.rows', {
          train: count.format(card.training.trainRows),
          test: count.format(card.training.testRows),
        })}
        {card.training.sampled ? ` ${t('modelCard.sampled', { rows: count.format(card.training.inputRows) })}` : ''}
      </p>
      <table className="model-metrics">
        <tbody>
          {card.metrics.map((m) => {
            const key = METRIC_LABELS[m.metric];
            return (
              <tr key={m.metric} data-testid={`model-metric-${m.metric}`}>
                <th scope="row">{key === undefined ? m.metric : t(key)}</th>
                <td>{figure.format(m.value)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {card.confusion === undefined ? null : (
        <>
          <h4 className="param-label">{t('modelCard.confusion')}</h4>
          <table className="model-confusion" data-testid="model-confusion">
            <thead>
              <tr>
                <th scope="col" className="muted">
                  {t('modelCard.actualPredicted')}
                </th>
                {card.confusion.classes.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {card.confusion.classes.map((c, i) => (
                <tr key={c}>
                  <th scope="row">{c}</th>
                  {(card.confusion?.counts[i] ?? []).map((n, j) => (
                    <td key={j} className={i === j ? 'model-confusion-hit' : n > 0 ? 'model-confusion-miss' : ''}>
                      {count.format(n)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {card.importance.length === 0 ? null : (
        <>
          <h4 className="param-label">{t('modelCard.importance')}</h4>
          <div className="model-chart" style={{ height: 40 + 22 * card.importance.length }}>
            <EChart option={importance} onPick={ignorePick} label={t('modelCard.importance')} />
          </div>
        </>
      )}
      {curve === undefined ? null : (
        <>
          <h4 className="param-label">{card.roc !== undefined ? t('modelCard.roc') : t('modelCard.fit')}</h4>
          <div className="model-chart model-chart-square">
            <EChart
              option={curve}
              onPick={ignorePick}
              label={card.roc !== undefined ? t('modelCard.roc') : t('modelCard.fit')}
            />
          </div>
        </>
      )}
    </>
  );
}
