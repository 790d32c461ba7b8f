import { dirname } from 'node:path';
import type { PipelineSession } from '../../electron/engine/api';
import { detectCsvDialect } from '../../electron/engine/csv-dialect';
import { openPipeline } from '../../electron/engine';
import type { PipelineDocument } from '../../shared/format/document';
import { formatDateValue } from './cell-text';

/** What Duto made of one file: its cells (header first), or why it refused it. */
export type ReadOutcome =
  | { accepted: true; cells: string[]; rows: number; rejected: number; warnings: number }
  | { accepted: false; problem: string };

type Cell = string | number | boolean | null;

/** A CSV source at a new node's defaults: nothing but the path (bad rows set aside). */
function csvOnly(path: string): PipelineDocument {
  return { format: 'duto.pipeline', version: 2, nodes: [{ id: 'src', type: 'source.csv', params: { path } }] };
}

async function allRows(
  s: PipelineSession,
  node: string,
): Promise<{ columns: Array<{ name: string; type: string }>; rows: Cell[][] }> {
  const rows: Cell[][] = [];
  let page = await s.preview(node, 10_000, 0);
  rows.push(...page.rows);
  while (page.more) {
    page = await s.preview(node, 10_000, rows.length);
    rows.push(...page.rows);
  }
  return { columns: page.columns, rows };
}

function cellText(v: Cell, type: string, dateFormat: string, timestampFormat: string): string {
  if (v === null) return '';
  if (typeof v === 'string' && type === 'DATE') return formatDateValue(v, dateFormat);
  if (typeof v === 'string' && type.startsWith('TIMESTAMP')) return formatDateValue(v, timestampFormat);
  return String(v);
}

/** Reads a file through the engine, as the app and the CLI do: a trusted session, a preview of every row. */
export async function readThroughEngine(path: string): Promise<ReadOutcome> {
  let session: PipelineSession | undefined;
  try {
    session = await openPipeline(csvOnly(path), { trust: 'trusted', baseDir: dirname(path), threads: 1 });
    const check = await session.validate();
    const problem = check.diagnostics.find((d) => d.severity === 'error');
    if (problem !== undefined) return { accepted: false, problem: problem.message };
    const out = await allRows(session, 'src');
    const rejected = (await allRows(session, 'src.rejected')).rows.length;
    const guess = detectCsvDialect(path);
    const dateFormat = 'problem' in guess ? '%Y-%m-%d' : (guess.dateFormat ?? '%Y-%m-%d');
    const timestampFormat = 'problem' in guess ? '%Y-%m-%d %H:%M:%S' : (guess.timestampFormat ?? '%Y-%m-%d %H:%M:%S');
    const cells = [...out.columns.map((c) => c.name)];
    for (const row of out.rows)
      row.forEach((v, i) => cells.push(cellText(v, out.columns[i]?.type ?? '', dateFormat, timestampFormat)));
    return {
      accepted: true,
      cells,
      rows: out.rows.length,
      rejected,
      warnings: check.diagnostics.filter((d) => d.severity === 'warning').length,
    };
  } catch (e) {
    return { accepted: false, problem: e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e) };
  } finally {
    session?.close();
  }
}
