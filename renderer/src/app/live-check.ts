import { useEffect } from 'react';
import type { DutoApi } from '../../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { pipelineRequest } from '../files/pipeline-request';
import type { AppStore } from '../store/app-store';
import { useStoreApi } from '../store/store-context';

/**
 * Re-checks the pipeline (diagnostics + every node's schema) after each
 * document edit, or a change of connections and secrets, debounced; a response older than the latest request is
 * dropped by its sequence number. Never blocks the canvas: it is all async.
 */
export function startLiveCheck(store: AppStore, api: DutoApi, delayMs = 250): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: string | null = null;
  const run = async (): Promise<void> => {
    const s = store.getState();
    const document = s.doc.document;
    const seq = s.actions.beginCheck();
    // A check the user has edited past is stopped: a slow (or hostile) file never queues up work.
    if (inflight !== null) void api['pipeline.cancel']({ requestId: inflight });
    const requestId = `check-${String(seq)}-${Math.random().toString(36).slice(2, 8)}`;
    inflight = requestId;
    try {
      const r = await api['pipeline.check']({ ...pipelineRequest(s), requestId });
      if (inflight === requestId) inflight = null;
      if (r.ok) {
        // Detect once, then be explicit: what the engine detected is written into the nodes (and the file).
        if (store.getState().actions.applyCheck(seq, document, r.value) && r.value.detected !== undefined)
          store.getState().actions.amendDetected(document, r.value.detected);
      } else store.getState().actions.checkFailed(seq, r.error.message);
    } catch (e) {
      store.getState().actions.checkFailed(seq, e instanceof Error ? e.message : String(e));
    }
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), delayMs);
  };
  const unsubscribe = store.subscribe((s, prev) => {
    const changed =
      s.doc.document !== prev.doc.document ||
      s.doc.path !== prev.doc.path ||
      s.doc.imported !== prev.doc.imported ||
      s.session.appInfo !== prev.session.appInfo;
    // A stored password or secret, or trust given, changes what a node can read, not the document.
    if (changed || s.session.credentials !== prev.session.credentials) schedule();
  });
  const offRestart = api.on('engine.restarted', schedule);
  schedule();
  return () => {
    clearTimeout(timer);
    unsubscribe();
    offRestart();
  };
}

export function useLiveCheck(): void {
  const store = useStoreApi();
  const api = useApi();
  useEffect(() => startLiveCheck(store, api), [store, api]);
}
