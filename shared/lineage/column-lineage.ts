/**
 * Column-level lineage (the engine computes it from the compiled plan, see
 * electron/engine/preview/column-lineage.ts): for every node's output
 * column, the columns of the nodes upstream it is computed from, typed as
 * OpenLineage types transformations; and for every output (sink) column,
 * the source columns it comes from and the nodes between.
 */

/** OpenLineage's transformation subtypes: DIRECT ones make the value, INDIRECT ones decide which rows or where. */
export type DirectSubtype = 'IDENTITY' | 'TRANSFORMATION' | 'AGGREGATION';
export type IndirectSubtype = 'FILTER' | 'JOIN' | 'GROUP_BY' | 'SORT' | 'WINDOW' | 'CONDITIONAL';

export type ColumnInput = { node: string; column: string } & (
  { type: 'DIRECT'; subtype: DirectSubtype } | { type: 'INDIRECT'; subtype: IndirectSubtype }
);

export interface NodeColumnLineage {
  column: string;
  /** The input columns it is computed from (DIRECT) or that decide it (INDIRECT, per column: a CASE's condition, a window's partition). */
  inputs: ColumnInput[];
  /** Why its lineage is not known (SQL the analysis does not follow); then `inputs` is empty. */
  unknown?: string | undefined;
}

export interface NodeLineage {
  node: string;
  columns: NodeColumnLineage[];
  /** Input columns that decide the node's rows as a whole: a filter's, a join's keys, a grouping, a sort. */
  indirect: ColumnInput[];
}

export interface SourceColumn {
  node: string;
  column: string;
  /** The strongest transformation on the way: IDENTITY when the value is carried as is. */
  subtype: DirectSubtype;
}

export interface OutputColumnLineage {
  node: string;
  column: string;
  sources: SourceColumn[];
  /** The nodes between the sources and the output that carry it, in pipeline order. */
  through: string[];
  /** `node: reason` for every node on the way whose lineage is unknown. */
  unknown: string[];
}

export interface ColumnLineage {
  nodes: NodeLineage[];
  outputs: OutputColumnLineage[];
}

const RANK: Record<DirectSubtype, number> = { IDENTITY: 0, TRANSFORMATION: 1, AGGREGATION: 2 };

/** A value made by `outer` from what `inner` made: identity adds nothing, an aggregation wins. */
export function composeSubtypes(outer: DirectSubtype, inner: DirectSubtype): DirectSubtype {
  return RANK[outer] >= RANK[inner] ? outer : inner;
}

const key = (node: string, column: string): string => `${node}\u0000${column}`;

/**
 * Traces every output column back to the sources: `order` is the pipeline's
 * node order, `sources` the nodes that are origins (their columns come from
 * outside), `outputs` the sinks.
 */
export function composeOutputs(
  nodes: readonly NodeLineage[],
  order: readonly string[],
  sources: ReadonlySet<string>,
  outputs: readonly string[],
): OutputColumnLineage[] {
  const byNode = new Map(nodes.map((n) => [n.node, new Map(n.columns.map((c) => [c.column, c]))]));
  const memo = new Map<string, { sources: Map<string, SourceColumn>; through: Set<string>; unknown: Set<string> }>();
  const trace = (
    node: string,
    column: string,
    seen: ReadonlySet<string>,
  ): { sources: Map<string, SourceColumn>; through: Set<string>; unknown: Set<string> } => {
    const k = key(node, column);
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    const out = { sources: new Map<string, SourceColumn>(), through: new Set<string>(), unknown: new Set<string>() };
    if (sources.has(node)) {
      out.sources.set(k, { node, column, subtype: 'IDENTITY' });
      memo.set(k, out);
      return out;
    }
    const col = byNode.get(node)?.get(column);
    if (col === undefined || seen.has(k)) {
      out.unknown.add(`${node}: ${col === undefined ? `no lineage for column ${column}` : 'a cycle'}`);
      return out;
    }
    if (col.unknown !== undefined) out.unknown.add(`${node}: ${col.unknown}`);
    const below = new Set([...seen, k]);
    for (const input of col.inputs) {
      if (input.type !== 'DIRECT') continue;
      const up = trace(input.node, input.column, below);
      if (!sources.has(input.node)) out.through.add(input.node);
      for (const t of up.through) out.through.add(t);
      for (const u of up.unknown) out.unknown.add(u);
      for (const [sk, s] of up.sources) {
        const subtype = composeSubtypes(input.subtype, s.subtype);
        const prev = out.sources.get(sk);
        out.sources.set(sk, { ...s, subtype: prev === undefined ? subtype : composeSubtypes(prev.subtype, subtype) });
      }
    }
    memo.set(k, out);
    return out;
  };
  const position = new Map(order.map((id, i) => [id, i]));
  const inOrder = (ids: Iterable<string>): string[] =>
    [...ids].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  const result: OutputColumnLineage[] = [];
  for (const sink of outputs) {
    for (const col of byNode.get(sink)?.values() ?? []) {
      const t = trace(sink, col.column, new Set());
      result.push({
        node: sink,
        column: col.column,
        sources: [...t.sources.values()],
        through: inOrder(t.through),
        unknown: [...t.unknown].sort(),
      });
    }
  }
  return result;
}

export interface ColumnPath {
  /** The nodes that carry the column (or what it is made from, or what is made from it), the selected one included. */
  nodes: string[];
  /** Wires `from → to` along which it flows. */
  wires: Array<{ from: string; to: string }>;
}

/** The path of one node's column through the pipeline: upstream to what it is made from, downstream to what is made from it (DIRECT inputs). */
export function columnPath(lineage: ColumnLineage, node: string, column: string): ColumnPath {
  const cols = new Map(
    lineage.nodes.flatMap((n) => n.columns.map((c) => [key(n.node, c.column), { node: n.node, c }] as const)),
  );
  const users = new Map<string, Array<{ node: string; column: string }>>();
  for (const { node: n, c } of cols.values()) {
    for (const i of c.inputs) {
      if (i.type !== 'DIRECT') continue;
      const k = key(i.node, i.column);
      users.set(k, [...(users.get(k) ?? []), { node: n, column: c.column }]);
    }
  }
  const nodes = new Set<string>([node]);
  const wires = new Map<string, { from: string; to: string }>();
  const wire = (from: string, to: string): void => {
    if (from !== to) wires.set(`${from}\u0000${to}`, { from, to });
  };
  const up = (n: string, c: string, seen: Set<string>): void => {
    const k = key(n, c);
    if (seen.has(k)) return;
    seen.add(k);
    for (const i of cols.get(k)?.c.inputs ?? []) {
      if (i.type !== 'DIRECT') continue;
      nodes.add(i.node);
      wire(i.node, n);
      up(i.node, i.column, seen);
    }
  };
  const down = (n: string, c: string, seen: Set<string>): void => {
    const k = key(n, c);
    if (seen.has(k)) return;
    seen.add(k);
    for (const u of users.get(k) ?? []) {
      nodes.add(u.node);
      wire(n, u.node);
      down(u.node, u.column, seen);
    }
  };
  up(node, column, new Set());
  down(node, column, new Set());
  return { nodes: [...nodes], wires: [...wires.values()] };
}
