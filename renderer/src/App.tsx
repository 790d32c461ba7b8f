import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from './api/api-context';
import { useLiveCheck } from './app/live-check';
import { LaunchAddressNotice } from './app/LaunchAddressNotice';
import { CollapsedRail, PanelToggle } from './app/PanelToggle';
import { HelpOverlay, RecoveryDialog, SettingsOverlay, ToastView } from './app/Overlays';
import { usePrefs } from './app/prefs';
import { isEditable, isMod } from './app/shortcuts';
import { useBackup } from './app/use-backup';
import { BottomPanel } from './app/BottomPanel';
import { useMenuCommands } from './app/use-menu-commands';
import { useOpenRequests } from './app/use-open-requests';
import './app/theme.css';
import { Canvas } from './canvas/Canvas';
import { FilesProvider, useFiles } from './files/files-context';
import { I18nProvider } from './i18n/i18n';
import { Inspector } from './inspector/Inspector';
import { Palette } from './palette/Palette';
import { cancelRun, runPipeline } from './run/run-controller';
import { useActions, useAppStore, useStoreApi } from './store/store-context';
import { Toolbar } from './toolbar/Toolbar';
import { RunProgress } from './run/RunProgress';
import { TrustBanner } from './trust/TrustBanner';
import { TrustDialog } from './trust/TrustDialog';

/** App info and recent files, once. True when the browser shell refused this page's key (see LaunchAddressNotice). */
function useStartup(): boolean {
  const api = useApi();
  const actions = useActions();
  const [unauthorized, setUnauthorized] = useState(false);
  useEffect(() => {
    void api['app.info']({}).then((r) => {
      if (r.ok) actions.setAppInfo(r.value);
      else if (r.error.code === 'web.unauthorized') setUnauthorized(true);
    });
    void api['recent.list']({}).then((r) => r.ok && actions.setRecent(r.value.paths));
  }, [api, actions]);
  return unauthorized;
}

/** File and run shortcuts (canvas ones live with the canvas). */
function useAppShortcuts(): void {
  const api = useApi();
  const store = useStoreApi();
  const files = useFiles();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const { session, run } = store.getState();
      if (e.key === 'Escape') {
        if (session.overlay !== null) store.getState().actions.setOverlay(null);
        else if (session.quickAdd !== null) store.getState().actions.openQuickAdd(null);
        return;
      }
      if (!isMod(e)) return;
      const key = e.key.toLowerCase();
      if (key === 's' && e.shiftKey) void files.saveAs();
      else if (key === 's') void files.save();
      else if (key === 'o') void files.open();
      else if (e.key === 'Enter' && !isEditable(e.target)) {
        const sel = session.selection.length === 1 ? session.selection[0] : undefined;
        if (run.active) void cancelRun(api, store);
        else void runPipeline(api, store, e.shiftKey ? sel : undefined);
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api, store, files]);
}

function Workbench({ prefs, setPrefs, theme }: ReturnType<typeof usePrefs> & { theme: 'light' | 'dark' }) {
  const unauthorized = useStartup();
  useLiveCheck();
  useAppShortcuts();
  useMenuCommands(useCallback(() => setPrefs({ theme: theme === 'dark' ? 'light' : 'dark' }), [setPrefs, theme]));
  useOpenRequests();
  const { backups, dismiss } = useBackup();
  const overlay = useAppStore((s) => s.session.overlay);
  const paletteToggle = (
    <PanelToggle panel="palette" open={prefs.palette} onToggle={() => setPrefs({ palette: !prefs.palette })} />
  );
  const inspectorToggle = (
    <PanelToggle panel="inspector" open={prefs.inspector} onToggle={() => setPrefs({ inspector: !prefs.inspector })} />
  );
  return (
    <div className="app">
      <Toolbar />
      <RunProgress />
      <TrustBanner />
      <div className="workbench">
        {prefs.palette ? (
          <Palette toggle={paletteToggle} />
        ) : (
          <CollapsedRail side="left">{paletteToggle}</CollapsedRail>
        )}
        <main className="center">
          <Canvas colorMode={theme} />
          <BottomPanel />
        </main>
        {prefs.inspector ? (
          <Inspector toggle={inspectorToggle} />
        ) : (
          <CollapsedRail side="right">{inspectorToggle}</CollapsedRail>
        )}
      </div>
      {overlay === 'help' ? <HelpOverlay /> : null}
      {overlay === 'settings' ? <SettingsOverlay prefs={prefs} setPrefs={setPrefs} /> : null}
      <RecoveryDialog backups={backups} dismiss={dismiss} />
      <TrustDialog />
      <ToastView />
      {unauthorized ? <LaunchAddressNotice /> : null}
    </div>
  );
}

/** The app inside its providers (the api and store providers wrap it in main.tsx, or a test). */
export function App() {
  const p = usePrefs();
  return (
    <I18nProvider locale={p.prefs.locale}>
      <ReactFlowProvider>
        <FilesProvider>
          <Workbench {...p} theme={p.resolvedTheme} />
        </FilesProvider>
      </ReactFlowProvider>
    </I18nProvider>
  );
}
