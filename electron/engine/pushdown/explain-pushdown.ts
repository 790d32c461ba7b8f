import { DuckDBInstance } from '@duckdb/node-api';
import type { PipelineSession } from '../api';
import type { PipelineDocument } from '../../../shared/format/document';
import { pushdownMessage, pushdownText, type PushdownMessage } from '../../../shared/messages/pushdown-messages';
import type { MessageLocale } from '../../../shared/messages/template';
import { planPushdown, type PushdownSplit } from './plan-pushdown';

/** The pushdown split of an open pipeline (expressions parsed by a DuckDB of its own). */
export async function pushdownSplit(doc: PipelineDocument, session: PipelineSession): Promise<PushdownSplit> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return await planPushdown(conn, doc, async (id) => (await session.schema(id)).columns);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** The split as text: per part the database, its nodes and its SQL; then the nodes kept in DuckDB and why. */
export function explainText(doc: PipelineDocument, split: PushdownSplit, locale: MessageLocale = 'en'): string {
  const say = (m: PushdownMessage): string => pushdownText(m, locale);
  const lines: string[] = [];
  const pushed = new Set(split.chains.flatMap((c) => c.nodes));
  for (const c of split.chains) {
    lines.push(
      say(pushdownMessage('explain.database', { database: c.target.label, nodes: c.nodes.join(' → ') })),
      ...c.sql.split('\n').map((l) => `  ${l}`),
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
