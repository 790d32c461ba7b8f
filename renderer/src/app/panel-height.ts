/** The bottom panel never gets smaller than its tabs and a few rows, nor hides the canvas's edge entirely. */
export const PANEL_MIN_PX = 120;
/** Canvas left visible above a panel dragged to the top (maximising hides it all). */
export const CANVAS_MIN_PX = 60;
/** One arrow key press on the panel's edge. */
export const PANEL_STEP_PX = 40;

export function clampPanelHeight(wanted: number, room: number): number {
  return Math.round(Math.max(PANEL_MIN_PX, Math.min(wanted, room - CANVAS_MIN_PX)));
}
