import { statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { BoundPlan } from '../bind/bind-views';
import { readOne } from '../walls/one-statement';
import type { Analysis } from '../../../shared/compiler/plan';
import { refNode, refPort } from '../../../shared/format/document';

/**
 * The rows of every node a chain streamed through on its way to a sink.
 * DuckDB runs a chain as one query and its profile cannot be mapped back to
 * nodes reliably (views are inlined, filters pushed into scans, projections
 * merged), so the nodes are counted after the write, one more pass each,
 * upstream first, and only while that is cheap: the chain's files are small
 * and the counting stays within a budget (a share of the write's own time),
 * interrupted at its end. Nodes not counted by then show no rows.
 */

export const COUNT_MAX_BYTES = 64 * 1024 * 1024;
/** Below this, every node is counted, within a budget of its own. */
export const COUNT_SMALL_BYTES = 8 * 1024 * 1024;
export const COUNT_SMALL_BUDGET_MS = 2_000;
/** Counting may add this share of the write's time to a run… */
export const COUNT_BUDGET_SHARE = 0.1;
/** …or this much, whichever is more: small data is counted whole. */
export const COUNT_MIN_BUDGET_MS = 200;

/**
 * What counting may spend, and what one count is guessed to cost: the
 * write's own time, since reading the files dominates both (with half of it,
 * a fast 1,000,000-row write started a count that was then interrupted).
 */
export function countBudget(writeMs: number): { budgetMs: number; perCountMs: number } {
  return { budgetMs: Math.max(COUNT_MIN_BUDGET_MS, writeMs * COUNT_BUDGET_SHARE), perCountMs: writeMs };
}

/** Node types that give exactly the rows they take: their count is their input's, both ways. */
const ONE_TO_ONE: ReadonlySet<string> = new Set([
  'transform.derive',
  'transform.select',
  'transform.sort',
  'transform.cast',
  'transform.fill_nulls',
  'transform.window',
]);

/** Sinks DuckDB writes with one COPY: the rows written are exactly their input's. */
const COPY_SINKS: ReadonlySet<string> = new Set(['sink.parquet', 'sink.csv', 'sink.json']);

export interface ChainShape {
  /** The node whose main output a node takes, when it reads just that; undefined otherwise. */
  soleInput(id: string): string | undefined;
  type(id: string): string | undefined;
}

export function chainShape(analysis: Analysis): ChainShape {
  return {
    soleInput(id) {
      const refs = Object.values(analysis.nodes.get(id)?.inputs ?? {}).flat();
      const ref = refs[0];
      return refs.length === 1 && ref !== undefined && refPort(ref) === 'out' ? refNode(ref) : undefined;
    },
    type: (id) => analysis.nodes.get(id)?.def.type,
  };
}

/**
 * `known` holds the rows already known (the sink's, connector sources'); what
 * a sink wrote is its input's, and a one-to-one node's count is its input's:
 * only what these leave unknown is counted.
 */
export async function chainCounts(
  conn: DuckDBConnection,
  bound: BoundPlan,
  shape: ChainShape,
  nodeIds: readonly string[],
  known: ReadonlyMap<string, number>,
  { budgetMs, perCountMs }: { budgetMs: number; perCountMs: number },
): Promise<Map<string, number>> {
  const rows = new Map(known);
  const inChain = new Set(nodeIds);
  const spread = (): void => {
    for (let changed = true; changed;) {
      changed = false;
      for (const [id, n] of [...rows]) {
        const input = shape.soleInput(id);
        const sink = COPY_SINKS.has(shape.type(id) ?? '');
        if (
          input !== undefined &&
          (sink || ONE_TO_ONE.has(shape.type(id) ?? '')) &&
          !rows.has(input) &&
          inChain.has(input)
        ) {
          rows.set(input, n);
          changed = true;
        }
      }
      for (const id of nodeIds) {
        const input = shape.soleInput(id);
        const n = input === undefined ? undefined : rows.get(input);
        if (n !== undefined && ONE_TO_ONE.has(shape.type(id) ?? '') && !rows.has(id)) {
          rows.set(id, n);
          changed = true;
        }
      }
    }
  };
  spread();
  const views = nodeIds.flatMap((id) => {
    const view = bound.stepById.get(id)?.view;
    return view === undefined ? [] : [{ id, name: view.name }];
  });
  const bytes = chainBytes(bound, nodeIds);
  if (views.some((v) => !rows.has(v.id)) && bytes <= COUNT_MAX_BYTES) {
    // Small files are counted whole, however slow the machine was at the write (a loaded one, a cold cache).
    const small = bytes <= COUNT_SMALL_BYTES;
    const budget = small ? Math.max(budgetMs, COUNT_SMALL_BUDGET_MS) : budgetMs;
    const perCount = small ? 0 : perCountMs;
    const deadline = performance.now() + budget;
    // Lands on a count, or on nothing: clearTimeout runs in the same turn as the last count ends.
    const timer = setTimeout(() => conn.interrupt(), budget);
    try {
      for (const v of views) {
        if (rows.has(v.id)) continue;
        // A count that would not end in time is not started: an interrupted one costs its time and memory for nothing.
        if (deadline - performance.now() < Math.max(1, perCount)) break;
        const reader = await readOne(conn, `SELECT count(*) FROM ${v.name}`);
        rows.set(v.id, Number(reader.getRowsJson()[0]?.[0] ?? 0));
        spread();
      }
    } catch {
      // Over budget (interrupted) or cancelled: the counts made so far stand.
    } finally {
      clearTimeout(timer);
    }
  }
  return new Map([...rows].filter(([id]) => inChain.has(id) && !known.has(id)));
}

/** What the chain's files weigh; a folder, or a file that cannot be seen, counts as too big. */
function chainBytes(bound: BoundPlan, nodeIds: readonly string[]): number {
  let total = 0;
  for (const id of nodeIds) {
    for (const r of bound.stepById.get(id)?.reads ?? []) {
      if (r.kind !== 'file') return Number.POSITIVE_INFINITY;
      try {
        total += statSync(r.path).size;
      } catch {
        return Number.POSITIVE_INFINITY;
      }
    }
  }
  return total;
}
