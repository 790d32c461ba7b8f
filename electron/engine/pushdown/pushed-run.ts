import type { NodePlacement } from '../../../shared/ipc/results';
import type { ProgressEvent, RunResult } from '../api';
import type { PushdownSplit } from './plan-pushdown';

/**
 * A pushed run has one node where its chain was (pushedDocument): the nodes
 * folded into it still get its status, as nodes streamed inside a later
 * node's query do, without row counts (the database gave none per node).
 */

/** Folded node id → the chain's last node, whose source it became. */
export function foldedNodes(split: PushdownSplit): Map<string, string> {
  const folded = new Map<string, string>();
  for (const c of split.chains) {
    const last = c.nodes[c.nodes.length - 1];
    if (last === undefined) continue;
    for (const id of c.nodes.slice(0, -1)) folded.set(id, last);
  }
  return folded;
}

/**
 * The split without the chains that would fold `nodeId` away: a run up to a
 * node inside a chain (run to here) runs that chain in DuckDB.
 */
export function keepingNode(split: PushdownSplit, nodeId: string | undefined): PushdownSplit {
  if (nodeId === undefined) return split;
  const chains = split.chains.filter((c) => !c.nodes.slice(0, -1).includes(nodeId));
  const ends = new Set(chains.map((c) => c.nodes[c.nodes.length - 1]));
  const loads = split.loads?.filter((l) => ends.has(l.sourceId));
  return { ...split, chains, ...(loads === undefined ? {} : { loads }) };
}

/** The events of a chain's last node, repeated for the nodes folded into it. */
export function unfoldProgress(e: ProgressEvent, folded: Map<string, string>): ProgressEvent[] {
  const events: ProgressEvent[] = [];
  for (const [id, last] of folded)
    if (last === e.nodeId) events.push({ nodeId: id, status: e.status, elapsedMs: e.elapsedMs, streamed: true });
  return [...events, e];
}

/** The result with the folded nodes given their chain's status. */
export function unfoldResult(result: RunResult, folded: Map<string, string>): RunResult {
  const nodes = { ...result.nodes };
  for (const [id, last] of folded) {
    const ran = result.nodes[last];
    if (ran !== undefined) nodes[id] = { status: ran.status, elapsedMs: ran.elapsedMs, streamed: true };
  }
  return { ...result, nodes };
}

/** Where each node of the split runs, for the canvas: a chain's nodes in their database, the node below it in DuckDB and why. */
export function nodePlacement(split: PushdownSplit): Record<string, NodePlacement> {
  const placement: Record<string, NodePlacement> = {};
  for (const c of split.chains) {
    for (const id of c.nodes) placement[id] = { target: c.target.label };
    // A sink that writes the chain on its server (ELT) runs there too.
    for (const l of split.loads ?? [])
      if (l.sourceId === c.nodes[c.nodes.length - 1]) placement[l.sinkId] = { target: c.target.label };
  }
  for (const k of split.kept)
    placement[k.nodeId] = {
      target: 'DuckDB',
      missed: { database: k.target, reason: k.reason, why: k.why },
    };
  return placement;
}
