import type { ReportSinkSpec } from '../../../shared/catalog/node-type';
import { chartSpecOf, type SavedChart } from '../../../shared/charts/chart-spec';
import { diagnosticText, DutoError } from '../../../shared/diagnostics';
import type { MessageLocale } from '../../../shared/messages/template';
import type { PipelineSession, RunResult } from '../api';
import type { ReportData, ReportSection, RunSummary } from './report-model';

/** What a report reads from a session: the document (saved charts) and the node queries previews use. */
export type ReportSource = Pick<PipelineSession, 'document' | 'chart' | 'profile' | 'preview'>;

/** The run a report is about, when there is one: its result and when it started. */
export interface ReportRun {
  at: Date;
  result: RunResult;
}

/**
 * Gathers a report's sections in a fixed order — run summary, data checks,
 * then each named node's charts, rows and profile in the order the spec
 * lists them — so that the same data gives the same page. A node whose
 * section cannot be computed gets the reason in its place; the rest of the
 * report is still written.
 */
export async function gatherReport(
  source: ReportSource,
  spec: Omit<ReportSinkSpec, 'path' | 'mode'>,
  run: ReportRun | undefined,
  o: { locale: MessageLocale; now: Date; signal?: AbortSignal; self?: string },
): Promise<ReportData> {
  const sections: ReportSection[] = [];
  if (spec.summary) sections.push({ kind: 'summary', run: run === undefined ? undefined : summaryOf(run, o.self) });
  if (spec.checks) sections.push({ kind: 'checks', checks: run?.result.checks });
  let drawn = 0;
  for (const nodeId of spec.charts) {
    const saved: readonly SavedChart[] = source.document.nodes.find((n) => n.id === nodeId)?.charts ?? [];
    const charts = [];
    for (const chart of saved) {
      drawn += 1;
      const title = chart.title ?? defaultTitle(chart);
      try {
        const result = await source.chart(nodeId, chartSpecOf(chart), o.signal);
        // ECharts is 1.5 MB of code: loaded by the first report that draws a chart, never by a run without one.
        const { drawChart } = await import('./drawn-chart');
        charts.push({ title, ...drawChart(chart, result, o.locale, `c${String(drawn)}`) });
      } catch (e) {
        charts.push({ title, problem: reason(e, o.locale) });
      }
    }
    sections.push({ kind: 'charts', nodeId, charts });
  }
  for (const nodeId of spec.tables) {
    try {
      const p = await source.preview(nodeId, spec.tableRows, 0, o.signal);
      sections.push({ kind: 'table', nodeId, columns: p.columns.map((c) => c.name), rows: p.rows, more: p.more });
    } catch (e) {
      sections.push({ kind: 'failed', nodeId, heading: 'table', problem: reason(e, o.locale) });
    }
  }
  for (const nodeId of spec.profiles) {
    try {
      sections.push({ kind: 'profile', nodeId, profile: await source.profile(nodeId, o.signal) });
    } catch (e) {
      sections.push({ kind: 'failed', nodeId, heading: 'profile', problem: reason(e, o.locale) });
    }
  }
  return {
    title: spec.title === '' ? (source.document.name ?? 'Duto') : spec.title,
    locale: o.locale,
    generatedAt: o.now,
    sections,
  };
}

/** The run without the report writing itself (still running while it is written). */
function summaryOf(run: ReportRun, self: string | undefined): RunSummary {
  const nodes = Object.fromEntries(Object.entries(run.result.nodes).filter(([id]) => id !== self));
  return { at: run.at, result: { ...run.result, nodes } };
}

function defaultTitle(chart: SavedChart): string {
  return chart.y === undefined ? `${chart.type}: ${chart.x}` : `${chart.type}: ${chart.y} × ${chart.x}`;
}

/** A failed query's diagnostics in the report's language (the stack never reaches a page). */
function reason(e: unknown, locale: MessageLocale): string {
  if (e instanceof DutoError) return e.diagnostics.map((d) => diagnosticText(d, locale)).join('; ');
  return e instanceof Error ? e.message : String(e);
}
