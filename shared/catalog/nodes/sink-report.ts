import { defineNode } from '../node-type';
import { p } from '../params';
import { sinkMode } from '../sink-common';

/** The most rows a table section shows: a report is read, not scrolled. */
export const REPORT_TABLE_ROWS_MAX = 1000;

export const sinkReport = defineNode({
  type: 'sink.report',
  version: 1,
  category: 'sink',
  label: 'HTML report',
  description:
    'Writes one self-contained HTML page (report.html) after the run: the saved charts, first rows and profiles of the nodes you name, the data checks and what the run did. No script and nothing fetched: it opens anywhere, offline. Written atomically.',
  keywords: ['report', 'html', 'dashboard', 'chart', 'page', 'summary', 'export'],
  inputs: [],
  outputs: [],
  params: {
    path: p.path({ label: 'Output page', access: 'write', accepts: 'file', extensions: ['html', 'htm'] }),
    title: p.string({ label: 'Title', placeholder: 'the pipeline name', maxLength: 200 }),
    summary: p.boolean({ label: 'Show what the run did', default: true }),
    checks: p.boolean({ label: 'Show the data checks', default: true }),
    charts: p.strings({ label: 'Charts of these nodes', description: "Node ids; each node's saved charts are drawn." }),
    tables: p.strings({ label: 'First rows of these nodes', description: 'Node ids.' }),
    tableRows: p.number({ label: 'Rows per table', default: 20, min: 1, max: REPORT_TABLE_ROWS_MAX, integer: true }),
    profiles: p.strings({
      label: 'Profiles of these nodes',
      description: "Node ids; every column's empty and distinct values, min, max, mean.",
    }),
    mode: sinkMode(),
  },
  compile(ctx) {
    const o = ctx.params;
    const abs = ctx.resolvePath(o.path);
    if (ctx.statPath(abs) === 'dir')
      return { issues: [{ param: 'path', message: `${abs} is a folder; give a file name` }] };
    for (const param of ['charts', 'tables', 'profiles'] as const) {
      const twice = o[param].find((id, i) => o[param].indexOf(id) !== i);
      if (twice !== undefined) return { issues: [{ param, message: `names node ${twice} twice` }] };
    }
    // Whether the ids name nodes of the pipeline is checked by the engine, which knows them (report/report-refusals.ts).
    return {
      report: {
        path: abs,
        mode: o.mode,
        title: o.title.trim(),
        charts: o.charts,
        tables: o.tables,
        tableRows: o.tableRows,
        profiles: o.profiles,
        checks: o.checks,
        summary: o.summary,
      },
    };
  },
});
