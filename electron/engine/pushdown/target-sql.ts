import { pushdownMessage, pushdownText } from '../../../shared/messages/pushdown-messages';
import type { MessageLocale } from '../../../shared/messages/template';
import type { PushdownSplit } from './plan-pushdown';

/**
 * `duto sql --target`: per pushed part, the nodes it covers and the SQL its
 * database runs (and, for ELT, the sink that writes it there); then the
 * DuckDB script of the rest, in which each part is a source reading its
 * result. Headers are SQL comments, so the text stays a script to read.
 */
export function targetSqlText(split: PushdownSplit, duckdb: string, locale: MessageLocale = 'en'): string {
  const lines: string[] = [];
  const loads = split.loads ?? [];
  for (const c of split.chains) {
    const written = loads.filter((l) => l.sourceId === c.nodes[c.nodes.length - 1]);
    const nodes = [...c.nodes, ...written.map((l) => l.sinkId)].join(' → ');
    lines.push(`-- ${pushdownText(pushdownMessage('explain.database', { database: c.target.label, nodes }), locale)}`);
    lines.push(`${c.sql};`);
    for (const l of written)
      lines.push(
        `-- ${pushdownText(pushdownMessage('explain.elt', { node: l.sinkId, table: l.table, mode: l.mode }), locale)}`,
      );
    lines.push('');
  }
  lines.push(`-- ${pushdownText(pushdownMessage('sql.duckdb', {}), locale)}`, duckdb.trimEnd(), '');
  return lines.join('\n');
}
