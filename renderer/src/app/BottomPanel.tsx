import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useT } from '../i18n/i18n';
import { PreviewPanel } from '../preview/PreviewPanel';
import { RunHistory } from '../run/RunHistory';
import { RunLog } from '../run/RunLog';
import { useActions, useAppStore, useStoreApi } from '../store/store-context';
import { clampPanelHeight, PANEL_STEP_PX } from './panel-height';
import { useFiles } from '../files/files-context';
import { OperationsView } from '../operations/OperationsView';
import { SchedulesPanel } from '../operations/SchedulesPanel';
import type { BottomPanel as Panel } from '../store/app-store';

/**
 * Preview, run log and history under the canvas: resized by dragging its top
 * edge (or with the arrow keys on it), maximised over the canvas and back.
 */
export function BottomPanel() {
  const t = useT();
  const bottom = useAppStore((s) => s.session.bottom);
  const actions = useActions();
  const section = useRef<HTMLElement>(null);
  // null: the stylesheet's share of the window.
  const [height, setHeight] = useState<number | null>(null);
  const [maximised, setMaximised] = useState(false);
  if (bottom === null) return null;

  const room = (): number => section.current?.parentElement?.clientHeight ?? window.innerHeight;
  const current = (): number => section.current?.clientHeight ?? 0;
  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    e.currentTarget.setPointerCapture(e.pointerId);
    setMaximised(false);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (!e.currentTarget.hasPointerCapture(e.pointerId)) return;
    const bottomEdge = section.current?.getBoundingClientRect().bottom ?? window.innerHeight;
    setHeight(clampPanelHeight(bottomEdge - e.clientY, room()));
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    setMaximised(false);
    setHeight(clampPanelHeight(current() + (e.key === 'ArrowUp' ? PANEL_STEP_PX : -PANEL_STEP_PX), room()));
  };
  const style = maximised ? { height: '100%' } : height === null ? undefined : { height };
  return (
    <section
      ref={section}
      className={`bottom-panel${maximised ? ' is-max' : ''}`}
      style={style}
      aria-label={t(`toolbar.${bottom}`)}
      data-testid={`bottom-${bottom}`}
    >
      <div
        className="bottom-resize"
        role="separator"
        aria-orientation="horizontal"
        aria-label={t('bottom.resize')}
        aria-valuenow={current()}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onKeyDown={onKey}
        data-testid="bottom-resize"
      />
      <div className="bottom-tabs">
        <button type="button" aria-pressed={bottom === 'preview'} onClick={() => actions.showBottom('preview')}>
          {t('toolbar.preview')}
        </button>
        <button type="button" aria-pressed={bottom === 'log'} onClick={() => actions.showBottom('log')}>
          {t('toolbar.log')}
        </button>
        <button
          type="button"
          aria-pressed={bottom === 'history'}
          onClick={() => actions.showBottom('history')}
          data-testid="tab-history"
        >
          {t('toolbar.history')}
        </button>
        <button
          type="button"
          aria-pressed={bottom === 'operations'}
          onClick={() => actions.showBottom('operations')}
          data-testid="tab-operations"
        >
          {t('toolbar.operations')}
        </button>
        <button
          type="button"
          aria-pressed={bottom === 'schedules'}
          onClick={() => actions.showBottom('schedules')}
          data-testid="tab-schedules"
        >
          {t('toolbar.schedules')}
        </button>
        <button
          type="button"
          className="bottom-max"
          aria-pressed={maximised}
          aria-label={maximised ? t('bottom.restore') : t('bottom.maximise')}
          title={maximised ? t('bottom.restore') : t('bottom.maximise')}
          onClick={() => setMaximised(!maximised)}
          data-testid="bottom-maximise"
        >
          {maximised ? '▭' : '□'}
        </button>
        <button
          type="button"
          className="bottom-close"
          aria-label={t('common.close')}
          onClick={() => actions.showBottom(null)}
        >
          ×
        </button>
      </div>
      <div className="bottom-body">
        <PanelBody bottom={bottom} />
      </div>
    </section>
  );
}

function PanelBody({ bottom }: { bottom: Panel }) {
  const files = useFiles();
  const store = useStoreApi();
  if (bottom === 'preview') return <PreviewPanel />;
  if (bottom === 'log') return <RunLog />;
  if (bottom === 'history') return <RunHistory />;
  if (bottom === 'schedules') return <SchedulesPanel />;
  // A failed run opens its pipeline (asking first about unsaved changes) at the node that failed.
  const open = async (file: string, nodeId: string | undefined): Promise<boolean> => {
    const opened = store.getState().doc.path === file || (await files.openPath(file));
    if (opened && nodeId !== undefined && store.getState().doc.document.nodes.some((n) => n.id === nodeId))
      store.getState().actions.select([nodeId]);
    return opened;
  };
  return <OperationsView onOpen={open} />;
}
