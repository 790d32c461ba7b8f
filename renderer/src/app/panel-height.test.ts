import { describe, expect, it } from 'vitest';
import { CANVAS_MIN_PX, clampPanelHeight, PANEL_MIN_PX } from './panel-height';

describe('the bottom panel height', () => {
  it('stays between its minimum and the room left above the canvas', () => {
    expect(clampPanelHeight(10, 800)).toBe(PANEL_MIN_PX);
    expect(clampPanelHeight(300.4, 800)).toBe(300);
    expect(clampPanelHeight(2000, 800)).toBe(800 - CANVAS_MIN_PX);
  });
});
