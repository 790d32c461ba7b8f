import { diagnosticText } from '../../../shared/diagnostics';
import type { MessageLocale } from '../../../shared/messages/template';
import type { CheckResult, ProfileResult } from '../api';
import { escapeHtml } from './html-escape';
import type { Cell, DrawnChart, ReportData, ReportSection, RunSummary } from './report-model';
import { REPORT_CSS } from './report-style';
import { fill, reportText, type ReportText } from './report-text';

/**
 * The report as one self-contained HTML file: inline style, charts as inline
 * SVG, no script, nothing fetched. Pure and deterministic: the same data
 * gives the same bytes, but for the "generated" line. Every string from the
 * user or the data goes through escapeHtml; only the engine's own SVG
 * markup (drawn-chart.ts) is inserted as is.
 */
export function reportHtml(data: ReportData): string {
  const t = reportText(data.locale);
  const f = formats(data.locale);
  const body = data.sections.map((s) => section(s, t, f, data.locale)).join('\n');
  return `<!DOCTYPE html>
<html lang="${data.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Duto">
<title>${escapeHtml(data.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(data.title)}</h1>
<p class="generated">${escapeHtml(fill(t.generated, { time: f.date(data.generatedAt) }))}</p>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

interface Formats {
  number(n: number): string;
  date(d: Date): string;
  duration(ms: number): string;
}

function formats(locale: string): Formats {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const seconds = new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', maximumFractionDigits: 1 });
  return {
    number: (n) => number.format(n),
    date: (d) => date.format(d),
    duration: (ms) => seconds.format(ms / 1000),
  };
}

function section(s: ReportSection, t: ReportText, f: Formats, locale: MessageLocale): string {
  switch (s.kind) {
    case 'summary':
      return summary(s.run, t, f, locale);
    case 'checks':
      return checks(s.checks, t);
    case 'charts':
      return `<section class="charts" data-node="${escapeHtml(s.nodeId)}">
<h2>${escapeHtml(fill(t.charts, { node: s.nodeId }))}</h2>
${s.charts.length === 0 ? `<p class="muted">${escapeHtml(fill(t.noCharts, { node: s.nodeId }))}</p>` : s.charts.map((c) => chart(c, t)).join('\n')}
</section>`;
    case 'table':
      return table(s.nodeId, s.columns, s.rows, s.more, t, f);
    case 'profile':
      return profile(s.nodeId, s.profile, t, f);
    case 'failed': {
      const heading = s.heading === 'table' ? t.table : s.heading === 'profile' ? t.profile : t.charts;
      return `<section class="failed" data-node="${escapeHtml(s.nodeId)}">
<h2>${escapeHtml(fill(heading, { node: s.nodeId }))}</h2>
<p class="bad">${escapeHtml(fill(t.sectionFailed, { reason: s.problem }))}</p>
</section>`;
    }
  }
}

function summary(run: RunSummary | undefined, t: ReportText, f: Formats, locale: MessageLocale): string {
  if (run === undefined)
    return `<section class="summary">\n<h2>${escapeHtml(t.summary)}</h2>\n<p class="muted">${escapeHtml(t.noRun)}</p>\n</section>`;
  const r = run.result;
  const outcome = r.cancelled ? t.runCancelled : r.ok ? t.runOk : t.runFailed;
  // Per node, only what a run reused from the last one says the same: the outputs and their rows (an up-to-date output is not written again, and the nodes above it do not run).
  const failed = Object.entries(r.nodes).filter(([, n]) => n.status === 'failed');
  const outputs = r.outputs.map(
    (o) =>
      `<tr><td>${escapeHtml(o.nodeId)}</td><td>${escapeHtml(o.path)}</td><td class="num">${escapeHtml(f.number(o.rows))}</td></tr>`,
  );
  const problems = r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  return `<section class="summary">
<h2>${escapeHtml(t.summary)}</h2>
<p class="${r.ok ? 'ok' : 'bad'}"><strong>${escapeHtml(outcome)}</strong></p>
<p class="run-time">${escapeHtml(fill(t.ranAt, { time: f.date(run.at), duration: f.duration(r.elapsedMs) }))}</p>
${failed.length === 0 ? '' : `<p class="bad">${escapeHtml(t.failedNodes)}: ${failed.map(([id]) => escapeHtml(id)).join(', ')}</p>`}
${outputs.length === 0 ? '' : `<h3>${escapeHtml(t.outputs)}</h3>\n<div class="scroll"><table><thead><tr><th>${escapeHtml(t.node)}</th><th>${escapeHtml(t.file)}</th><th>${escapeHtml(t.rows)}</th></tr></thead><tbody>\n${outputs.join('\n')}\n</tbody></table></div>`}
${problems.length === 0 ? '' : `<h3>${escapeHtml(t.problems)}</h3>\n<ul>\n${problems.map((d) => `<li class="${d.severity === 'error' ? 'bad' : ''}">${escapeHtml(d.nodeId === undefined ? diagnosticText(d, locale) : `${d.nodeId}: ${diagnosticText(d, locale)}`)}</li>`).join('\n')}\n</ul>`}
</section>`;
}

function checks(list: readonly CheckResult[] | undefined, t: ReportText): string {
  const rows = (list ?? []).map(
    (c) =>
      `<tr><td>${escapeHtml(c.nodeId)}</td><td>${escapeHtml(c.description)}</td><td class="${c.ok ? 'ok' : 'bad'}">${escapeHtml(c.ok ? t.passed : t.failed)}</td><td>${escapeHtml(c.message ?? '')}</td></tr>`,
  );
  return `<section class="checks">
<h2>${escapeHtml(t.checks)}</h2>
${rows.length === 0 ? `<p class="muted">${escapeHtml(t.noChecks)}</p>` : `<div class="scroll"><table><tbody>\n${rows.join('\n')}\n</tbody></table></div>`}
</section>`;
}

function chart(c: DrawnChart | { title: string; problem: string }, t: ReportText): string {
  if ('problem' in c)
    return `<figure class="chart-problem"><figcaption>${escapeHtml(c.title)}</figcaption><p class="bad">${escapeHtml(fill(t.chartFailed, { reason: c.problem }))}</p></figure>`;
  const note =
    c.note === undefined ? '' : `\n<p class="muted">${escapeHtml(c.note === 'capped' ? t.capped : t.sampled)}</p>`;
  // The SVG is the engine's own markup (drawn-chart.ts escapes the data's text in it).
  return `<figure class="chart">
<figcaption>${escapeHtml(c.title)}</figcaption>
<div class="chart-light">${c.light}</div>
<div class="chart-dark">${c.dark}</div>${note}
</figure>`;
}

function cell(v: Cell, f: Formats): string {
  if (v === null) return '<td class="null">NULL</td>';
  if (typeof v === 'number') return `<td class="num">${escapeHtml(f.number(v))}</td>`;
  return `<td>${escapeHtml(String(v))}</td>`;
}

function table(
  nodeId: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly Cell[]>,
  more: boolean,
  t: ReportText,
  f: Formats,
): string {
  return `<section class="table" data-node="${escapeHtml(nodeId)}">
<h2>${escapeHtml(fill(t.table, { node: nodeId }))}</h2>
<p class="muted">${escapeHtml(fill(t.firstRows, { count: f.number(rows.length) }))}${more ? ` ${escapeHtml(t.moreRows)}` : ''}</p>
<div class="scroll"><table>
<thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((r) => `<tr>${r.map((v) => cell(v, f)).join('')}</tr>`).join('\n')}
</tbody>
</table></div>
</section>`;
}

/** A number as DuckDB prints one (no thousands separators, no exotic forms). */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

function profile(nodeId: string, p: ProfileResult, t: ReportText, f: Formats): string {
  // DuckDB gives statistics as text: numbers are shown in the locale, anything else (dates) as it is.
  const text = (v: string | null | undefined): string =>
    v === null || v === undefined ? '' : escapeHtml(PLAIN_NUMBER.test(v) ? f.number(Number(v)) : v);
  const rows = p.columns.map(
    (c) =>
      `<tr><td>${escapeHtml(c.name)}</td><td>${escapeHtml(c.type)}</td><td class="num">${escapeHtml(f.number(c.nullPercent))} %</td><td class="num">${escapeHtml(f.number(c.distinct))}</td><td>${text(c.min)}</td><td>${text(c.max)}</td><td>${text(c.avg)}</td><td>${text(c.median)}</td></tr>`,
  );
  return `<section class="profile" data-node="${escapeHtml(nodeId)}">
<h2>${escapeHtml(fill(t.profile, { node: nodeId }))}</h2>
<p class="muted">${escapeHtml(f.number(p.rows))} ${escapeHtml(t.rows.toLowerCase())}</p>
<div class="scroll"><table>
<thead><tr>${[t.column, t.type, t.empty, t.distinct, t.min, t.max, t.mean, t.median].map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</section>`;
}
