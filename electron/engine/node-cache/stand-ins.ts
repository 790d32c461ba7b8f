import { join } from 'node:path';
import { reachable } from '../../../shared/compiler/graph';
import type { Analysis, AnalyzedNode } from '../../../shared/compiler/plan';
import { hasErrors, type Diagnostic } from '../../../shared/diagnostics';
import { refNode, refPort, type PipelineDocument } from '../../../shared/format/document';
import { entryProblem, entryWarnings, type CacheEntry } from './cache-store';
import type { NodeCachePlan } from './node-cache-plan';

/**
 * Stand-ins (issue #12): a run session for one whole run (the CLI's `duto
 * run`) reads the nearest node results the cache holds whole as Parquet
 * sources in their nodes' place, and does not analyse, sniff, compile or
 * bind what only they needed. Binding a node costs DuckDB a view and a
 * describe, more the deeper its chain: a re-run after editing the last
 * node of a long pipeline otherwise binds all of it to read one entry.
 *
 * Chosen exactly as a run would reuse them (run/node-reuse.ts): kept nodes
 * with a whole entry (size and checksum), no data check above them, read
 * by their consumers through their main output only. A node every path
 * from an output reaches only through a stand-in is left out.
 */

export interface StandIns {
  dir: string;
  /** Node → the entry read in its place. */
  reused: Map<string, CacheEntry>;
  /** What only the stand-ins needed, in pipeline order: neither bound nor run. */
  skipped: string[];
  /** Of the skipped and the stand-ins, what a run needs (above a sink or a check), in pipeline order: reported from the cache. */
  reported: string[];
  /** Every node a run needs, in pipeline order: the order its result lists them in, as a whole run's would. */
  order: string[];
}

/**
 * Whether a node's result may be kept and reused as far as what is above it
 * goes (run/node-reuse.ts and the stand-ins alike): every node of its lineage
 * compiled, none a data check, none reading another node's port than `out`
 * (rows a source set aside must be seen by every run's own scan).
 */
export function reusableLineage(analysis: Analysis, id: string, failed: ReadonlySet<string>): boolean {
  for (const n of reachable(id, (x) => analysis.nodes.get(x)?.upstream ?? [])) {
    const node = analysis.nodes.get(n);
    if (node === undefined || failed.has(n) || node.def.category === 'quality') return false;
    if (
      Object.values(node.inputs)
        .flat()
        .some((ref) => refPort(ref) !== 'out')
    )
      return false;
  }
  return true;
}

/** The stand-ins of a run, or undefined when the cache spares it nothing. `failed`: nodes with errors. */
export function chooseStandIns(
  analysis: Analysis,
  cache: NodeCachePlan,
  failed: ReadonlySet<string>,
): StandIns | undefined {
  const consumers = new Map<string, Array<{ id: string; port: string }>>();
  for (const [id, node] of analysis.nodes)
    for (const ref of Object.values(node.inputs).flat())
      consumers.set(refNode(ref), [...(consumers.get(refNode(ref)) ?? []), { id, port: refPort(ref) }]);
  const standsIn = (id: string): CacheEntry | undefined => {
    const entry = cache.entries.get(id);
    const category = analysis.nodes.get(id)?.def.category;
    if (entry === undefined || !cache.persist.has(id) || !cache.prints.has(id)) return undefined;
    if (category === 'sink' || category === 'quality') return undefined;
    if ((consumers.get(id) ?? []).some((c) => c.port !== 'out')) return undefined;
    if (!reusableLineage(analysis, id, failed)) return undefined;
    return entryProblem(cache.dir, entry) === undefined ? entry : undefined;
  };

  const reused = new Map<string, CacheEntry>();
  const bound = new Set<string>();
  // From every output (a node nothing reads): down to the first stand-in on each path.
  const outputs = new Set(analysis.order.filter((id) => (consumers.get(id) ?? []).length === 0));
  // A report draws, lists and profiles the nodes it names, inputs or not: each is read, itself or as a stand-in.
  const pending = [...outputs, ...reportedNodes(analysis).filter((id) => analysis.nodes.has(id))];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (bound.has(id) || reused.has(id)) continue;
    const entry = outputs.has(id) ? undefined : standsIn(id);
    if (entry !== undefined) {
      reused.set(id, entry);
      continue;
    }
    bound.add(id);
    pending.push(...(analysis.nodes.get(id)?.upstream ?? []));
  }
  if (reused.size === 0) return undefined;
  const skipped = analysis.order.filter((id) => !bound.has(id) && !reused.has(id));
  const targets = analysis.order.filter((id) => {
    const category = analysis.nodes.get(id)?.def.category;
    return category === 'sink' || category === 'quality';
  });
  const needed = new Set(targets.flatMap((t) => [...reachable(t, (n) => analysis.nodes.get(n)?.upstream ?? [])]));
  const reported = analysis.order.filter((id) => needed.has(id) && !bound.has(id));
  return { dir: cache.dir, reused, skipped, reported, order: analysis.order.filter((id) => needed.has(id)) };
}

