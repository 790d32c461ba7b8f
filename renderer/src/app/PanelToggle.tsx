import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n';

type Panel = 'palette' | 'inspector';

const LABELS = {
  palette: { hide: 'panels.hidePalette', show: 'panels.showPalette' },
  inspector: { hide: 'panels.hideInspector', show: 'panels.showInspector' },
} as const;

/**
 * The button that collapses a side panel (inside the panel) or re-opens it
 * (on the thin rail left in its place). The palette is on the left, the
 * inspector on the right: the arrows point the way the panel goes.
 */
export function PanelToggle({ panel, open, onToggle }: { panel: Panel; open: boolean; onToggle: () => void }) {
  const t = useT();
  const label = t(open ? LABELS[panel].hide : LABELS[panel].show);
  const towardsLeft = (panel === 'palette') === open;
  return (
    <button
      type="button"
      className="panel-toggle"
      aria-expanded={open}
      aria-label={label}
      title={label}
      data-testid={`toggle-${panel}`}
      onClick={onToggle}
    >
      {towardsLeft ? '‹' : '›'}
    </button>
  );
}

/** What is left of a collapsed side panel: a rail with the button that re-opens it. */
export function CollapsedRail({ side, children }: { side: 'left' | 'right'; children: ReactNode }) {
  return <div className={`panel-rail panel-rail-${side}`}>{children}</div>;
}
