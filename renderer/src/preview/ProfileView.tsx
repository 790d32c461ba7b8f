import { useEffect, useState } from 'react';
import type { IpcError } from '../../../shared/ipc/contract';
import type { ColumnDistributionData, ProfileResultData } from '../../../shared/ipc/results';

import { FailureText } from './FailureText';
import { useApi } from '../api/api-context';
import { formatElapsed } from '../canvas/node-status';
import { pipelineRequest } from '../files/pipeline-request';
import { useLocale, useT } from '../i18n/i18n';
import { newId } from '../run/run-controller';
import { useAppStore, useStoreApi } from '../store/store-context';
import {
  binCondition,
  binFilters,
  formatNumber,
  formatStat,
  valueCondition,
  valueFilters,
  type ProfileFilter,
} from './profile-format';

/** What a click on a bar or a value picks: the preview's filters and the equivalent Filter node condition. */
export interface ProfilePick {
  filters: ProfileFilter;
  condition: string;
}

/**
 * A node's data profile: per column the share of empty values, an
 * approximate distinct count, min, max, mean, spread and quartiles, and a
 * small histogram (numbers, dates) or the most frequent values (text), all
 * over the node's whole output (computed by the engine, cancelled when the
 * node or the document changes), formatted in the user's locale. Asked for
 * only when shown. Clicking a bar or a value picks it (`onPick`).
 */

type State =
  { status: 'loading' } | { status: 'failed'; error: IpcError } | { status: 'done'; profile: ProfileResultData };

export function ProfileView({ nodeId, onPick }: { nodeId: string; onPick: (pick: ProfilePick) => void }) {
  const t = useT();
  const locale = useLocale();
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
      if (live) setState(r.ok ? { status: 'done', profile: r.value } : { status: 'failed', error: r.error });
    });
    return () => {
      live = false;
      void api['pipeline.cancel']({ requestId });
    };
  }, [api, store, nodeId, checked]);

  if (state.status === 'loading') return <p className="muted panel-empty">{t('profile.loading')}</p>;
  if (state.status === 'failed') return <FailureText error={state.error} nodeId={nodeId} testId="profile-error" />;
  const p = state.profile;
  return (
    <div className="profile" data-testid="profile">
      <p className="muted">
        {t('profile.info', { rows: p.rows, elapsed: formatElapsed(p.elapsedMs) })}
        {p.sample === undefined
          ? ''
          : ` ${t('preview.sample', { rows: p.sample.rows, sources: p.sample.sources.join(', ') })}`}
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
            <th>{t('profile.std')}</th>
            <th>{t('profile.quartiles')}</th>
            <th>{t('profile.distribution')}</th>
          </tr>
        </thead>
        <tbody>
          {p.columns.map((c) => (
            <tr key={c.name} data-testid="profile-row">
              <td>{c.name}</td>
              <td className="muted">{c.type}</td>
              <td>
                <span
                  className="profile-bar"
                  style={{ width: `${String(Math.round(c.nullPercent))}%` }}
                  aria-hidden="true"
                />
                {`${c.nullPercent.toFixed(1)} %`}
              </td>
              <td>{formatNumber(c.distinct, locale)}</td>
              <td>{formatStat(c.min, c.type, locale)}</td>
              <td>{formatStat(c.max, c.type, locale)}</td>
              <td>{formatStat(c.avg, c.type, locale)}</td>
              <td>{formatStat(c.std, 'DOUBLE', locale)}</td>
              <td>
                {c.q25 === undefined || c.q25 === null
                  ? ''
                  : [c.q25, c.median, c.q75].map((q) => formatStat(q, c.type, locale)).join(' · ')}
              </td>
              <td className="profile-dist">
                {c.distribution === undefined ? null : (
                  <Distribution column={c.name} type={c.type} d={c.distribution} onPick={onPick} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const WIDTH = 180;
const HEIGHT = 36;

/** A small histogram (bars are buttons: a click filters) or a list of the most frequent values with bars for their counts. */
function Distribution({
  column,
  type,
  d,
  onPick,
}: {
  column: string;
  type: string;
  d: ColumnDistributionData;
  onPick: (pick: ProfilePick) => void;
}) {
  const t = useT();
  const locale = useLocale();
  if (d.kind === 'top') {
    const max = Math.max(1, ...d.values.map((v) => v.count));
    return (
      <ul className="profile-top" data-testid="profile-top">
        {d.values.slice(0, 5).map((v) => (
          <li key={v.value}>
            <button
              type="button"
              title={t('profile.pickValue', { value: v.value, count: formatNumber(v.count, locale) })}
              onClick={() =>
                onPick({
                  filters: valueFilters(column, v.value, v.cut === true),
                  condition: valueCondition(column, type, v.value, v.cut === true),
                })
              }
              data-testid="profile-value"
            >
              <span
                className="profile-top-bar"
                style={{ width: `${String(Math.round((v.count / max) * 100))}%` }}
                aria-hidden="true"
              />
              <span className="profile-top-label">{v.value === '' ? t('profile.emptyText') : v.value}</span>
              <span className="profile-top-count">{formatNumber(v.count, locale)}</span>
            </button>
          </li>
        ))}
      </ul>
    );
  }
  const bins = d.bins;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const w = WIDTH / Math.max(1, bins.length);
  return (
    <svg
      className="profile-hist"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${String(WIDTH)} ${String(HEIGHT)}`}
      role="img"
      aria-label={t('profile.histogram', { column })}
      data-testid="profile-histogram"
    >
      {bins.map((b, i) => {
        const closed = d.last === 'closed' && i === bins.length - 1;
        const h = b.count === 0 ? 0 : Math.max(1, (b.count / max) * (HEIGHT - 2));
        const range = `${formatStat(b.lo, d.kind === 'time' ? type : 'DOUBLE', locale)} – ${formatStat(b.hi, d.kind === 'time' ? type : 'DOUBLE', locale)}`;
        return (
          <rect
            key={b.lo}
            className="profile-hist-bar"
            x={i * w}
            y={HEIGHT - h}
            width={Math.max(1, w - 1)}
            height={HEIGHT}
            onClick={() =>
              onPick({
                filters: binFilters(column, b, closed),
                condition: binCondition(column, type, d.kind, b, closed),
              })
            }
            data-testid="profile-bin"
          >
            <title>{t('profile.pickBin', { range, count: formatNumber(b.count, locale) })}</title>
          </rect>
        );
      })}
    </svg>
  );
}
