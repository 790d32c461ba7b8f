import { applyNodeChanges, useStoreApi as useFlowStoreApi, type NodeChange } from '@xyflow/react';
import { useCallback, useState } from 'react';
import type { Position } from '../../../shared/format/document';
import type { FlowNode } from '../store/flow-selectors';
import { useActions } from '../store/store-context';
import { markDropWire } from './drop-wire-mark';
import type { FarDrag } from './far-drag';
import { wireAt, wireSegments } from './wire-hit';

/**
 * A drag in progress lives in React Flow's own node store, not in the app
 * store: a frame of the drag then updates only React Flow (the moved node and
 * its edges), instead of every app-store subscriber and the whole canvas.
 * The positions are also kept here, to be committed to the document as one
 * undo step when the drag ends.
 */
export type LivePositions = Map<string, Position>;

/**
 * The position changes that belong to a drag: its moves (`dragging: true`)
 * and, for a node it moved, its end (`dragging: false`). A keyboard nudge is
 * neither: it has `dragging: false` for a node no drag moved.
 */
export function dragChanges(
  changes: readonly NodeChange<FlowNode>[],
  live: ReadonlyMap<string, Position>,
): NodeChange<FlowNode>[] {
  return changes.filter(
    (c) => c.type === 'position' && c.position !== undefined && (c.dragging === true || live.has(c.id)),
  );
}

/** True when the changes end the drag (React Flow sends the final positions with `dragging: false`). */
export function endsDrag(moves: readonly NodeChange<FlowNode>[]): boolean {
  return moves.some((c) => c.type === 'position' && c.dragging === false);
}

export function recordMoves(live: LivePositions, moves: readonly NodeChange<FlowNode>[]): void {
  for (const c of moves)
    if (c.type === 'position' && c.position !== undefined) live.set(c.id, { x: c.position.x, y: c.position.y });
}

/**
 * The document's nodes with the dragged ones where the drag has them, for
 * when the document's nodes change mid-drag (the drag selects its node):
 * without this React Flow would be handed the pre-drag position.
 */
export function withLivePositions(nodes: FlowNode[], live: ReadonlyMap<string, Position>): FlowNode[] {
  if (live.size === 0) return nodes;
  return nodes.map((n) => {
    const p = live.get(n.id);
    return p === undefined ? n : { ...n, position: p };
  });
}

/**
 * The canvas side of a drag: `nodes` for React Flow (the document's, with a
 * drag in progress laid over them), `applyDrag` for its node changes (moves
 * the dragged nodes in React Flow's store only), `commitDrag` for its
 * drag-stop events (one `moveItems`, so one undo step).
 */
export function useLiveDrag(docNodes: FlowNode[], zoomedOut: boolean, farDrag: FarDrag) {
  const actions = useActions();
  const flowStore = useFlowStoreApi<FlowNode>();
  const [live] = useState<LivePositions>(() => new Map());

  // One pipeline node dropped with its middle on a wire goes into that wire (A→B becomes A→node→B).
  const wireUnder = useCallback((): { nodeId: string; edgeId: string } | undefined => {
    const [only, ...more] = [...live];
    if (only === undefined || more.length > 0) return undefined;
    const [nodeId, p] = only;
    const rf = flowStore.getState();
    const node = rf.nodeLookup.get(nodeId);
    if (node === undefined || node.type !== 'pipeline') return undefined;
    const middle = { x: p.x + (node.measured.width ?? 0) / 2, y: p.y + (node.measured.height ?? 0) / 2 };
    const edgeId = wireAt(middle, wireSegments(rf.edges, rf.nodeLookup), nodeId);
    return edgeId === null ? undefined : { nodeId, edgeId };
  }, [live, flowStore]);

  const commitDrag = useCallback(() => {
    farDrag.end();
    if (live.size === 0) return;
    const into = wireUnder();
    markDropWire(null);
    const moved = Object.fromEntries(live);
    live.clear();
    actions.moveItems(moved, into);
  }, [actions, live, wireUnder, farDrag]);

  const applyDrag = useCallback(
    (changes: readonly NodeChange<FlowNode>[]) => {
      const moves = dragChanges(changes, live);
      if (moves.length === 0) return;
      recordMoves(live, moves);
      const ends = endsDrag(moves);
      if (zoomedOut && !ends) {
        // Zoomed out, a frame moves the nodes' elements only (far-drag.ts); React Flow's store gets the end.
        farDrag.move(live);
        markDropWire(wireUnder()?.edgeId ?? null);
        return;
      }
      farDrag.end();
      const rf = flowStore.getState();
      rf.setNodes(applyNodeChanges(moves, rf.nodes));
      // React Flow sends a drag's final positions before its drag-stop event, or alone when a multi-touch aborts it.
      if (ends) commitDrag();
      else markDropWire(wireUnder()?.edgeId ?? null);
    },
    [live, flowStore, commitDrag, wireUnder, zoomedOut, farDrag],
  );

  return { nodes: withLivePositions(docNodes, live), applyDrag, commitDrag };
}
