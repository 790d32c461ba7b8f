import { DuckDBInstance } from '@duckdb/node-api';
import type { PipelineSession } from '../api';
import type { PipelineDocument, PipelineNode } from '../../../shared/format/document';
import { pushdownMessage, pushdownText, type PushdownMessage } from '../../../shared/messages/pushdown-messages';
import type { MessageLocale } from '../../../shared/messages/template';
import { planServerLoads } from './plan-elt';
import { planPushdown, pushdownAllowed, type PushdownSplit } from './plan-pushdown';

/**
 * The pushdown split of an open pipeline (expressions parsed by a DuckDB of its own).
 * `enabled`: the pipeline's switch (`pushdown: false` in the document turns it off) unless the caller forces it.
 */
export async function pushdownSplit(
  doc: PipelineDocument,
  session: Pick<PipelineSession, 'schema'>,
  enabled = doc.pushdown !== false,
): Promise<PushdownSplit> {
  if (!mayPush(doc, enabled)) return { chains: [], kept: [] };
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return planServerLoads(
      doc,
      await planPushdown(conn, doc, async (id) => (await session.schema(id)).columns, enabled),
    );
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** Whether planning can find anything: the switch is on and a chain could start somewhere (else no DuckDB is opened for it). */
export function mayPush(doc: PipelineDocument, enabled = doc.pushdown !== false): boolean {
  return enabled && doc.nodes.some(maySource);
}

/** A node a chain could start from: a database table source the user has not kept in DuckDB. */
function maySource(node: PipelineNode): boolean {
  return (
    ['source.postgres', 'source.mysql', 'source.clickhouse'].includes(node.type) &&
    node.disabled !== true &&
    pushdownAllowed(node)
  );
}

/** The split as text: per part the database, its nodes and its SQL; then the nodes kept in DuckDB and why. */
export function explainText(doc: PipelineDocument, split: PushdownSplit, locale: MessageLocale = 'en'): string {
  const say = (m: PushdownMessage): string => pushdownText(m, locale);
  const lines: string[] = doc.pushdown === false ? [say(pushdownMessage('explain.off', {})), ''] : [];
  const loads = split.loads ?? [];
  const pushed = new Set([...split.chains.flatMap((c) => c.nodes), ...loads.map((l) => l.sinkId)]);
  for (const c of split.chains) {
    const written = loads.filter((l) => l.sourceId === c.nodes[c.nodes.length - 1]);
    const nodes = [...c.nodes, ...written.map((l) => l.sinkId)];
    lines.push(
      say(pushdownMessage('explain.database', { database: c.target.label, nodes: nodes.join(' → ') })),
      ...c.sql.split('\n').map((l) => `  ${l}`),
      ...written.map(
        (l) => `  ${say(pushdownMessage('explain.elt', { node: l.sinkId, table: l.table, mode: l.mode }))}`,
      ),
      '',
    );
  }
  const kept = new Map(split.kept.map((k) => [k.nodeId, k]));
  for (const node of doc.nodes) {
    if (pushed.has(node.id)) continue;
    const why = kept.get(node.id);
    lines.push(
      say(
        why === undefined
          ? pushdownMessage('explain.duckdb', { node: node.id })
          : pushdownMessage('explain.kept', { node: node.id, database: why.target, reason: say(why.why) }),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
