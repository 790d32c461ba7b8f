import { useMemo } from 'react';
import { useT } from '../i18n/i18n';
import { useAppStore } from '../store/store-context';
import { runShare } from './run-share';

/** While a run is on: how many of its nodes are over, as a thin bar under the toolbar. */
export function RunProgress() {
  const t = useT();
  const active = useAppStore((s) => s.run.active);
  const nodes = useAppStore((s) => s.run.nodes);
  const share = useMemo(() => runShare(nodes), [nodes]);
  if (!active || share.total === 0) return null;
  const label = t('run.progress', { done: share.done, total: share.total });
  return (
    <div
      className="run-progress"
      role="progressbar"
      aria-label={label}
      title={label}
      aria-valuemin={0}
      aria-valuemax={share.total}
      aria-valuenow={share.done}
      data-testid="run-progress"
    >
      <div className="run-progress-bar" style={{ width: `${(100 * share.fraction).toFixed(1)}%` }} />
    </div>
  );
}
