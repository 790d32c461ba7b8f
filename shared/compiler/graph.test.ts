import { describe, expect, it } from 'vitest';
import { downstreamOf, postOrder, reachable, topoSort, upstreamClosure } from './graph';

/** The recursive walk graph.ts had before it was made iterative: the reference for order and cycles. */
function recursiveTopoSort(
  ids: readonly string[],
  upstream: (id: string) => readonly string[],
): { order: string[]; cycles: string[][] } {
  const index = new Map(ids.map((id, i) => [id, i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (id: string): void => {
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = stack.slice(stack.indexOf(id));
      const key = [...cycle].sort().join(',');
      if (!cycles.some((c) => [...c].sort().join(',') === key)) cycles.push(cycle);
      return;
    }
    state.set(id, 'visiting');
    stack.push(id);
    const ups = [...new Set(upstream(id))]
      .filter((u) => index.has(u))
      .sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0));
    for (const u of ups) visit(u);
    stack.pop();
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of ids) visit(id);
  const inCycle = new Set(cycles.flat());
  return { order: order.filter((id) => !inCycle.has(id)), cycles };
}

/** A deterministic pseudo-random graph: mostly backward edges (a DAG), some forward ones (cycles). */
function randomGraph(seed: number, n: number): { ids: string[]; ups: Map<string, string[]> } {
  let x = seed;
  const next = (): number => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const ids = Array.from({ length: n }, (_, i) => `n${String(i)}`);
  const ups = new Map(
    ids.map((id, i) => [
      id,
      Array.from({ length: Math.floor(next() * 3) }, () => ids[Math.floor(next() * (next() < 0.9 ? i : n))] ?? id),
    ]),
  );
  return { ids: [...ids].sort(() => next() - 0.5), ups };
}

describe('graph walks', () => {
  it('order and cycles are those of the recursive walk, on random graphs', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { ids, ups } = randomGraph(seed, 3 + (seed % 25));
      const upstream = (id: string): string[] => ups.get(id) ?? [];
      expect(topoSort(ids, upstream), `seed ${String(seed)}`).toEqual(recursiveTopoSort(ids, upstream));
    }
  });

  it('a 100,000-node chain and a 100,000-wide fan-out walk without recursion, in linear time', () => {
    const n = 100_000;
    const chain = Array.from({ length: n }, (_, i) => `c${String(i)}`);
    const started = performance.now();
    const sorted = topoSort([...chain].reverse(), (id) => (id === 'c0' ? [] : [`c${String(Number(id.slice(1)) - 1)}`]));
    expect(sorted.order).toEqual(chain);
    expect(
      upstreamClosure(sorted.order, `c${String(n - 1)}`, (id) =>
        id === 'c0' ? [] : [`c${String(Number(id.slice(1)) - 1)}`],
      ),
    ).toHaveLength(n);
    const leaves = chain.map((id) => `f${id}`);
    const fan = topoSort(['sink', ...leaves, 'src'], (id) => (id === 'sink' ? leaves : id === 'src' ? [] : ['src']));
    expect(fan.order[0]).toBe('src');
    expect(fan.order.at(-1)).toBe('sink');
    expect(reachable('sink', (id) => (id === 'sink' ? leaves : id === 'src' ? [] : ['src'])).size).toBe(n + 2);
    // Generous: the recursive walk overflowed the stack here; this takes well under a second.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('reports a long cycle once', () => {
    const n = 50_000;
    const r = topoSort(
      Array.from({ length: n }, (_, i) => `c${String(i)}`),
      (id) => [`c${String((Number(id.slice(1)) + n - 1) % n)}`],
    );
    expect(r.order).toEqual([]);
    expect(r.cycles).toHaveLength(1);
    expect(r.cycles[0]).toHaveLength(n);
  });

  it('walks 10,000 nodes both ways, chain and fan-out, without recursion', () => {
    const n = 10_000;
    const chain = Array.from({ length: n }, (_, i) => `c${String(i)}`);
    const up = (id: string): string[] => (id === 'c0' ? [] : [`c${String(Number(id.slice(1)) - 1)}`]);
    const down = downstreamOf(chain, up);
    expect(reachable('c0', down).size).toBe(n);
    expect(reachable(`c${String(n / 2)}`, down).size).toBe(n / 2);
    expect(upstreamClosure(chain, `c${String(n / 2)}`, up)).toEqual(chain.slice(0, n / 2 + 1));
    // A fan-out: one source read by 10,000 nodes, all read by one sink.
    const leaves = chain.map((id) => `f${id}`);
    const ids = ['src', ...leaves, 'sink'];
    const fanUp = (id: string): string[] => (id === 'sink' ? leaves : id === 'src' ? [] : ['src']);
    const fanDown = downstreamOf(ids, fanUp);
    expect(fanDown('src')).toEqual(leaves);
    expect(reachable('src', fanDown).size).toBe(n + 2);
    expect(reachable(leaves[0] ?? '', fanDown)).toEqual(new Set([leaves[0], 'sink']));
  });

  it('downstreamOf names each reader once, in the order given', () => {
    const down = downstreamOf(['a', 'b', 'c'], (id) => (id === 'a' ? [] : ['a', 'a']));
    expect(down('a')).toEqual(['b', 'c']);
    expect(down('c')).toEqual([]);
  });

  it('a next that answers nothing stops the walk there', () => {
    const up = (id: string): string[] => ({ d: ['c', 'x'], c: ['b'], b: ['a'] })[id] ?? [];
    expect(reachable('d', (id) => (id === 'c' ? [] : up(id)))).toEqual(new Set(['d', 'c', 'x']));
  });

  it('postOrder keeps the nodes of a cycle, each after what it reads outside it', () => {
    const ups: Record<string, string[]> = { src: [], a: ['src', 'b'], b: ['a'], sink: ['b'] };
    const order = postOrder(['sink', 'b', 'a', 'src'], (id) => ups[id] ?? []);
    expect([...order].sort()).toEqual(['a', 'b', 'sink', 'src']);
    expect(order.indexOf('src')).toBeLessThan(order.indexOf('a'));
    expect(order.at(-1)).toBe('sink');
    expect(topoSort(['sink', 'b', 'a', 'src'], (id) => ups[id] ?? []).order).toEqual(['src', 'sink']);
  });
});
