import { getBezierPath, Position as Side, type InternalNode } from '@xyflow/react';
import type { Position } from '../../../shared/format/document';

/**
 * How a wire runs. Forward (the input right of the output) it is React
 * Flow's bezier. Backward, a bezier would loop through both nodes, so it
 * runs out, along a lane clear of both (the gap between them when one is
 * above the other, else below both), and back in — the way Alteryx and
 * KNIME draw a wire that goes back.
 */

/** The straight run out of an output and into an input before a backward wire turns. */
const STUB = 24;
/** Clearance between a node's edge and a lane. */
const GAP = 28;
const RADIUS = 8;

export interface Box {
  top: number;
  bottom: number;
}

export interface WireRoute {
  /** SVG path data. */
  d: string;
  /** Where the rows label sits. */
  label: Position;
  /** The points a backward wire goes through (null for a bezier), for hit tests. */
  corners: Position[] | null;
}

export function isBackward(from: Position, to: Position): boolean {
  return to.x < from.x + 2 * STUB;
}

/** The y of a backward wire's horizontal run, clear of both nodes. */
export function laneY(source: Box, target: Box): number {
  if (target.top - source.bottom >= 2 * GAP) return (source.bottom + target.top) / 2;
  if (source.top - target.bottom >= 2 * GAP) return (target.bottom + source.top) / 2;
  return Math.max(source.bottom, target.bottom) + GAP;
}

/** A node's vertical extent on the canvas (flow units), when React Flow has measured it. */
export function boxOf(node: InternalNode | undefined): Box | null {
  const h = node?.measured.height;
  if (node === undefined || h === undefined) return null;
  const top = node.internals.positionAbsolute.y;
  return { top, bottom: top + h };
}

export function backwardCorners(from: Position, to: Position, lane: number): Position[] {
  return [
    from,
    { x: from.x + STUB, y: from.y },
    { x: from.x + STUB, y: lane },
    { x: to.x - STUB, y: lane },
    { x: to.x - STUB, y: to.y },
    to,
  ];
}

/** Straight segments through `points` with rounded corners. */
export function roundedPath(points: readonly Position[], radius = RADIUS): string {
  const first = points[0];
  if (first === undefined) return '';
  let d = `M ${first.x},${first.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1];
    const at = points[i];
    const next = points[i + 1];
    if (prev === undefined || at === undefined || next === undefined) continue;
    const r = Math.min(
      radius,
      Math.hypot(at.x - prev.x, at.y - prev.y) / 2,
      Math.hypot(next.x - at.x, next.y - at.y) / 2,
    );
    const inX = at.x - Math.sign(at.x - prev.x) * r;
    const inY = at.y - Math.sign(at.y - prev.y) * r;
    const outX = at.x + Math.sign(next.x - at.x) * r;
    const outY = at.y + Math.sign(next.y - at.y) * r;
    d += ` L ${inX},${inY} Q ${at.x},${at.y} ${outX},${outY}`;
  }
  const last = points[points.length - 1];
  if (last !== undefined && points.length > 1) d += ` L ${last.x},${last.y}`;
  return d;
}

/** The wire from an output at `from` to an input at `to`; `boxes` are the two nodes' extents when known. */
export function wireRoute(from: Position, to: Position, boxes: { source: Box; target: Box } | null): WireRoute {
  if (boxes !== null && isBackward(from, to)) {
    const lane = laneY(boxes.source, boxes.target);
    const corners = backwardCorners(from, to, lane);
    return { d: roundedPath(corners), label: { x: (from.x + to.x) / 2, y: lane }, corners };
  }
  const [d, x, y] = getBezierPath({
    sourceX: from.x,
    sourceY: from.y,
    sourcePosition: Side.Right,
    targetX: to.x,
    targetY: to.y,
    targetPosition: Side.Left,
  });
  return { d, label: { x, y }, corners: null };
}
