/**
 * Topological order of a graph given as node → upstream nodes, with every
 * cycle reported. Order is stable: among ready nodes, document order wins.
 */
export interface TopoResult {
  order: string[];
  /** Each cycle as the list of node ids on it. */
  cycles: string[][];
}

export function topoSort(ids: readonly string[], upstream: (id: string) => readonly string[]): TopoResult {
  const index = new Map(ids.map((id, i) => [id, i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const cycles: string[][] = [];
  const stack: string[] = [];

  const visit = (id: string): void => {
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'visiting') {
      const from = stack.indexOf(id);
      const cycle = stack.slice(from);
      const key = [...cycle].sort().join(',');
      if (!cycles.some((c) => [...c].sort().join(',') === key)) cycles.push(cycle);
      return;
    }
    state.set(id, 'visiting');
    stack.push(id);
    const ups = [...new Set(upstream(id))].filter((u) => index.has(u));
    ups.sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0));
    for (const u of ups) visit(u);
    stack.pop();
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of ids) visit(id);
  const inCycle = new Set(cycles.flat());
  return { order: order.filter((id) => !inCycle.has(id)), cycles };
}

/** Every node upstream of `target`, and the target itself, in `order`'s order. */
export function upstreamClosure(order: readonly string[], target: string, upstream: (id: string) => readonly string[]): string[] {
  const keep = new Set<string>();
  const walk = (id: string): void => {
    if (keep.has(id)) return;
    keep.add(id);
    for (const u of upstream(id)) walk(u);
  };
  walk(target);
  return order.filter((id) => keep.has(id));
}
