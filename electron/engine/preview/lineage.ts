import { isAbsolute, relative, sep } from 'node:path';
import type { Column } from '../../../shared/catalog/node-type';
import { downstreamOf, reachable } from '../../../shared/compiler/graph';
import type { Analysis } from '../../../shared/compiler/plan';
import type { BoundPlan } from '../bind/bind-views';

/**
 * Dataset-level lineage of a pipeline: which sources (files, tables, APIs)
 * each output (a file or a table) is made from, through which nodes, with
 * the columns of both as DuckDB binds them — for `duto lineage` and
 * metadata tools. Read from the compiled plan, so it is what a run does.
 */

export interface LineageDataset {
  node: string;
  /** The node type, e.g. `source.postgres`. */
  type: string;
  role: 'source' | 'output';
  /** A file path, or what a connector reads or writes (`warehouse: public.orders`). */
  location: string;
  /** Unknown (empty) where the node does not bind. */
  columns: Column[];
}

export interface LineageFlow {
  from: string;
  to: string;
  /** The nodes between them, in pipeline order. */
  through: string[];
}

export interface Lineage {
  datasets: LineageDataset[];
  flows: LineageFlow[];
}

export function lineageOf(analysis: Analysis, bound: BoundPlan): Lineage {
  const category = (id: string): string | undefined => analysis.nodes.get(id)?.def.category;
  const location = (id: string): string => {
    const step = bound.stepById.get(id);
    if (step === undefined) return '(does not compile)';
    if (step.externalSource !== undefined) return step.externalSource.describe;
    if (step.externalSink !== undefined) return step.externalSink.describe;
    if (step.sink !== undefined) return step.sink.path;
    if (step.deltaSink !== undefined) return step.deltaSink.path;
    if (step.deltaSource !== undefined)
      return `${step.deltaSource.table} (Delta version ${String(step.deltaSource.version)})`;
    return step.reads.map((r) => r.path).join(', ');
  };
  const upstream = (n: string): readonly string[] => analysis.nodes.get(n)?.upstream ?? [];
  const ancestors = (id: string): Set<string> => reachable(id, upstream);
  const downstream = downstreamOf(analysis.order, upstream);
  const descendants = (id: string): Set<string> => reachable(id, downstream);
  const dataset = (id: string, role: LineageDataset['role']): LineageDataset => ({
    node: id,
    type: analysis.nodes.get(id)?.def.type ?? '',
    role,
    location: location(id),
    columns: bound.schemas.get(id) ?? [],
  });
  const sources = analysis.order.filter((id) => category(id) === 'source');
  const outputs = analysis.order.filter((id) => category(id) === 'sink');
  const flows: LineageFlow[] = [];
  const below = new Map(sources.map((src) => [src, descendants(src)]));
  for (const out of outputs) {
    const above = ancestors(out);
    for (const src of sources) {
      if (!above.has(src)) continue;
      // Between them: above the output and below the source.
      const under = below.get(src) ?? new Set<string>();
      const through = analysis.order.filter((id) => id !== src && id !== out && above.has(id) && under.has(id));
      flows.push({ from: src, to: out, through });
    }
  }
  return {
    datasets: [...sources.map((id) => dataset(id, 'source')), ...outputs.map((id) => dataset(id, 'output'))],
    flows,
  };
}

/** The same lineage with file locations relative to `baseDir` (the pipeline's folder), for documents that travel with it. */
export function relativeLineage(l: Lineage, baseDir: string): Lineage {
  const rel = (loc: string): string => (isAbsolute(loc) ? relative(baseDir, loc).split(sep).join('/') || '.' : loc);
  return { ...l, datasets: l.datasets.map((d) => ({ ...d, location: rel(d.location) })) };
}
