import {
  useStore as useFlowStore,
  useStoreApi as useFlowStoreApi,
  useReactFlow,
  type ReactFlowState,
} from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { useAppStore } from '../store/store-context';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room kept between a node brought into view and the canvas edge. */
const MARGIN = 40;

/** True when no part of `node` is on screen. */
export function whollyHidden(node: Rect, view: Viewport, size: { width: number; height: number }): boolean {
  const left = node.x * view.zoom + view.x;
  const top = node.y * view.zoom + view.y;
  return (
    left >= size.width || top >= size.height || left + node.width * view.zoom <= 0 || top + node.height * view.zoom <= 0
  );
}

/** The shift (screen px) that brings [start, end) inside [0, size), left/top edge first when it cannot fit. */
function shift(start: number, end: number, size: number): number {
  if (end - start > size - 2 * MARGIN) return MARGIN - start;
  if (start < MARGIN) return MARGIN - start;
  if (end > size - MARGIN) return size - MARGIN - end;
  return 0;
}

/**
 * The viewport that shows `node` (flow coordinates) whole, panned as little
 * as it takes at the same zoom; null when it is in view already.
 */
export function panIntoView(node: Rect, view: Viewport, size: { width: number; height: number }): Viewport | null {
  const left = node.x * view.zoom + view.x;
  const top = node.y * view.zoom + view.y;
  const dx = shift(left, left + node.width * view.zoom, size.width);
  const dy = shift(top, top + node.height * view.zoom, size.height);
  return dx === 0 && dy === 0 ? null : { x: view.x + dx, y: view.y + dy, zoom: view.zoom };
}

const selectSize = (s: ReactFlowState): string => `${s.width}x${s.height}`;

/**
 * Keeps the one selected node on screen when the canvas changes size (the
 * inspector or the bottom panel opens), and brings a node selected while
 * wholly out of view (picked from the run log, quick-added past the edge)
 * into it: the view pans just enough. A node clicked half in view is left
 * alone: the click may start a drag, which a pan would throw off.
 */
export function useKeepSelectionInView(): void {
  const selected = useAppStore((s) => (s.session.selection.length === 1 ? s.session.selection[0] : undefined));
  const size = useFlowStore(selectSize);
  // A node just added is measured a frame or two after it is selected: look again then.
  const measured = useFlowStore(
    useCallback(
      (s: ReactFlowState) => selected !== undefined && (s.nodeLookup.get(selected)?.measured.width ?? 0) > 0,
      [selected],
    ),
  );
  const flowStore = useFlowStoreApi();
  const { setViewport } = useReactFlow();
  const lastSize = useRef(size);
  useEffect(() => {
    const resized = lastSize.current !== size;
    lastSize.current = size;
    if (selected === undefined) return;
    const rf = flowStore.getState();
    const node = rf.nodeLookup.get(selected);
    if (!measured || node === undefined || rf.width === 0 || rf.height === 0) return;
    const [x, y, zoom] = rf.transform;
    const rect = {
      x: node.internals.positionAbsolute.x,
      y: node.internals.positionAbsolute.y,
      width: node.measured.width ?? 0,
      height: node.measured.height ?? 0,
    };
    const view = { x, y, zoom };
    const canvas = { width: rf.width, height: rf.height };
    if (!resized && !whollyHidden(rect, view, canvas)) return;
    const next = panIntoView(rect, view, canvas);
    if (next !== null) void setViewport(next, { duration: 150 });
  }, [selected, measured, size, flowStore, setViewport]);
}
