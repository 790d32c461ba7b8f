import { describe, expect, it } from 'vitest';
import { fitPaddings, MINIMAP_SIZE } from './fit-view';
import { panIntoView, whollyHidden } from './keep-in-view';

const px = (v: string): number => Number(v.replace('px', ''));

describe('Fit keeps nodes clear of the minimap', () => {
  const view = { width: 1000, height: 600 };

  it('puts a wide pipeline above the minimap', () => {
    const p = fitPaddings({ width: 3000, height: 300 }, view);
    expect(px(p.bottom)).toBeGreaterThan(MINIMAP_SIZE.height + 15);
    expect(px(p.right)).toBeLessThan(MINIMAP_SIZE.width);
  });

  it('puts a tall pipeline beside it', () => {
    const p = fitPaddings({ width: 300, height: 3000 }, view);
    expect(px(p.right)).toBeGreaterThan(MINIMAP_SIZE.width + 15);
    expect(px(p.bottom)).toBeLessThan(MINIMAP_SIZE.height);
  });
});

describe('the selected node kept on screen', () => {
  const size = { width: 800, height: 600 };
  const node = { x: 900, y: 100, width: 200, height: 80 };

  it('pans just enough to show a node past the right edge, at the same zoom', () => {
    expect(panIntoView(node, { x: 0, y: 0, zoom: 1 }, size)).toEqual({ x: -340, y: 0, zoom: 1 });
    expect(panIntoView({ ...node, x: -500 }, { x: 0, y: 0, zoom: 0.5 }, size)).toEqual({ x: 290, y: 0, zoom: 0.5 });
  });

  it('leaves a node in view alone', () => {
    expect(panIntoView({ ...node, x: 100 }, { x: 0, y: 0, zoom: 1 }, size)).toBeNull();
  });

  it('tells a node wholly out of view from one partly in it', () => {
    expect(whollyHidden(node, { x: 0, y: 0, zoom: 1 }, size)).toBe(true);
    expect(whollyHidden({ ...node, x: 700 }, { x: 0, y: 0, zoom: 1 }, size)).toBe(false);
  });
});
