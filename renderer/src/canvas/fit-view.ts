import { useReactFlow, useStoreApi as useFlowStoreApi } from '@xyflow/react';
import { useCallback } from 'react';

/** The minimap's size on screen (bottom right of the canvas). */
export const MINIMAP_SIZE = { width: 168, height: 112 };

/** React Flow's panels sit this far from the canvas edges. */
const PANEL_MARGIN = 15;
/** The zoom buttons, bottom left: one column of four. */
const CONTROLS_SIZE = { width: 28, height: 112 };
/** Room kept between the nodes and a canvas edge or a panel. */
const GAP = 32;

export interface Size {
  width: number;
  height: number;
}

export interface Paddings {
  top: `${number}px`;
  right: `${number}px`;
  bottom: `${number}px`;
  left: `${number}px`;
}

/**
 * Padding for a Fit that keeps every node clear of the minimap and the zoom
 * buttons: either the nodes stay above both (a wide pipeline) or between
 * them (a tall one), whichever shows them bigger.
 */
export function fitPaddings(bounds: Size, view: Size): Paddings {
  const px = (n: number): `${number}px` => `${Math.round(n)}px`;
  const above = {
    top: GAP,
    right: GAP,
    bottom: PANEL_MARGIN + Math.max(MINIMAP_SIZE.height, CONTROLS_SIZE.height) + GAP,
    left: GAP,
  };
  const between = {
    top: GAP,
    right: PANEL_MARGIN + MINIMAP_SIZE.width + GAP,
    bottom: GAP,
    left: PANEL_MARGIN + CONTROLS_SIZE.width + GAP,
  };
  const zoom = (p: typeof above): number =>
    Math.min(
      (view.width - p.left - p.right) / Math.max(bounds.width, 1),
      (view.height - p.top - p.bottom) / Math.max(bounds.height, 1),
    );
  const best = zoom(between) > zoom(above) ? between : above;
  return { top: px(best.top), right: px(best.right), bottom: px(best.bottom), left: px(best.left) };
}

/** Fits the whole pipeline in view, clear of the minimap and zoom buttons. */
export function useFitView(): () => void {
  const { fitView, getNodes, getNodesBounds } = useReactFlow();
  const flowStore = useFlowStoreApi();
  return useCallback(() => {
    const { width, height } = flowStore.getState();
    const bounds = getNodesBounds(getNodes());
    void fitView({ padding: fitPaddings(bounds, { width, height }), maxZoom: 1.25 });
  }, [fitView, getNodes, getNodesBounds, flowStore]);
}
