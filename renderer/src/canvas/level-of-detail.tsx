import { useStore, type ReactFlowState } from '@xyflow/react';
import { createContext, useContext, type ReactNode } from 'react';

/**
 * Below this zoom nodes draw as a plain box (label and status colour) and
 * wires as a few paths: their text is unreadable there anyway, and with
 * hundreds of nodes on screen the work per drag frame scales with what each
 * node and wire draws. Not higher: examples/orders-report fits a 1440×900
 * window at about 0.42, and there a node still shows its columns and messages.
 */
export const FAR_ZOOM = 0.35;

const FarContext = createContext(false);

const selectFar = (s: ReactFlowState): boolean => s.transform[2] < FAR_ZOOM;

/** True while the canvas is zoomed out past FAR_ZOOM (inside a ReactFlowProvider). */
export function useFarZoom(): boolean {
  return useStore(selectFar);
}

/** One subscription to the zoom for the whole canvas; nodes read it from context. */
export function FarProvider({ far, children }: { far: boolean; children: ReactNode }) {
  return <FarContext.Provider value={far}>{children}</FarContext.Provider>;
}

export function useFar(): boolean {
  return useContext(FarContext);
}
