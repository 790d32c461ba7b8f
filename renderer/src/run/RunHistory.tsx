import { useEffect, useState } from 'react';
import type { RunRecordData } from '../../../shared/ipc/results';
import { useApi } from '../api/api-context';
import { formatElapsed } from '../canvas/node-status';
import { useT, type Translate } from '../i18n/i18n';
import { useActions, useAppStore } from '../store/store-context';

/**
 * The saved pipeline's runs, from the app and the CLI, newest first: when,
 * outcome, time, what was written or why it failed; a run opens to its
 * nodes and problems. Reloaded after every run of this window.
 */

type Listing =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; runs: RunRecordData[] };

export function RunHistory() {
  const t = useT();
  const api = useApi();
  const path = useAppStore((s) => s.doc.path);
  const historyKey = useAppStore((s) => s.doc.historyKey);
  const running = useAppStore((s) => s.run.active);
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    if (running) return;
    let live = true;
    void api['pipeline.history'](path === null ? { historyKey } : { file: path, historyKey }).then((r) => {
      if (live)
        setListing(r.ok ? { status: 'ready', runs: r.value.runs } : { status: 'failed', message: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [api, path, historyKey, running]);

  if (listing.status === 'loading') return <p className="muted panel-empty">{t('history.loading')}</p>;
  if (listing.status === 'failed') return <p className="error-text panel-empty">{listing.message}</p>;
  if (listing.runs.length === 0)
    return <p className="muted panel-empty">{t(path === null ? 'history.unsaved' : 'history.empty')}</p>;
  return (
    <>
      {path === null ? (
        <p className="muted panel-note" data-testid="history-unsaved-note">
          {t('history.unsavedKept')}
        </p>
      ) : null}
      <ol className="run-history" data-testid="run-history">
        {listing.runs.map((r) => (
          <li key={r.id} className={`history-${r.outcome}`} data-testid="run-history-entry" data-outcome={r.outcome}>
            <button
              type="button"
              className="history-head"
              aria-expanded={open === r.id}
              onClick={() => setOpen(open === r.id ? null : r.id)}
            >
              <span className="history-when">{new Date(r.startedAt).toLocaleString()}</span>
              <span className="history-outcome">{t(`history.outcome.${r.outcome}`)}</span>
              <span className="history-time">{formatElapsed(r.elapsedMs)}</span>
              <span className="muted">{t(`history.from.${r.from}`)}</span>
              <span className="history-what">{summary(r, t)}</span>
            </button>
            {open === r.id ? <RunDetails run={r} /> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

function summary(r: RunRecordData, t: Translate): string {
  if (r.outcome !== 'succeeded')
    return r.diagnostics.find((d) => d.severity === 'error')?.message ?? t(`history.outcome.${r.outcome}`);
  const written = r.outputs.filter((o) => o.cached !== true);
  if (written.length === 0) return r.outputs.length > 0 ? t('history.upToDate') : t('history.nothingWritten');
  return t('history.wrote', { outputs: written.map((o) => `${o.nodeId} (${String(o.rows)})`).join(', ') });
}

function RunDetails({ run }: { run: RunRecordData }) {
  const t = useT();
  const actions = useActions();
  return (
    <div className="history-details" data-testid="run-history-details">
      {run.checks === undefined ? null : (
        <p>{t('history.checks', { passed: run.checks.passed, total: run.checks.passed + run.checks.failed })}</p>
      )}
      <table>
        <thead>
          <tr>
            <th>{t('history.node')}</th>
            <th>{t('history.status')}</th>
            <th>{t('history.rows')}</th>
            <th>{t('history.time')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(run.nodes).map(([id, n]) => (
            <tr key={id}>
              <td>
                <button type="button" className="log-link" onClick={() => actions.select([id])}>
                  {id}
                </button>
              </td>
              <td>{n.status}</td>
              <td>{n.rows ?? ''}</td>
              <td>{formatElapsed(n.elapsedMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.diagnostics.length === 0 ? null : (
        <ul>
          {run.diagnostics.map((d, i) => (
            <li key={`${String(i)}:${d.message}`} className={`log-${d.severity}`}>
              {d.nodeId === undefined ? '' : `[${d.nodeId}] `}
              {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
