import { useReactFlow } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import type { Position } from '../../../shared/format/document';
import { isEditable, isMod } from '../app/shortcuts';
import { copyItems, parseClipboard } from '../store/doc-ops';
import { quickAddAfter } from './quick-add-after';
import { useStoreApi } from '../store/store-context';
import { autoLayout } from './auto-layout';
import { useFitView } from './fit-view';

/** Canvas keyboard shortcuts and clipboard (copy/cut/paste as JSON text). */
export function useCanvasShortcuts(
  pointer: RefObject<Position | null>,
  wrapper: RefObject<HTMLDivElement | null>,
): void {
  const store = useStoreApi();
  const { screenToFlowPosition, flowToScreenPosition, fitView } = useReactFlow();
  const fitAll = useFitView();

  useEffect(() => {
    const where = (): Position => {
      if (pointer.current !== null) return pointer.current;
      const r = wrapper.current?.getBoundingClientRect();
      return r === undefined ? { x: 300, y: 200 } : { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    };
    const allIds = (): string[] => {
      const d = store.getState().doc.document;
      return [...d.nodes.map((n) => n.id), ...(d.notes ?? []).map((n) => n.id)];
    };
    const onKey = (e: KeyboardEvent): void => {
      if (isEditable(e.target) || e.altKey) return;
      const { actions, session } = store.getState();
      if (session.overlay !== null || session.quickAdd !== null) return;
      const key = e.key.toLowerCase();
      if (isMod(e)) {
        if (key === 'z' && !e.shiftKey) actions.undo();
        else if ((key === 'z' && e.shiftKey) || key === 'y') actions.redo();
        else if (key === 'a') actions.select(allIds());
        else if (key === 'd') actions.duplicate(session.selection);
        else return;
        e.preventDefault();
        return;
      }
      if (e.key === 'Delete' || e.key === 'Backspace') {
        if (session.selection.length === 0 && session.selectedEdges.length === 0) return;
        actions.removeItems(session.selection, session.selectedEdges);
      } else if (e.key === '/') {
        // One node selected: the new node comes after it, wired, to its right.
        const after =
          session.selection.length === 1
            ? quickAddAfter(store.getState().doc.document, session.selection[0] ?? '', session.measured)
            : null;
        if (after !== null)
          actions.openQuickAdd({ screen: flowToScreenPosition(after.flow), flow: after.flow, from: after.from });
        else {
          const screen = where();
          actions.openQuickAdd({ screen, flow: screenToFlowPosition(screen) });
        }
      } else if (e.key === '?') {
        actions.setOverlay('help');
      } else if (key === 'f' || e.key === '.') {
        const sel = session.selection;
        if (sel.length > 0 && e.key === '.') void fitView({ nodes: sel.map((id) => ({ id })), padding: 0.3 });
        else fitAll();
      } else if (key === 'l') {
        actions.moveItems(autoLayout(store.getState().doc.document, session.measured));
        requestAnimationFrame(fitAll);
      } else if (key === 'n') {
        actions.addNote(screenToFlowPosition(where()), '');
      } else if (e.key === 'Escape') {
        actions.select([]);
      } else return;
      e.preventDefault();
    };
    const onCopy = (e: ClipboardEvent, cut: boolean): void => {
      if (isEditable(e.target) || e.clipboardData === null) return;
      const { actions, session, doc } = store.getState();
      if (session.selection.length === 0) return;
      e.clipboardData.setData('text/plain', JSON.stringify(copyItems(doc.document, session.selection), null, 2));
      e.preventDefault();
      if (cut) actions.removeItems(session.selection);
    };
    const onPaste = (e: ClipboardEvent): void => {
      if (isEditable(e.target) || e.clipboardData === null) return;
      const payload = parseClipboard(e.clipboardData.getData('text/plain'));
      if (payload === null) return;
      e.preventDefault();
      const at = pointer.current === null ? undefined : screenToFlowPosition(pointer.current);
      store.getState().actions.paste(payload, at);
    };
    const copy = (e: ClipboardEvent): void => onCopy(e, false);
    const cut = (e: ClipboardEvent): void => onCopy(e, true);
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', onPaste);
    };
  }, [store, pointer, wrapper, screenToFlowPosition, flowToScreenPosition, fitView, fitAll]);
}
