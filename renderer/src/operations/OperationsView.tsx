import { useEffect, useMemo, useState } from 'react';
import type { RunRecordData } from '../../../shared/ipc/results';
import { basenameOf } from '../../../shared/paths';
import { useApi } from '../api/api-context';
import { useLocale, useT } from '../i18n/i18n';
import { useAppStore } from '../store/store-context';
import { failedNode, firstError, formatCount, formatDuration, formatWhen, rowsWritten } from './run-figures';
import { Sparkline } from './Sparkline';

/**
 * Every pipeline's runs in one list (the histories `duto history --all`
 * reads): status, pipeline, start, who started it (the CLI, the app, a
 * schedule), duration, rows written, checks; filtered
 * by pipeline and status; a duration and rows trend per pipeline; a failed
 * run names its error and opens its pipeline at the failing node.
 */

type Outcome = RunRecordData['outcome'];
const OUTCOMES: readonly Outcome[] = ['succeeded', 'failed', 'cancelled'];
/** How often the list is read again while shown. */
const REFRESH_MS = 10_000;
/** Runs in a trend line, newest last. */
const TREND_RUNS = 20;

type Listing =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; runs: RunRecordData[]; skipped: number };

export interface OperationsProps {
  /** Opens a pipeline file with a node selected (the app's own open path). */
  onOpen(file: string, nodeId: string | undefined): unknown;
}

export function OperationsView({ onOpen }: OperationsProps) {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const running = useAppStore((s) => s.run.active);
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [pipeline, setPipeline] = useState('');
  const [outcome, setOutcome] = useState<Outcome | ''>('');

  useEffect(() => {
    if (running) return;
    let live = true;
    const load = (): void =>
      void api['history.all']({}).then((r) => {
        if (live)
          setListing(
            r.ok
              ? { status: 'ready', runs: r.value.runs, skipped: r.value.skipped }
              : { status: 'failed', message: r.error.message },
          );
      });
    load();
    // Runs made elsewhere (`duto serve`, the CLI, the app's scheduler) show up while the view is open.
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, running]);

  const runs = listing.status === 'ready' ? listing.runs : [];
  const pipelines = useMemo(
    () =>
      [...new Set(runs.flatMap((r) => (r.pipeline === undefined ? [] : [r.pipeline])))].sort((a, b) =>
        basenameOf(a).localeCompare(basenameOf(b), locale),
      ),
    [runs, locale],
  );
  const shown = runs.filter(
    (r) => (pipeline === '' || r.pipeline === pipeline) && (outcome === '' || r.outcome === outcome),
  );

  if (listing.status === 'loading') return <p className="muted panel-empty">{t('history.loading')}</p>;
  if (listing.status === 'failed') return <p className="error-text panel-empty">{listing.message}</p>;
  return (
    <div className="operations" data-testid="operations">
      <div className="operations-filters">
        <label>
          {t('operations.pipeline')}{' '}
          <select
            value={pipeline}
            onChange={(e) => setPipeline(e.target.value)}
            data-testid="operations-filter-pipeline"
          >
            <option value="">{t('operations.allPipelines')}</option>
            {pipelines.map((p) => (
              <option key={p} value={p}>
                {basenameOf(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('operations.status')}{' '}
          <select
            value={outcome}
            onChange={(e) => setOutcome(outcomeOf(e.target.value))}
            data-testid="operations-filter-status"
          >
            <option value="">{t('operations.allStatuses')}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`history.outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
        {listing.skipped > 0 ? (
          <span className="muted">{t('operations.skipped', { count: listing.skipped })}</span>
        ) : null}
      </div>
      {runs.length === 0 ? (
        <p className="muted panel-empty">{t('operations.empty')}</p>
      ) : (
        <>
          <Trends runs={runs} pipelines={pipeline === '' ? pipelines : [pipeline]} />
          <table className="operations-table">
            <caption className="visually-hidden">{t('operations.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('operations.status')}</th>
                <th scope="col">{t('operations.pipeline')}</th>
                <th scope="col">{t('operations.started')}</th>
                <th scope="col">{t('operations.from')}</th>
                <th scope="col">{t('operations.duration')}</th>
                <th scope="col">{t('operations.rows')}</th>
                <th scope="col">{t('operations.checks')}</th>
                <th scope="col">{t('operations.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <Row key={`${r.pipeline ?? ''}:${r.id}`} run={r} onOpen={onOpen} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function outcomeOf(v: string): Outcome | '' {
  return OUTCOMES.find((o) => o === v) ?? '';
}

function Row({ run, onOpen }: { run: RunRecordData; onOpen: OperationsProps['onOpen'] }) {
  const t = useT();
  const locale = useLocale();
  const node = failedNode(run);
  const error = firstError(run);
  const file = run.pipeline;
  return (
    <tr
      className={`history-${run.outcome}`}
      data-testid="operations-row"
      data-outcome={run.outcome}
      data-pipeline={file ?? ''}
    >
      <td className="history-outcome">{t(`history.outcome.${run.outcome}`)}</td>
      <td title={file}>{file === undefined ? t('operations.unknownPipeline') : basenameOf(file)}</td>
      <td className="history-when">{formatWhen(Date.parse(run.startedAt), locale)}</td>
      <td data-testid="operations-from">{t(`history.from.${run.from}`)}</td>
      <td className="num">{formatDuration(run.elapsedMs, locale)}</td>
      <td className="num">{formatCount(rowsWritten(run), locale)}</td>
      <td>
        {run.checks === undefined
          ? '—'
          : t('operations.checksValue', { passed: run.checks.passed, failed: run.checks.failed })}
      </td>
      <td className="operations-problem">
        {run.outcome === 'failed' ? (
          <>
            <span className="error-text" data-testid="operations-error">
              {error ?? t('history.outcome.failed')}
            </span>{' '}
            {file === undefined ? null : (
              <button
                type="button"
                className="link"
                onClick={() => void onOpen(file, node)}
                data-testid="operations-open-failure"
                data-node={node ?? ''}
              >
                {node === undefined ? t('operations.open') : t('operations.openAt', { node })}
              </button>
            )}
          </>
        ) : null}
      </td>
    </tr>
  );
}

function Trends({ runs, pipelines }: { runs: readonly RunRecordData[]; pipelines: readonly string[] }) {
  const t = useT();
  return (
    <ul className="operations-trends" aria-label={t('operations.trends')}>
      {pipelines.map((p) => {
        // Newest first in the list: the trend reads left (older) to right (newer).
        const mine = runs
          .filter((r) => r.pipeline === p && r.outcome === 'succeeded')
          .slice(0, TREND_RUNS)
          .reverse();
        if (mine.length === 0) return null;
        const name = basenameOf(p);
        return (
          <li key={p} data-testid="operations-trend" data-pipeline={p}>
            <span className="operations-trend-name">{name}</span>
            <Sparkline
              values={mine.map((r) => r.elapsedMs)}
              label={t('operations.durationTrend', { pipeline: name, count: mine.length })}
              testId="operations-trend-duration"
            />
            <Sparkline
              values={mine.map(rowsWritten)}
              label={t('operations.rowsTrend', { pipeline: name, count: mine.length })}
              testId="operations-trend-rows"
            />
          </li>
        );
      })}
    </ul>
  );
}
