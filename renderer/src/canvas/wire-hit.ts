import type { InternalNode } from '@xyflow/react';
import type { Position } from '../../../shared/format/document';
import type { FlowEdge } from '../store/flow-selectors';
import { handlePoint } from './far-edges-path';
import { boxOf, wireRoute } from './wire-route';

/** A wire on the canvas, from its output handle to its input handle (flow coordinates). */
export interface WireSegment {
  id: string;
  source: string;
  target: string;
  from: Position;
  to: Position;
  /** A backward wire's corners (wire-route.ts); absent for a bezier. */
  corners?: Position[];
}

/** How near (flow units) a drop must be to a wire to land on it: about the width of React Flow's edge hit area. */
export const WIRE_HIT_DISTANCE = 24;

const SAMPLES = 32;

/** React Flow's default (bezier) edge from a right-hand handle to a left-hand one, as points along it. */
export function wirePoints(from: Position, to: Position): Position[] {
  const dx = to.x - from.x;
  // calculateControlOffset in @xyflow/system, curvature 0.25.
  const offset = dx >= 0 ? 0.5 * dx : 0.25 * 25 * Math.sqrt(-dx);
  const c1 = { x: from.x + offset, y: from.y };
  const c2 = { x: to.x - offset, y: to.y };
  const out: Position[] = [];
  for (let i = 0; i <= SAMPLES; i++) {
    const t = i / SAMPLES;
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    out.push({ x: a * from.x + b * c1.x + c * c2.x + d * to.x, y: a * from.y + b * c1.y + c * c2.y + d * to.y });
  }
  return out;
}

function distanceToSegment(p: Position, a: Position, b: Position): number {
  const vx = b.x - a.x;
  const vy = b.y - a.y;
  const len = vx * vx + vy * vy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * vx + (p.y - a.y) * vy) / len));
  return Math.hypot(p.x - (a.x + t * vx), p.y - (a.y + t * vy));
}

export function distanceToWire(p: Position, from: Position, to: Position, corners?: readonly Position[]): number {
  const pts = corners ?? wirePoints(from, to);
  let best = Infinity;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1];
    const b = pts[i];
    if (a !== undefined && b !== undefined) best = Math.min(best, distanceToSegment(p, a, b));
  }
  return best;
}

/**
 * The wire a drop at `p` lands on: the nearest within `within`, never one
 * into or out of `exclude` (the dragged node's own wires). Null when none.
 */
export function wireAt(
  p: Position,
  wires: readonly WireSegment[],
  exclude: string | null,
  within = WIRE_HIT_DISTANCE,
): string | null {
  let best: { id: string; d: number } | null = null;
  for (const w of wires) {
    if (w.source === exclude || w.target === exclude) continue;
    const d = distanceToWire(p, w.from, w.to, w.corners);
    if (d <= within && (best === null || d < best.d)) best = { id: w.id, d };
  }
  return best?.id ?? null;
}

/** The canvas's wires as segments, from React Flow's measured handles. */
export function wireSegments(edges: readonly FlowEdge[], lookup: ReadonlyMap<string, InternalNode>): WireSegment[] {
  const out: WireSegment[] = [];
  for (const e of edges) {
    const s = lookup.get(e.source);
    const t = lookup.get(e.target);
    const from = handlePoint(s, s?.internals.handleBounds?.source, e.sourceHandle);
    const to = handlePoint(t, t?.internals.handleBounds?.target, e.targetHandle);
    if (from === null || to === null) continue;
    const sb = boxOf(s);
    const tb = boxOf(t);
    const { corners } = wireRoute(from, to, sb === null || tb === null ? null : { source: sb, target: tb });
    out.push({
      id: e.id,
      source: e.source,
      target: e.target,
      from: { x: from.x, y: from.y },
      to: { x: to.x, y: to.y },
      ...(corners === null ? {} : { corners }),
    });
  }
  return out;
}
