/**
 * The one place that walks a pipeline graph, given as node → upstream nodes:
 * topological order with every cycle reported, and the closures above and
 * below a node. Every walk here is iterative and linear, so a 10,000-node
 * chain neither overflows the call stack nor costs quadratic time.
 */
export interface TopoResult {
  order: string[];
  /** Each cycle as the list of node ids on it. */
  cycles: string[][];
}

interface Frame {
  id: string;
  ups: string[];
  next: number;
}

/**
 * Topological order and cycles. Order is stable: among ready nodes, document
 * order wins. Nodes on a cycle are left out of `order`.
 */
export function topoSort(ids: readonly string[], upstream: (id: string) => readonly string[]): TopoResult {
  const { order, cycles } = depthFirst(ids, upstream);
  const inCycle = new Set(cycles.flat());
  return { order: order.filter((id) => !inCycle.has(id)), cycles };
}

/**
 * Every node once, each after the nodes above it — except across the edge
 * that closes a cycle, which is ignored: nodes on a cycle are kept (for
 * walks that must see every node, such as fingerprints).
 */
export function postOrder(ids: readonly string[], upstream: (id: string) => readonly string[]): string[] {
  return depthFirst(ids, upstream).order;
}

function depthFirst(ids: readonly string[], upstream: (id: string) => readonly string[]): TopoResult {
  const index = new Map(ids.map((id, i) => [id, i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const cycles: string[][] = [];
  const cycleKeys = new Set<string>();
  // The depth-first path, and where each node on it stands (an explicit stack: no recursion).
  const path: Frame[] = [];
  const depth = new Map<string, number>();
  const enter = (id: string): void => {
    const ups = [...new Set(upstream(id))].filter((u) => index.has(u));
    ups.sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0));
    state.set(id, 'visiting');
    depth.set(id, path.length);
    path.push({ id, ups, next: 0 });
  };
  for (const root of ids) {
    if (state.has(root)) continue;
    enter(root);
    for (let top = path.at(-1); top !== undefined; top = path.at(-1)) {
      const u = top.ups[top.next];
      if (u === undefined) {
        path.pop();
        depth.delete(top.id);
        state.set(top.id, 'done');
        order.push(top.id);
        continue;
      }
      top.next++;
      const s = state.get(u);
      if (s === undefined) enter(u);
      else if (s === 'visiting') {
        const cycle = path.slice(depth.get(u) ?? 0).map((f) => f.id);
        const key = [...cycle].sort().join(',');
        if (!cycleKeys.has(key)) {
          cycleKeys.add(key);
          cycles.push(cycle);
        }
      }
    }
  }
  return { order, cycles };
}

/**
 * `start` and every node reachable from it through `next` (upstream, or
 * downstream with `downstreamOf`); the order is deterministic but not
 * meaningful (filter a topological order when it matters). A `next` that
 * answers [] for a node stops the walk there.
 */
export function reachable(start: string, next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>([start]);
  const pending = [start];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    for (const n of next(id)) {
      if (seen.has(n)) continue;
      seen.add(n);
      pending.push(n);
    }
  }
  return seen;
}

/** The other direction of a graph: node → the nodes that read it, in `ids`' order. */
export function downstreamOf(
  ids: readonly string[],
  upstream: (id: string) => readonly string[],
): (id: string) => readonly string[] {
  const below = new Map<string, string[]>();
  for (const id of ids) {
    for (const u of new Set(upstream(id))) {
      const list = below.get(u);
      if (list === undefined) below.set(u, [id]);
      else list.push(id);
    }
  }
  return (id) => below.get(id) ?? [];
}

/** Every node upstream of `target`, and the target itself, in `order`'s order. */
export function upstreamClosure(
  order: readonly string[],
  target: string,
  upstream: (id: string) => readonly string[],
): string[] {
  const keep = reachable(target, upstream);
  return order.filter((id) => keep.has(id));
}
