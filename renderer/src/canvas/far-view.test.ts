import type { InternalNode } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { farEdgeCache, farEdgePaths } from './far-edges-path';
import { node, wire } from './far-nodes.test-support';
import { minimapCache, minimapModel } from './minimap-model';

describe('zoomed-out wires', () => {
  it('draws every wire from handle to handle, and keeps the still ones while a node is dragged', () => {
    const edges = [wire('a', 'b'), wire('b', 'c'), wire('c', 'd', true)];
    const lookup = new Map([
      ['a', node('a', 0, 0)],
      ['b', node('b', 200, 0)],
      ['c', node('c', 400, 0)],
      ['d', node('d', 600, 0)],
    ]);
    const cache = farEdgeCache();
    const first = farEdgePaths(edges, lookup, cache);
    // a.out is at (105, 20), b.in at (195, 20): React Flow's bezier between them.
    expect(first.still.startsWith('M105,20 C')).toBe(true);
    expect(first.still.split('M')).toHaveLength(3);
    expect(first.selected.startsWith('M505,20 C')).toBe(true);
    expect(first.moving).toBe('');

    // Dragging b: its two wires move to `moving`, a.out→b.in and b.out→c.in; the rest keeps its string.
    lookup.set('b', node('b', 200, 100, { dragging: true }));
    const dragged = farEdgePaths(edges, lookup, cache);
    expect(dragged.still).toBe('');
    expect(dragged.moving.split('M')).toHaveLength(3);
    expect(dragged.moving).toContain('195,120');
    const again = farEdgePaths(edges, lookup, cache);
    expect(again.selected).toBe(dragged.selected);
  });
});

describe('minimap model', () => {
  it('groups nodes by class into paths, and redraws only the dragged ones', () => {
    const lookup = new Map([
      ['a', node('a', 0, 0)],
      ['b', node('b', 200, 0)],
      ['n', node('n', 0, 100, { type: 'note' })],
    ]);
    const classOf = (n: InternalNode): string => (n.type === 'note' ? 'is-note' : 'cat-source');
    const cache = minimapCache();
    const first = minimapModel(lookup, classOf, cache);
    expect(first.still).toEqual([
      { cls: 'cat-source', d: 'M0,0h100v40h-100zM200,0h100v40h-100z' },
      { cls: 'is-note', d: 'M0,100h100v40h-100z' },
    ]);
    expect(first.bounds).toEqual({ x: 0, y: 0, width: 300, height: 140 });
    // Nothing moved: the same array, so React skips the paths.
    expect(minimapModel(lookup, classOf, cache).still).toBe(first.still);

    lookup.set('b', node('b', 250, 10, { dragging: true }));
    const dragged = minimapModel(lookup, classOf, cache);
    expect(dragged.moving).toEqual([{ cls: 'cat-source', d: 'M250,10h100v40h-100z' }]);
    const still = dragged.still;
    lookup.set('b', node('b', 260, 20, { dragging: true }));
    expect(minimapModel(lookup, classOf, cache).still).toBe(still);
  });
});
