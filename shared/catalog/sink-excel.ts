import { sheetNameProblem, type ExcelSinkConfig } from '../external/excel';
import { defineNode } from './node-type';
import { p } from './params';
import { sinkMode } from './sink-common';

/** Excel's longest sheet name. */
const SHEET_NAME_MAX = 31;

export const sinkExcel = defineNode({
  type: 'sink.excel',
  version: 1,
  category: 'sink',
  label: 'Excel workbook',
  description: 'Writes rows as a sheet of an Excel workbook (.xlsx) with a header row and typed cells, e.g. report.xlsx, sheet "Summary". Written atomically.',
  keywords: ['excel', 'xlsx', 'spreadsheet', 'workbook', 'sheet', 'write', 'export'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [],
  params: {
    path: p.path({ label: 'Output workbook', access: 'write', accepts: 'file', extensions: ['xlsx'] }),
    sheet: p.string({ label: 'Sheet name', placeholder: 'named after the input node', description: 'At most 31 characters, none of : \\ / ? * [ ].' }),
    header: p.boolean({ label: 'Write a header row', default: true }),
    mode: sinkMode(),
  },
  compile(ctx) {
    const o = ctx.params;
    const input = ctx.inputs['in']?.[0];
    if (input === undefined) return { issues: [{ message: 'input is not connected' }] };
    const abs = ctx.resolvePath(o.path);
    if (ctx.statPath(abs) === 'dir') return { issues: [{ param: 'path', message: `${abs} is a folder; give a file name` }] };
    const sheet = o.sheet.trim() === '' ? input.nodeId.slice(0, SHEET_NAME_MAX) : o.sheet.trim();
    const problem = sheetNameProblem(sheet);
    if (problem !== undefined) return { issues: [{ param: 'sheet', message: problem }] };
    const config: ExcelSinkConfig = { path: abs, sheet, header: o.header, ifExists: o.mode };
    return { externalSink: { kind: 'excel', config, input: input.sql, param: 'path', describe: `${abs}: sheet ${sheet}` } };
  },
});
