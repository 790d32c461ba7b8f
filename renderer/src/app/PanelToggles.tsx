import { useT } from '../i18n/i18n';
import type { Prefs } from './prefs';

/**
 * Buttons on the canvas's top corners that collapse and re-open the palette
 * (left) and the inspector (right); the choice is kept in the prefs.
 */
export function PanelToggles({ prefs, setPrefs }: { prefs: Prefs; setPrefs: (p: Partial<Prefs>) => void }) {
  const t = useT();
  const palette = prefs.palette ? t('panels.hidePalette') : t('panels.showPalette');
  const inspector = prefs.inspector ? t('panels.hideInspector') : t('panels.showInspector');
  return (
    <>
      <button
        type="button"
        className="panel-toggle panel-toggle-left"
        aria-expanded={prefs.palette}
        aria-label={palette}
        title={palette}
        data-testid="toggle-palette"
        onClick={() => setPrefs({ palette: !prefs.palette })}
      >
        {prefs.palette ? '‹' : '›'}
      </button>
      <button
        type="button"
        className="panel-toggle panel-toggle-right"
        aria-expanded={prefs.inspector}
        aria-label={inspector}
        title={inspector}
        data-testid="toggle-inspector"
        onClick={() => setPrefs({ inspector: !prefs.inspector })}
      >
        {prefs.inspector ? '›' : '‹'}
      </button>
    </>
  );
}
