import { useCallback } from 'react';
import { columnPath } from '../../../shared/lineage/column-lineage';
import { useApi } from '../api/api-context';
import { pipelineRequest } from '../files/pipeline-request';
import { useT } from '../i18n/i18n';
import type { ColumnPathState } from '../store/app-store';
import { useActions, useAppStore, useStoreApi } from '../store/store-context';

/**
 * A column's path on the canvas: asked of the engine (`pipeline.columnLineage`)
 * when the user picks a column (on a node or in the preview's header); the
 * nodes and wires that carry it are highlighted, the others dimmed, until
 * cleared.
 */

export const wireKey = (from: string, to: string): string => `${from}→${to}`;

export function useShowColumnPath(): (node: string, column: string) => void {
  const api = useApi();
  const store = useStoreApi();
  return useCallback(
    (node: string, column: string) => {
      const s = store.getState();
      const current = s.session.columnPath;
      // Picking the shown column again clears it.
      if (current?.node === node && current.column === column) {
        s.actions.setColumnPath(null);
        return;
      }
      s.actions.setColumnPath({ node, column, nodes: [node], wires: [], loading: true });
      void api['pipeline.columnLineage'](pipelineRequest(s)).then((r) => {
        const now = store.getState();
        const asked = now.session.columnPath;
        if (asked?.node !== node || asked.column !== column) return;
        if (!r.ok) {
          now.actions.setColumnPath(null);
          now.actions.toast('lineage.failed', { message: r.error.message }, 'error');
          return;
        }
        const path = columnPath(r.value, node, column);
        now.actions.setColumnPath({
          node,
          column,
          nodes: path.nodes,
          wires: path.wires.map((w) => wireKey(w.from, w.to)),
          loading: false,
        });
      });
    },
    [api, store],
  );
}

/** `on` (carries it), `off` (dimmed) or '' (no path shown): a string, so the selector's answer compares equal. */
export function nodeOnPath(path: ColumnPathState | null, node: string): '' | 'on' | 'off' {
  if (path === null || path.loading) return '';
  return path.nodes.includes(node) ? 'on' : 'off';
}

export function wireOnPath(path: ColumnPathState | null, from: string, to: string): '' | 'on' | 'off' {
  if (path === null || path.loading) return '';
  return path.wires.includes(wireKey(from, to)) ? 'on' : 'off';
}

/** Over the canvas while a path is shown: which column, and a way to clear. */
export function ColumnPathBar() {
  const t = useT();
  const path = useAppStore((s) => s.session.columnPath);
  const { setColumnPath } = useActions();
  if (path === null) return null;
  return (
    <div className="column-path-bar" data-testid="column-path-bar" role="status">
      <span>
        {path.loading
          ? t('lineage.loading', { column: `${path.node}.${path.column}` })
          : t('lineage.pathOf', { column: `${path.node}.${path.column}`, count: String(path.nodes.length) })}
      </span>
      <button type="button" onClick={() => setColumnPath(null)} data-testid="column-path-clear">
        {t('lineage.clear')}
      </button>
    </div>
  );
}
