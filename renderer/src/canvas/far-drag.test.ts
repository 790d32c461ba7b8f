import { describe, expect, it } from 'vitest';
import { FarDrag } from './far-drag';
import { farEdgeCache, farEdgePaths } from './far-edges-path';
import { node, wire } from './far-nodes.test-support';
import { minimapCache, minimapModel } from './minimap-model';

/** A stand-in for a node's element: only its style is written. */
function fakeElement(): HTMLElement & { style: { transform: string } } {
  return { style: { transform: '' } } as unknown as HTMLElement & { style: { transform: string } };
}

describe('a zoomed-out drag kept out of React Flow', () => {
  it("moves the node's element, and the wires and minimap read the drag's positions until it ends", () => {
    const lookup = new Map([
      ['a', node('a', 0, 0)],
      ['b', node('b', 200, 0)],
      ['c', node('c', 400, 0)],
    ]);
    const drag = new FarDrag();
    expect(drag.overlay(lookup)).toBe(lookup);
    let heard = 0;
    const unsubscribe = drag.subscribe(() => (heard += 1));
    const el = fakeElement();
    const before = drag.snapshot();

    drag.move(new Map([['b', { x: 210, y: 100 }]]), (id) => (id === 'b' ? el : null));
    expect(el.style.transform).toBe('translate(210px,100px)');
    expect(heard).toBe(1);
    expect(drag.snapshot()).not.toBe(before);
    expect(drag.overlay(lookup)).not.toBe(lookup);

    const live = drag.overlay(lookup);
    expect(live.get('b')?.internals.positionAbsolute).toEqual({ x: 210, y: 100 });
    expect(live.get('b')?.dragging).toBe(true);
    expect(live.get('a')).toBe(lookup.get('a'));
    expect([...live.keys()]).toEqual(['a', 'b', 'c']);
    expect([...live.values()].map((n) => n.internals.positionAbsolute.x)).toEqual([0, 210, 400]);
    // The store itself is untouched: React Flow gets the position when the drag ends.
    expect(lookup.get('b')?.internals.positionAbsolute).toEqual({ x: 200, y: 0 });

    // The wires of b move with it, the others stay; a.out (105, 20) → b.in (205, 120).
    const paths = farEdgePaths([wire('a', 'b'), wire('b', 'c')], live, farEdgeCache());
    expect(paths.still).toBe('');
    expect(paths.moving).toContain('205,120');
    // The minimap draws b where the drag has it.
    const model = minimapModel(live, () => 'cat-source', minimapCache());
    expect(JSON.stringify(model)).toContain('M210,100h100v40h-100z');

    drag.end();
    expect(heard).toBe(2);
    expect(drag.overlay(lookup)).toBe(lookup);
    drag.end();
    expect(heard).toBe(2);
    unsubscribe();
    drag.move(new Map([['a', { x: 1, y: 1 }]]), () => null);
    expect(heard).toBe(2);
  });
});
