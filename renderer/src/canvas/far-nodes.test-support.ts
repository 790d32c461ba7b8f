import { Position, type InternalNode } from '@xyflow/react';
import type { FlowEdge } from '../store/flow-selectors';

/** An internal node as React Flow keeps it: 100×40 at (x, y), one input on the left, one output on the right. */
export function node(id: string, x: number, y: number, extra: Partial<InternalNode> = {}): InternalNode {
  const user = { id, position: { x, y }, data: {} };
  return {
    ...user,
    measured: { width: 100, height: 40 },
    internals: {
      positionAbsolute: { x, y },
      z: 0,
      userNode: user,
      handleBounds: {
        target: [
          { id: 'in', nodeId: id, x: -5, y: 15, width: 10, height: 10, position: Position.Left, type: 'target' },
        ],
        source: [
          { id: 'out', nodeId: id, x: 95, y: 15, width: 10, height: 10, position: Position.Right, type: 'source' },
        ],
      },
    },
    ...extra,
  };
}

export const wire = (source: string, target: string, selected = false): FlowEdge => ({
  id: `${target}|in|${source}`,
  source,
  sourceHandle: 'out',
  target,
  targetHandle: 'in',
  selected,
});
