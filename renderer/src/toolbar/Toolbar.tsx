import { useReactFlow } from '@xyflow/react';
import { useApi } from '../api/api-context';
import { autoLayout } from '../canvas/auto-layout';
import { useFitView } from '../canvas/fit-view';
import { ConnectionsButton } from '../connections/ConnectionsButton';
import { useFiles } from '../files/files-context';
import { basenameOf } from '../../../shared/paths';
import { useT } from '../i18n/i18n';
import { cancelRun, runPipeline } from '../run/run-controller';
import { selectDirty } from '../store/app-store';
import { useActions, useAppStore, useStoreApi } from '../store/store-context';
import { FileMenu } from './FileMenu';
import './toolbar.css';

export function Toolbar() {
  const t = useT();
  const api = useApi();
  const store = useStoreApi();
  const files = useFiles();
  const actions = useActions();
  const { screenToFlowPosition } = useReactFlow();
  const fitView = useFitView();
  const dirty = useAppStore(selectDirty);
  const path = useAppStore((s) => s.doc.path);
  const name = useAppStore((s) => s.doc.document.name);
  const canUndo = useAppStore((s) => s.doc.past.length > 0);
  const canRedo = useAppStore((s) => s.doc.future.length > 0);
  const running = useAppStore((s) => s.run.active);
  const selectedNode = useAppStore((s) =>
    s.session.selection.length === 1
      ? s.doc.document.nodes.find((n) => n.id === s.session.selection[0])?.id
      : undefined,
  );
  const empty = useAppStore((s) => s.doc.document.nodes.length === 0);
  const bottom = useAppStore((s) => s.session.bottom);
  const checking = useAppStore((s) => s.check.pending);
  const checkFailure = useAppStore((s) => s.check.failure);
  // Diagnostics and schemas on screen belong to the document as it is now.
  const upToDate = useAppStore((s) => !s.check.pending && s.check.checked === s.doc.document);

  const title = name ?? (path === null ? t('toolbar.untitled') : basenameOf(path));
  return (
    <header className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="tb-group tb-title">
        <span className="brand">Duto</span>
        <span className="doc-title" title={path ?? undefined} data-testid="doc-title">
          {title}
          {dirty ? (
            <span className="dirty-dot" title={t('toolbar.unsaved')} data-testid="dirty-indicator">
              {' '}
              ●
            </span>
          ) : null}
        </span>
      </div>
      <div className="tb-group">
        <FileMenu />
        <button type="button" onClick={() => void files.save()} data-testid="file-save">
          {t('toolbar.save')}
        </button>
      </div>
      <div className="tb-group">
        {/* Icons with their words as label and tooltip: the toolbar stays one row at 1280 px in every language. */}
        <button
          type="button"
          className="tb-icon"
          onClick={actions.undo}
          disabled={!canUndo}
          aria-label={t('toolbar.undo')}
          title={`${t('toolbar.undo')} (Ctrl+Z)`}
          data-testid="undo"
        >
          ↶
        </button>
        <button
          type="button"
          className="tb-icon"
          onClick={actions.redo}
          disabled={!canRedo}
          aria-label={t('toolbar.redo')}
          title={`${t('toolbar.redo')} (Ctrl+Shift+Z)`}
          data-testid="redo"
        >
          ↷
        </button>
        <button
          type="button"
          onClick={() => {
            const r = document.querySelector('.canvas')?.getBoundingClientRect();
            actions.addNote(
              screenToFlowPosition(r === undefined ? { x: 300, y: 200 } : { x: r.left + 60, y: r.top + 60 }),
              '',
            );
          }}
          data-testid="add-note"
        >
          {t('toolbar.note')}
        </button>
        <button
          type="button"
          disabled={empty}
          onClick={() => {
            const s = store.getState();
            actions.moveItems(autoLayout(s.doc.document, s.session.measured));
            requestAnimationFrame(fitView);
          }}
          data-testid="auto-layout"
        >
          {t('toolbar.layout')}
        </button>
        <button type="button" onClick={fitView} data-testid="fit-view">
          {t('toolbar.fit')}
        </button>
      </div>
      <div className="tb-group">
        <button
          type="button"
          className="primary"
          disabled={running || empty}
          title={t('toolbar.runAllHint')}
          onClick={(e) => void runPipeline(api, store, undefined, e.shiftKey)}
          data-testid="run-all"
        >
          {t('toolbar.runAll')}
        </button>
        <button
          type="button"
          disabled={running || selectedNode === undefined}
          onClick={() => void runPipeline(api, store, selectedNode)}
          data-testid="run-to"
        >
          {t('toolbar.runTo')}
        </button>
        <button type="button" disabled={!running} onClick={() => void cancelRun(api, store)} data-testid="run-cancel">
          {t('toolbar.cancel')}
        </button>
        <span
          className={`check-state${checkFailure !== null ? ' is-error' : ''}`}
          data-testid="check-state"
          data-up-to-date={upToDate}
          title={checkFailure ?? undefined}
        >
          {checkFailure !== null ? t('toolbar.checkFailed') : checking ? t('toolbar.checking') : ''}
        </span>
      </div>
      <div className="tb-group tb-right">
        <button
          type="button"
          aria-pressed={bottom === 'preview'}
          onClick={() => actions.showBottom(bottom === 'preview' ? null : 'preview')}
          data-testid="toggle-preview"
        >
          {t('toolbar.preview')}
        </button>
        <button
          type="button"
          aria-pressed={bottom === 'log'}
          onClick={() => actions.showBottom(bottom === 'log' ? null : 'log')}
          data-testid="toggle-log"
        >
          {t('toolbar.log')}
        </button>
        <button
          type="button"
          aria-pressed={bottom === 'operations'}
          onClick={() => actions.showBottom(bottom === 'operations' ? null : 'operations')}
          data-testid="toggle-operations"
        >
          {t('toolbar.operations')}
        </button>
        <ConnectionsButton />
        <button
          type="button"
          className="tb-icon"
          onClick={() => actions.setOverlay('settings')}
          aria-label={t('toolbar.settings')}
          title={t('toolbar.settings')}
          data-testid="open-settings"
        >
          ⚙
        </button>
        <button
          type="button"
          onClick={() => actions.setOverlay('help')}
          aria-label={t('toolbar.help')}
          title={t('toolbar.help')}
          data-testid="open-help"
        >
          ?
        </button>
      </div>
    </header>
  );
}
