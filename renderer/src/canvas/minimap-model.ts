import type { InternalNode } from '@xyflow/react';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The nodes of one colour class, as one path of rectangles. */
export interface MinimapGroup {
  cls: string;
  d: string;
}

export interface MinimapModel {
  /** Nodes not being dragged: the same array (and strings) while they stay put. */
  still: readonly MinimapGroup[];
  /** Nodes being dragged: the only part that changes per drag frame. */
  moving: readonly MinimapGroup[];
  /** All drawn nodes, or null when none is measured yet. */
  bounds: Rect | null;
}

interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
  cls: string;
  /** The node object the class was computed from: unchanged, its class is too. */
  from: InternalNode['internals']['userNode'];
}

/** What one call keeps for the next. */
export interface MinimapCache {
  placed: Map<string, Placed>;
  still: MinimapGroup[];
}

export function minimapCache(): MinimapCache {
  return { placed: new Map(), still: [] };
}

function groups(rects: Iterable<Placed>): MinimapGroup[] {
  const byClass = new Map<string, string[]>();
  for (const r of rects) {
    const parts = byClass.get(r.cls) ?? [];
    parts.push(`M${r.x},${r.y}h${r.width}v${r.height}h${-r.width}z`);
    byClass.set(r.cls, parts);
  }
  return [...byClass].map(([cls, parts]) => ({ cls, d: parts.join('') }));
}

/**
 * The minimap's nodes as a few paths (one per colour class) instead of a
 * subscribed <rect> per node: React Flow's own minimap re-checks every node
 * and repaints every rectangle on each frame of a drag.
 */
export function minimapModel(
  lookup: ReadonlyMap<string, InternalNode>,
  classOf: (n: InternalNode) => string,
  cache: MinimapCache,
): MinimapModel {
  const moving: Placed[] = [];
  const still = new Map<string, Placed>();
  let changed = false;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const [id, n] of lookup) {
    const width = n.measured.width ?? n.width ?? 0;
    const height = n.measured.height ?? n.height ?? 0;
    if (n.hidden === true || width === 0 || height === 0) continue;
    const { x, y } = n.internals.positionAbsolute;
    x1 = Math.min(x1, x);
    y1 = Math.min(y1, y);
    x2 = Math.max(x2, x + width);
    y2 = Math.max(y2, y + height);
    const was = cache.placed.get(id);
    const from = n.internals.userNode;
    const placed = { x, y, width, height, cls: was?.from === from ? was.cls : classOf(n), from };
    if (n.dragging === true) {
      moving.push(placed);
      continue;
    }
    if (
      was === undefined ||
      was.x !== x ||
      was.y !== y ||
      was.width !== width ||
      was.height !== height ||
      was.cls !== placed.cls
    )
      changed = true;
    still.set(id, placed);
  }
  if (changed || still.size !== cache.placed.size) {
    cache.placed = still;
    cache.still = groups(still.values());
  }
  return {
    still: cache.still,
    moving: groups(moving),
    bounds: x1 === Infinity ? null : { x: x1, y: y1, width: x2 - x1, height: y2 - y1 },
  };
}

function sameRect(a: Rect | null, b: Rect | null): boolean {
  return (
    a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height)
  );
}

export function sameModel(a: MinimapModel, b: MinimapModel): boolean {
  return (
    a.still === b.still &&
    sameRect(a.bounds, b.bounds) &&
    a.moving.length === b.moving.length &&
    a.moving.every((g, i) => g.cls === b.moving[i]?.cls && g.d === b.moving[i]?.d)
  );
}

/** The minimap's view box: the nodes and the viewport, fitted to the element with a margin (as React Flow's). */
export function minimapFrame(bounds: Rect | null, view: Rect, size: { width: number; height: number }) {
  const box = bounds === null ? view : union(bounds, view);
  const viewScale = Math.max(box.width / size.width, box.height / size.height);
  const width = viewScale * size.width;
  const height = viewScale * size.height;
  const offset = 5 * viewScale;
  const x = box.x - (width - box.width) / 2 - offset;
  const y = box.y - (height - box.height) / 2 - offset;
  return { viewScale, x, y, width: width + offset * 2, height: height + offset * 2, offset };
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}
