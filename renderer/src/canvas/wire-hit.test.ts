import { describe, expect, it } from 'vitest';
import { emptyDocument, type PipelineDocument } from '../../../shared/format/document';
import { quickAddAfter } from './quick-add-after';
import { distanceToWire, wireAt, wirePoints, type WireSegment } from './wire-hit';

const straight: WireSegment = { id: 'b|in|a', source: 'a', target: 'b', from: { x: 0, y: 0 }, to: { x: 400, y: 0 } };
const curved: WireSegment = { id: 'd|in|c', source: 'c', target: 'd', from: { x: 0, y: 100 }, to: { x: 400, y: 300 } };

describe('which wire a drop hits', () => {
  it('follows the bezier React Flow draws, ends included', () => {
    const pts = wirePoints(curved.from, curved.to);
    expect(pts[0]).toEqual(curved.from);
    expect(pts[pts.length - 1]).toEqual(curved.to);
    // Symmetric S-curve: through the middle point, but not through the straight chord's quarter point.
    expect(distanceToWire({ x: 200, y: 200 }, curved.from, curved.to)).toBeLessThan(1);
    expect(distanceToWire({ x: 100, y: 150 }, curved.from, curved.to)).toBeGreaterThan(10);
  });

  it('is the nearest wire within reach, or none', () => {
    expect(wireAt({ x: 200, y: 10 }, [straight, curved], null)).toBe(straight.id);
    expect(wireAt({ x: 200, y: 190 }, [straight, curved], null)).toBe(curved.id);
    expect(wireAt({ x: 200, y: 100 }, [straight, curved], null)).toBeNull();
  });

  it('is never a wire of the dragged node itself', () => {
    expect(wireAt({ x: 200, y: 0 }, [straight], 'a')).toBeNull();
    expect(wireAt({ x: 200, y: 0 }, [straight], 'b')).toBeNull();
    expect(wireAt({ x: 200, y: 0 }, [straight], 'x')).toBe(straight.id);
  });
});

describe('quick-add after the selected node', () => {
  const doc: PipelineDocument = {
    ...emptyDocument('t'),
    nodes: [
      { id: 'orders', type: 'source.csv' },
      { id: 'out', type: 'sink.csv' },
    ],
    layout: { orders: { x: 40, y: 60 }, out: { x: 0, y: 0 } },
  };

  it('goes to its right, wired from its output', () => {
    expect(quickAddAfter(doc, 'orders', { orders: { width: 200, height: 80 } })).toEqual({
      flow: { x: 320, y: 60 },
      from: { nodeId: 'orders', port: 'out', side: 'source' },
    });
  });

  it('has nothing to wire from on a sink or an unknown id', () => {
    expect(quickAddAfter(doc, 'out', {})).toBeNull();
    expect(quickAddAfter(doc, 'nope', {})).toBeNull();
  });
});
