import type { Lineage } from '../../engine/preview/lineage';
import type { ColumnLineage } from '../../../shared/lineage/column-lineage';
import { EXIT, type ExitCode } from '../exit';
import { printJson } from '../format';
import type { Io } from '../io';
import { openSession } from '../session';
import type { SessionOpts } from '../pipeline-options';

export interface LineageOpts extends SessionOpts {
  json?: boolean;
  /** Column-level lineage too: each output column's source columns and path. */
  columns?: boolean;
}

/**
 * `duto lineage FILE`: for each output, the sources it is made from and the
 * nodes between; `--json` adds every dataset's columns, for metadata tools.
 */
export async function lineageCommand(file: string, opts: LineageOpts, io: Io): Promise<ExitCode> {
  const session = await openSession(file, opts);
  try {
    const lineage = session.lineage();
    // Always in --json (metadata tools want it); in text with --columns.
    const columns = opts.json === true || opts.columns === true ? await session.columnLineage() : undefined;
    if (opts.json === true) printJson(io, { ...lineage, columns });
    else io.out(columns === undefined ? text(lineage) : columnsText(columns));
    return EXIT.ok;
  } finally {
    session.close();
  }
}

function text(l: Lineage): string {
  const at = new Map(l.datasets.map((d) => [d.node, d]));
  const outputs = l.datasets.filter((d) => d.role === 'output');
  if (outputs.length === 0) return 'no outputs: nothing is written\n';
  return outputs
    .map((o) => {
      const from = l.flows.filter((f) => f.to === o.node);
      const lines = from.map(
        (f) =>
          `  ← ${f.from} (${at.get(f.from)?.location ?? '?'})${f.through.length === 0 ? '' : ` via ${f.through.join(', ')}`}`,
      );
      return `${o.node} → ${o.location}\n${lines.length === 0 ? '  (no source)' : lines.join('\n')}\n`;
    })
    .join('');
}

/** `report.revenue ← orders.amount via paid_orders, with_revenue (transformation)`, one line per output column. */
export function columnsText(l: ColumnLineage): string {
  if (l.outputs.length === 0) return 'no outputs: nothing is written\n';
  return l.outputs
    .map((c) => {
      const target = `${c.node}.${c.column}`;
      if (c.unknown.length > 0) return `${target} ← unknown (${c.unknown.join('; ')})\n`;
      if (c.sources.length === 0)
        return `${target} ← no source column (a constant or a count)${c.through.length === 0 ? '' : ` via ${c.through.join(', ')}`}\n`;
      const kinds = [...new Set(c.sources.map((s) => s.subtype))];
      const kind = kinds.includes('AGGREGATION')
        ? 'aggregation'
        : kinds.includes('TRANSFORMATION')
          ? 'transformation'
          : 'identity';
      return `${target} ← ${c.sources.map((s) => `${s.node}.${s.column}`).join(', ')}${c.through.length === 0 ? '' : ` via ${c.through.join(', ')}`} (${kind})\n`;
    })
    .join('');
}