/** The nodes the pipeline's reports (sink.report) name: their charts, rows and profiles are read after the run. */
function reportedNodes(analysis: Analysis): string[] {
  const named: string[] = [];
  for (const node of analysis.nodes.values()) {
    if (node.def.type !== 'sink.report' || node.params === null) continue;
    for (const param of ['charts', 'tables', 'profiles']) {
      const ids: unknown = node.params[param];
      if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') named.push(id);
    }
  }
  return named;
}

/**
 * The analysis the run binds: skipped nodes left out, each stand-in a
 * `source.parquet` of its entry (analysed by `analyzeDoc`, as any source)
 * under the node's own id. Undefined when a stand-in does not analyse.
 */
export function standInAnalysis(
  analysis: Analysis,
  doc: PipelineDocument,
  standIns: StandIns,
  analyzeDoc: (doc: PipelineDocument) => Analysis,
): Analysis | undefined {
  const sources = analyzeDoc({
    ...doc,
    nodes: [...standIns.reused].map(([id, entry]) => ({
      id,
      type: 'source.parquet',
      params: { path: join(standIns.dir, entry.file) },
    })),
  });
  if (hasErrors(sources.diagnostics)) return undefined;
  const left = new Set(standIns.skipped);
  const nodes = new Map<string, AnalyzedNode>();
  for (const [id, node] of analysis.nodes) {
    if (left.has(id)) continue;
    const source = sources.nodes.get(id);
    if (standIns.reused.has(id) && source === undefined) return undefined;
    nodes.set(id, source ?? node);
  }
  const gone = (d: Diagnostic): boolean =>
    d.nodeId !== undefined && (left.has(d.nodeId) || standIns.reused.has(d.nodeId));
  return {
    order: analysis.order.filter((id) => !left.has(id)),
    nodes,
    // The left-out nodes' warnings come back from the entries (standInWarnings); the stand-ins' own
    // (a source nothing reads yet) are about the cache, not the pipeline.
    diagnostics: analysis.diagnostics.filter((d) => !gone(d)),
  };
}

/** The cache plan without the stand-ins: the run neither reuses nor writes them again; the prints stay the pipeline's. */
export function withoutStandIns(cache: NodeCachePlan, standIns: StandIns): NodeCachePlan {
  const out = (ids: Iterable<string>): Set<string> => new Set([...ids].filter((id) => !standIns.reused.has(id)));
  return {
    ...cache,
    persist: out(cache.persist),
    writes: out(cache.writes),
    entries: new Map([...cache.entries].filter(([id]) => !standIns.reused.has(id))),
    names: new Map([...cache.names].filter(([id]) => !standIns.reused.has(id))),
  };
}

/** Whether every stand-in's entry is still whole (a run checks again before it reads them). */
export function standInsWhole(standIns: StandIns): boolean {
  return [...standIns.reused.values()].every((entry) => entryProblem(standIns.dir, entry) === undefined);
}

/** The warnings the nodes above the stand-ins had when their entries were computed, once each. */
export function standInWarnings(standIns: StandIns): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const entry of standIns.reused.values())
    for (const w of entryWarnings(entry)) {
      const key = `${w.code}\0${w.nodeId ?? ''}\0${w.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(w);
    }
  return out;
}
