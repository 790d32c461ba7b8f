import { describe, expect, it } from 'vitest';
import { laneY, roundedPath, wireRoute, type Box } from './wire-route';
import type { Position } from '../../../shared/format/document';

/** Two nodes 200 wide, `source` at x 400 and `target` at x 0 (its input left of the source's output): a wire that goes back. */
const node = (x: number, top: number, height = 80) => ({ left: x, right: x + 200, top, bottom: top + height });
const inside = (p: Position, n: ReturnType<typeof node>) =>
  p.x > n.left + 1 && p.x < n.right - 1 && p.y > n.top + 1 && p.y < n.bottom - 1;

function crossesANode(corners: readonly Position[], nodes: ReadonlyArray<ReturnType<typeof node>>): boolean {
  for (let i = 1; i < corners.length; i++) {
    const a = corners[i - 1];
    const b = corners[i];
    if (a === undefined || b === undefined) continue;
    for (let k = 0; k <= 50; k++) {
      const p = { x: a.x + ((b.x - a.x) * k) / 50, y: a.y + ((b.y - a.y) * k) / 50 };
      if (nodes.some((n) => inside(p, n))) return true;
    }
  }
  return false;
}

describe('wire routes', () => {
  it('a forward wire is a bezier with no corners', () => {
    const r = wireRoute(
      { x: 200, y: 40 },
      { x: 400, y: 40 },
      { source: { top: 0, bottom: 80 }, target: { top: 0, bottom: 80 } },
    );
    expect(r.corners).toBeNull();
    expect(r.d).toMatch(/^M200,40 C/);
  });

  it('a backward wire between nodes on one row runs below both, never through them', () => {
    const source = node(400, 0);
    const target = node(0, 10, 120);
    const r = wireRoute({ x: source.right, y: 40 }, { x: target.left, y: 50 }, { source, target });
    expect(r.corners).not.toBeNull();
    expect(crossesANode(r.corners ?? [], [source, target])).toBe(false);
    expect(r.label.y).toBe(130 + 28);
  });

  it('a backward wire to a node well below runs through the gap between them', () => {
    const source: Box = { top: 0, bottom: 80 };
    const target: Box = { top: 300, bottom: 380 };
    expect(laneY(source, target)).toBe(190);
    expect(laneY(target, source)).toBe(190);
    const r = wireRoute({ x: 600, y: 40 }, { x: 0, y: 340 }, { source, target });
    expect(crossesANode(r.corners ?? [], [node(400, 0), node(0, 300)])).toBe(false);
  });

  it('rounds corners without overshooting short segments', () => {
    expect(
      roundedPath([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 4 },
      ]),
    ).toBe('M 0,0 L 8,0 Q 10,0 10,2 L 10,4');
  });
});
