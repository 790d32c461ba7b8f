import type { Position } from '../../../shared/format/document';
import type { MessageKey } from '../i18n/messages.en';
import type { AppInfo, BottomPanel, GetState, PreviewState, QuickAddState, SessionState, SetState } from './app-store';

export interface SessionActions {
  select(ids: readonly string[], edgeIds?: readonly string[]): void;
  setDragPositions(moves: Readonly<Record<string, Position>>): void;
  clearDrag(): void;
  setMeasured(sizes: Readonly<Record<string, { width: number; height: number }>>): void;
  showBottom(panel: BottomPanel | null): void;
  setOverlay(overlay: SessionState['overlay']): void;
  openQuickAdd(q: QuickAddState | null): void;
  setPreview(p: Partial<PreviewState>): void;
  toast(key: MessageKey, vars?: Record<string, string>, kind?: 'info' | 'error'): void;
  dismissToast(): void;
  setAppInfo(info: AppInfo): void;
  setRecent(paths: string[]): void;
}

export function sessionActions(set: SetState, get: GetState): SessionActions {
  const patch = (p: Partial<SessionState>): void => set((s) => ({ session: { ...s.session, ...p } }));
  return {
    select(ids, edgeIds = []) {
      const s = get().session;
      if (sameList(s.selection, ids) && sameList(s.selectedEdges, edgeIds)) return;
      patch({ selection: [...ids], selectedEdges: [...edgeIds] });
    },
    setDragPositions(moves) {
      patch({ dragPositions: { ...get().session.dragPositions, ...moves } });
    },
    clearDrag() {
      if (Object.keys(get().session.dragPositions).length > 0) patch({ dragPositions: {} });
    },
    setMeasured(sizes) {
      patch({ measured: { ...get().session.measured, ...sizes } });
    },
    showBottom(bottom) {
      patch({ bottom });
    },
    setOverlay(overlay) {
      patch({ overlay });
    },
    openQuickAdd(quickAdd) {
      patch({ quickAdd });
    },
    setPreview(p) {
      patch({ preview: { ...get().session.preview, ...p } });
    },
    toast(key, vars, kind = 'info') {
      patch({ toast: vars === undefined ? { key, kind, at: Date.now() } : { key, vars, kind, at: Date.now() } });
    },
    dismissToast() {
      patch({ toast: null });
    },
    setAppInfo(appInfo) {
      patch({ appInfo });
    },
    setRecent(recent) {
      patch({ recent });
    },
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
