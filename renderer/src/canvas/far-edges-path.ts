import { Position, type InternalNode } from '@xyflow/react';
import type { FlowEdge } from '../store/flow-selectors';
import { boxOf, wireRoute } from './wire-route';

type Lookup = ReadonlyMap<string, InternalNode>;
type Handles = NonNullable<InternalNode['internals']['handleBounds']>['source'];

interface Point {
  x: number;
  y: number;
  position: Position;
}

/** Where a wire meets a handle, as React Flow computes it for its default edge. */
export function handlePoint(
  node: InternalNode | undefined,
  handles: Handles | null | undefined,
  id: string | null | undefined,
): Point | null {
  if (node === undefined || handles === undefined || handles === null) return null;
  const h = id === null || id === undefined ? handles[0] : handles.find((b) => b.id === id);
  if (h === undefined) return null;
  const x = node.internals.positionAbsolute.x + h.x;
  const y = node.internals.positionAbsolute.y + h.y + h.height / 2;
  return h.position === Position.Right ? { x: x + h.width, y, position: h.position } : { x, y, position: h.position };
}

interface Segment {
  sx: number;
  sy: number;
  tx: number;
  ty: number;
  /** The nodes' extents, which route a backward wire: a resize re-routes it. */
  boxes: string;
  d: string;
}

/** What one call keeps for the next: each wire's segment, and the still wires' path. */
export interface FarEdgeCache {
  segments: Map<string, Segment>;
  still: string;
  stillIds: string[];
}

export function farEdgeCache(): FarEdgeCache {
  return { segments: new Map(), still: '', stillIds: [] };
}

export interface FarEdgePaths {
  /** Wires whose ends are not being dragged: the same string while a drag goes on. */
  still: string;
  /** Wires of the dragged nodes: the only path that changes per drag frame. */
  moving: string;
  selected: string;
}

/**
 * Every wire as SVG path data, in three paths, for the zoomed-out canvas: a
 * few elements to lay out and paint instead of hundreds. Each wire's segment
 * is kept while its ends stay put, and the still wires' path keeps its string,
 * so a drag frame re-computes and re-parses only the dragged node's wires.
 */
export function farEdgePaths(edges: readonly FlowEdge[], lookup: Lookup, cache: FarEdgeCache): FarEdgePaths {
  const still: string[] = [];
  const stillIds: string[] = [];
  const moving: string[] = [];
  const selected: string[] = [];
  let stillChanged = false;
  for (const e of edges) {
    const s = lookup.get(e.source);
    const t = lookup.get(e.target);
    const from = handlePoint(s, s?.internals.handleBounds?.source, e.sourceHandle);
    const to = handlePoint(t, t?.internals.handleBounds?.target, e.targetHandle);
    if (from === null || to === null) continue;
    let seg = cache.segments.get(e.id);
    const sb = boxOf(s);
    const tb = boxOf(t);
    const boxes = sb === null || tb === null ? '' : `${sb.top},${sb.bottom},${tb.top},${tb.bottom}`;
    const moved =
      seg === undefined ||
      seg.sx !== from.x ||
      seg.sy !== from.y ||
      seg.tx !== to.x ||
      seg.ty !== to.y ||
      seg.boxes !== boxes;
    if (seg === undefined || moved) {
      const { d } = wireRoute(from, to, sb === null || tb === null ? null : { source: sb, target: tb });
      seg = { sx: from.x, sy: from.y, tx: to.x, ty: to.y, boxes, d };
      cache.segments.set(e.id, seg);
    }
    if (e.selected === true) selected.push(seg.d);
    else if (s?.dragging === true || t?.dragging === true) moving.push(seg.d);
    else {
      if (moved || cache.stillIds[stillIds.length] !== e.id) stillChanged = true;
      still.push(seg.d);
      stillIds.push(e.id);
    }
  }
  if (stillChanged || stillIds.length !== cache.stillIds.length) {
    cache.still = still.join(' ');
    cache.stillIds = stillIds;
  }
  if (cache.segments.size > edges.length) {
    const live = new Set(edges.map((e) => e.id));
    for (const id of cache.segments.keys()) if (!live.has(id)) cache.segments.delete(id);
  }
  return { still: cache.still, moving: moving.join(' '), selected: selected.join(' ') };
}

export function samePaths(a: FarEdgePaths, b: FarEdgePaths): boolean {
  return a.still === b.still && a.moving === b.moving && a.selected === b.selected;
}
