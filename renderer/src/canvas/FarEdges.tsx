import { useStore, type ReactFlowState } from '@xyflow/react';
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import type { FlowEdge } from '../store/flow-selectors';
import type { FarDrag } from './far-drag';
import { farEdgeCache, farEdgePaths, samePaths } from './far-edges-path';

const selectDomNode = (s: ReactFlowState): HTMLDivElement | null => s.domNode;

/**
 * The wires of a zoomed-out canvas (level-of-detail.tsx) as three paths
 * instead of one React Flow edge each: with hundreds of wires on screen, React
 * Flow's per-edge subscription, <svg> and layer cost more per drag frame than
 * all the nodes. Wires are not clickable out here; zooming in past FAR_ZOOM
 * gives them back.
 */
export function FarEdges({ edges, drag }: { edges: readonly FlowEdge[]; drag: FarDrag }) {
  const [cache] = useState(farEdgeCache);
  // A drag frame changes no store of React Flow's (far-drag.ts): it is a dependency of its own.
  const frame = useSyncExternalStore(drag.subscribe, drag.snapshot);
  const paths = useStore(
    useCallback(
      (s: ReactFlowState) => farEdgePaths(edges, drag.overlay(s.nodeLookup), cache),
      // `frame` is not read: it re-makes the selector on each drag frame.
      [edges, cache, drag, frame],
    ),
    samePaths,
  );
  // React Flow's <ViewportPortal> looks its target up on every store update; once is enough.
  const domNode = useStore(selectDomNode);
  const target = useMemo(() => domNode?.querySelector('.react-flow__viewport-portal') ?? null, [domNode]);
  if (target === null) return null;
  return createPortal(
    <svg className="far-edges" aria-hidden="true" data-testid="far-edges">
      <path d={paths.still} />
      <path d={paths.moving} />
      <path className="is-selected" d={paths.selected} />
    </svg>,
    target,
  );
}
