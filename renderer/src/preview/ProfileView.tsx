import { useEffect, useState } from 'react';
import type { ProfileResultData } from '../../../shared/ipc/results';
import { useApi } from '../api/api-context';
import { formatElapsed } from '../canvas/node-status';
import { pipelineRequest } from '../files/pipeline-request';
import { useT } from '../i18n/i18n';
import { newId } from '../run/run-controller';
import { useAppStore, useStoreApi } from '../store/store-context';

/**
 * A node's data profile: per column the share of empty values, an
 * approximate distinct count, min, max and mean, over the node's whole
 * output (DuckDB's SUMMARIZE: one pass, cancelled when the node or the
 * document changes). Asked for only when shown.
 */

type State = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'done'; profile: ProfileResultData };

export function ProfileView({ nodeId }: { nodeId: string }) {
  const t = useT();
  const api = useApi();
  const store = useStoreApi();
  const checked = useAppStore((s) => s.check.checked);
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    const s = store.getState();
    const requestId = newId('profile');
    let live = true;
    setState({ status: 'loading' });
    void api['pipeline.profile']({
      ...pipelineRequest(s),
      nodeId,
      requestId,
    }).then((r) => {
      if (live) setState(r.ok ? { status: 'done', profile: r.value } : { status: 'failed', message: r.error.message });
    });
    return () => {
      live = false;
      void api['pipeline.cancel']({ requestId });
    };
  }, [api, store, nodeId, checked]);

  if (state.status === 'loading') return <p className="muted panel-empty">{t('profile.loading')}</p>;
  if (state.status === 'failed') return <p className="error-text preview-error" data-testid="profile-error">{state.message}</p>;
  const p = state.profile;
  return (
    <div className="profile" data-testid="profile">
      <p className="muted">
        {t('profile.info', { rows: p.rows, elapsed: formatElapsed(p.elapsedMs) })}
        {p.sample === undefined ? '' : ` ${t('preview.sample', { rows: p.sample.rows, sources: p.sample.sources.join(', ') })}`}
      </p>
      <table>
        <thead>
          <tr>
            <th>{t('profile.column')}</th>
            <th>{t('profile.type')}</th>
            <th>{t('profile.empty')}</th>
            <th>{t('profile.distinct')}</th>
            <th>{t('profile.min')}</th>
            <th>{t('profile.max')}</th>
            <th>{t('profile.mean')}</th>
          </tr>
        </thead>
        <tbody>
          {p.columns.map((c) => (
            <tr key={c.name} data-testid="profile-row">
              <td>{c.name}</td>
              <td className="muted">{c.type}</td>
              <td>
                <span className="profile-bar" style={{ width: `${String(Math.round(c.nullPercent))}%` }} aria-hidden="true" />
                {`${c.nullPercent.toFixed(1)} %`}
              </td>
              <td>{c.distinct}</td>
              <td>{c.min ?? ''}</td>
              <td>{c.max ?? ''}</td>
              <td>{c.avg ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
