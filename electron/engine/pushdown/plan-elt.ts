import { z } from 'zod';
import { splitQualified } from '../../../shared/catalog/qualified-table';
import { nodeInputRefs, refNode, type PipelineDocument, type PipelineNode } from '../../../shared/format/document';
import { pushdownMessage, pushdownText, type PushdownMessage } from '../../../shared/messages/pushdown-messages';
import type { PushdownSplit } from './plan-pushdown';

/**
 * ELT (issue #15): a pushed part whose only reader is a table sink on the
 * same connection is not streamed through DuckDB at all: the sink writes it
 * with `INSERT … SELECT` on the server, in the transaction its streamed load
 * would use (same modes, staging, column types, row count). A sink that
 * cannot take it (another connection, another MySQL database, switched off,
 * a part read by other nodes too) streams as today, and says why.
 */

export interface ServerLoad {
  /** The sink that writes on its server. */
  sinkId: string;
  /** The part's last node: the source of the pushed document the sink reads. */
  sourceId: string;
  /** The table as the sink names it, and its write mode (for `duto explain`). */
  table: string;
  mode: string;
}

/** The table sink that can write what a part of each database computes (ClickHouse's sink has no INSERT … SELECT here). */
const SINK_OF: Readonly<Record<string, string>> = { postgres: 'sink.postgres', mysql: 'sink.mysql' };
const SOURCE_TO_SINK: Readonly<Record<string, string>> = {
  'source.postgres': 'sink.postgres',
  'source.mysql': 'sink.mysql',
};

const sinkParams = z.object({
  connection: z.string(),
  schema: z.string().default(''),
  table: z.string().min(1),
  mode: z.string().default('replace'),
});
const connectionParam = z.object({ connection: z.string() });

/** The nodes reading each node. */
function readersOf(doc: PipelineDocument): Map<string, PipelineNode[]> {
  const readers = new Map<string, PipelineNode[]>();
  for (const node of doc.nodes)
    for (const ref of nodeInputRefs(node)) readers.set(refNode(ref), [...(readers.get(refNode(ref)) ?? []), node]);
  return readers;
}

/**
 * Whether a table source alone (a part of one node) is worth pushing: its only reader is a table
 * sink of its database, which may then copy it on the server. The planner keeps it only if that happens.
 */
export function feedsServerSink(source: PipelineNode, readers: readonly PipelineNode[] | undefined): boolean {
  const [only] = readers ?? [];
  return readers?.length === 1 && only !== undefined && SOURCE_TO_SINK[source.type] === only.type;
}

/** The split with the loads its sinks make on their servers, why the others do not, and no part of one node left without a load. */
export function planServerLoads(doc: PipelineDocument, split: PushdownSplit): PushdownSplit {
  const readers = readersOf(doc);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const loads: ServerLoad[] = [];
  const said = new Map<string, { nodeId: string; target: string; reason: string; why: PushdownMessage }>();
  for (const chain of split.chains) {
    const last = chain.nodes[chain.nodes.length - 1];
    const source = byId.get(chain.sourceId);
    const from = connectionParam.safeParse(source?.params ?? {});
    if (last === undefined || !from.success) continue;
    const below = readers.get(last) ?? [];
    for (const sink of below) {
      if (sink.type !== SINK_OF[chain.target.name] || sink.disabled === true) continue;
      const p = sinkParams.safeParse(sink.params ?? {});
      // A sink DuckDB cannot compile reports its own error on the streamed path.
      if (!p.success) continue;
      const keep = (why: PushdownMessage): void => {
        said.set(sink.id, { nodeId: sink.id, target: chain.target.label, reason: pushdownText(why), why });
      };
      const named = splitQualified(p.data.schema, p.data.table);
      if (below.length !== 1) keep(pushdownMessage('shared-input', {}));
      else if (sink.pushdown === false) keep(pushdownMessage('switched-off', {}));
      else if (p.data.connection !== from.data.connection) keep(pushdownMessage('elt-connection', {}));
      else if (chain.target.name === 'mysql' && named.schema !== '')
        keep(pushdownMessage('elt-database', { database: named.schema }));
      else
        loads.push({
          sinkId: sink.id,
          sourceId: last,
          table: named.schema === '' ? named.table : `${named.schema}.${named.table}`,
          mode: p.data.mode,
        });
    }
  }
  const loaded = new Set(loads.map((l) => l.sourceId));
  const chains = split.chains.filter((c) => c.nodes.length > 1 || loaded.has(c.nodes[0] ?? ''));
  const pushed = new Set(chains.flatMap((c) => c.nodes));
  const sinks = new Set(loads.map((l) => l.sinkId));
  // A sink's "not pushed yet" gives way to what ELT says of it; a part of one node that loads nothing is not pushed.
  const kept = [
    ...split.kept.filter((k) => !said.has(k.nodeId) && !sinks.has(k.nodeId) && !pushed.has(k.nodeId)),
    ...said.values(),
  ].filter((k) => byId.has(k.nodeId));
  return { chains, kept, ...(loads.length === 0 ? {} : { loads }) };
}
