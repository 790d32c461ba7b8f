import { useCallback, useEffect } from 'react';
import { useApi } from '../api/api-context';
import { pipelineRequest } from '../files/pipeline-request';
import { newId } from '../run/run-controller';
import { useAppStore, useStoreApi } from '../store/store-context';

export const PREVIEW_LIMIT = 100;

/**
 * Previews the selected node while the preview panel is open: again after
 * each design-time check (the document changed), cancelling the request
 * before. Async all the way: the canvas never waits for it.
 */
export function usePreview(): { loadMore: () => void } {
  const api = useApi();
  const store = useStoreApi();
  const open = useAppStore((s) => s.session.bottom === 'preview');
  const selectedId = useAppStore((s) => (s.session.selection.length === 1 ? s.session.selection[0] : undefined));
  const isNode = useAppStore((s) => selectedId !== undefined && s.doc.document.nodes.some((n) => n.id === selectedId));
  const checked = useAppStore((s) => s.check.checked);
  // A saved password or secret can turn an error into rows without the document changing.
  const credentials = useAppStore((s) => s.session.credentials);
  const port = useAppStore((s) => s.session.previewPort);
  const view = useAppStore((s) => s.session.previewView);

  const request = useCallback(
    (nodeId: string, offset: number): string => {
      const s = store.getState();
      const requestId = newId('preview');
      // The same node again (sorted, filtered, edited): its headers stay, so a filter being typed keeps its focus.
      const same = s.session.preview.nodeId === nodeId;
      s.actions.setPreview(
        offset === 0
          ? {
              nodeId,
              requestId,
              status: 'loading',
              rows: [],
              ...(same ? {} : { columns: [] }),
              error: null,
              more: false,
            }
          : { requestId, status: 'loading' },
      );
      void api['pipeline.preview']({
        ...pipelineRequest(s),
        nodeId,
        limit: PREVIEW_LIMIT,
        offset,
        requestId,
        view: s.session.previewView,
      })
        .then((r) => {
          const now = store.getState();
          if (now.session.preview.requestId !== requestId) return;
          if (r.ok) {
            const rows = offset === 0 ? r.value.rows : [...now.session.preview.rows, ...r.value.rows];
            now.actions.setPreview({
              status: 'done',
              columns: r.value.columns,
              rows,
              more: r.value.more,
              elapsedMs: r.value.elapsedMs,
              error: null,
              sample: r.value.sample ?? null,
              checks: offset === 0 ? (r.value.checks ?? null) : now.session.preview.checks,
              warnings: offset === 0 ? (r.value.warnings ?? []) : now.session.preview.warnings,
              matching: offset === 0 ? (r.value.matching ?? null) : now.session.preview.matching,
            });
          } else
            now.actions.setPreview({
              status: 'error',
              error: r.error.message,
              errorDiagnostics: r.error.diagnostics ?? [],
            });
        })
        .catch((e: unknown) => {
          if (store.getState().session.preview.requestId === requestId)
            store.getState().actions.setPreview({
              status: 'error',
              error: e instanceof Error ? e.message : String(e),
              errorDiagnostics: [],
            });
        });
      return requestId;
    },
    [api, store],
  );

  useEffect(() => {
    if (!open || selectedId === undefined || !isNode) return;
    const requestId = request(port === null ? selectedId : `${selectedId}.${port}`, 0);
    return () => {
      const p = store.getState().session.preview;
      if (p.requestId === requestId && p.status === 'loading') {
        void api['pipeline.cancel']({ requestId });
        store.getState().actions.setPreview({ requestId: null, status: 'idle' });
      }
    };
  }, [open, selectedId, isNode, port, view, checked, credentials, request, api, store]);

  const loadMore = useCallback(() => {
    const p = store.getState().session.preview;
    if (p.nodeId !== null && p.more && p.status === 'done') request(p.nodeId, p.rows.length);
  }, [store, request]);

  return { loadMore };
}
