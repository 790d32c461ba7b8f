import type { InternalNode } from '@xyflow/react';
import type { Position } from '../../../shared/format/document';

/**
 * A drag on a zoomed-out canvas (level-of-detail.tsx), kept out of React
 * Flow's store until it ends. With hundreds of nodes on screen, each store
 * update re-runs every node's subscription and React Flow's visibility pass;
 * here a drag frame instead moves the dragged nodes' elements (their
 * transform, as React Flow writes it) and tells the few views drawn from
 * positions — the far wires and the minimap — which read them through
 * `overlay`. The drag's end goes through the store as before, once.
 */
export class FarDrag {
  private positions = new Map<string, Position>();
  private listeners = new Set<() => void>();
  private version = 0;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes with every frame of a drag: a snapshot for useSyncExternalStore. */
  readonly snapshot = (): number => this.version;

  /** One frame: the nodes' new positions, drawn now. `element` finds a node's element (a test gives its own). */
  move(moves: ReadonlyMap<string, Position>, element: (id: string) => HTMLElement | null = nodeElement): void {
    for (const [id, p] of moves) {
      this.positions.set(id, p);
      const el = element(id);
      if (el !== null) el.style.transform = `translate(${String(p.x)}px,${String(p.y)}px)`;
    }
    this.changed();
  }

  /** The drag is over: its positions go to the store (by the caller); the views read the store again. */
  end(): void {
    if (this.positions.size === 0) return;
    this.positions.clear();
    this.changed();
  }

  /** React Flow's node lookup with the dragged nodes where the drag has them (and marked dragging). */
  overlay(lookup: ReadonlyMap<string, InternalNode>): ReadonlyMap<string, InternalNode> {
    return this.positions.size === 0 ? lookup : new LiveLookup(lookup, this.positions);
  }

  private changed(): void {
    this.version += 1;
    for (const l of this.listeners) l();
  }
}

function nodeElement(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
}

/** A node at a drag's position: what React Flow's store will hold once the drag is committed. */
function moved(n: InternalNode, p: Position): InternalNode {
  return {
    ...n,
    position: p,
    dragging: true,
    internals: { ...n.internals, positionAbsolute: p },
  };
}

class LiveLookup implements ReadonlyMap<string, InternalNode> {
  private readonly cache = new Map<string, InternalNode>();

  constructor(
    private readonly base: ReadonlyMap<string, InternalNode>,
    private readonly positions: ReadonlyMap<string, Position>,
  ) {}

  get size(): number {
    return this.base.size;
  }

  get(id: string): InternalNode | undefined {
    const n = this.base.get(id);
    const p = this.positions.get(id);
    if (n === undefined || p === undefined) return n;
    let m = this.cache.get(id);
    if (m === undefined) {
      m = moved(n, p);
      this.cache.set(id, m);
    }
    return m;
  }

  has(id: string): boolean {
    return this.base.has(id);
  }

  *entries(): MapIterator<[string, InternalNode]> {
    for (const id of this.base.keys()) {
      const n = this.get(id);
      if (n !== undefined) yield [id, n];
    }
  }

  keys(): MapIterator<string> {
    return this.base.keys();
  }

  *values(): MapIterator<InternalNode> {
    for (const [, n] of this.entries()) yield n;
  }

  forEach(fn: (value: InternalNode, key: string, map: ReadonlyMap<string, InternalNode>) => void): void {
    for (const [id, n] of this.entries()) fn(n, id, this);
  }

  [Symbol.iterator](): MapIterator<[string, InternalNode]> {
    return this.entries();
  }
}
