import type { MessageKey } from '../i18n/messages.en';
import type { AppInfo, BottomPanel, GetState, PreviewState, QuickAddState, SessionState, SetState } from './app-store';

export interface SessionActions {
  select(ids: readonly string[], edgeIds?: readonly string[]): void;
  setMeasured(sizes: Readonly<Record<string, { width: number; height: number }>>): void;
  showBottom(panel: BottomPanel | null): void;
  setOverlay(overlay: SessionState['overlay']): void;
  openQuickAdd(q: QuickAddState | null): void;
  setPreview(p: Partial<PreviewState>): void;
  toast(key: MessageKey, vars?: Record<string, string>, kind?: 'info' | 'error'): void;
  dismissToast(): void;
  setAppInfo(info: AppInfo): void;
  setRecent(paths: string[]): void;
  credentialsChanged(): void;
  /** Opens (or, with null, closes) the trust dialog for a run asked for while the pipeline is restricted. */
  askTrust(prompt: SessionState['trustPrompt']): void;
  /** Shows another output of the selected node in the preview (null: its main one). */
  setPreviewPort(port: string | null): void;
  /** Sorts and filters the preview (its headers); the engine applies it to every row. */
  setPreviewView(view: SessionState['previewView']): void;
  /** The note just added has the focus. */
  noteEditing(): void;
  /** Highlights a column's path on the canvas (null: clears it). */
  setColumnPath(path: SessionState['columnPath']): void;
}

export function sessionActions(set: SetState, get: GetState): SessionActions {
  const patch = (p: Partial<SessionState>): void => set((s) => ({ session: { ...s.session, ...p } }));
  return {
    select(ids, edgeIds = []) {
      const s = get().session;
      const nodesSame = sameList(s.selection, ids);
      const edgesSame = sameList(s.selectedEdges, edgeIds);
      if (nodesSame && edgesSame) return;
      // An unchanged list keeps its array: the flow selectors then keep every edge (or node) object.
      // Another node: its preview starts on its main output.
      patch({
        selection: nodesSame ? s.selection : [...ids],
        selectedEdges: edgesSame ? s.selectedEdges : [...edgeIds],
        ...(nodesSame ? {} : { previewPort: null, previewView: {} }),
      });
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
    credentialsChanged() {
      patch({ credentials: get().session.credentials + 1 });
    },
    askTrust(trustPrompt) {
      patch({ trustPrompt });
    },
    setPreviewPort(previewPort) {
      // Another output has other columns: its preview starts unsorted.
      patch({ previewPort, previewView: {} });
    },
    setPreviewView(previewView) {
      patch({ previewView });
    },
    noteEditing() {
      patch({ noteToEdit: null });
    },
    setColumnPath(columnPath) {
      patch({ columnPath });
    },
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
