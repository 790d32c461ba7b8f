import { sheetNameProblem, type ExcelSinkConfig } from '../../external/excel';
import { defineNode } from '../node-type';
import { p } from '../params';
import { sinkMode } from '../sink-common';

/** Excel's longest sheet name. */
const SHEET_NAME_MAX = 31;

export const sinkExcel = defineNode({
  type: 'sink.excel',
  version: 1,
  category: 'sink',
  label: 'Excel workbook',
  description:
    'Writes rows as sheets of an Excel workbook (.xlsx) with a header row and typed cells: one sheet per input, named after the input node (one input may be named, e.g. report.xlsx, sheet "Summary"). Written atomically.',
  keywords: ['excel', 'xlsx', 'spreadsheet', 'workbook', 'sheet', 'write', 'export'],
  inputs: [{ name: 'in', label: 'Rows', multi: true }],
  outputs: [],
  params: {
    path: p.path({ label: 'Output workbook', access: 'write', accepts: 'file', extensions: ['xlsx'] }),
    sheet: p.string({
      label: 'Sheet name',
      placeholder: 'named after the input node',
      description:
        'With one input only; several inputs are each written to a sheet named after the input node. At most 31 characters, none of : \\ / ? * [ ].',
    }),
    header: p.boolean({ label: 'Write a header row', default: true }),
    mode: sinkMode(),
  },
  compile(ctx) {
    const o = ctx.params;
    const inputs = ctx.inputs.in;
    const first = inputs[0];
    const abs = ctx.resolvePath(o.path);
    if (ctx.statPath(abs) === 'dir')
      return { issues: [{ param: 'path', message: `${abs} is a folder; give a file name` }] };
    const config = (sheet: string): ExcelSinkConfig => ({ path: abs, sheet, header: o.header, ifExists: o.mode });
    if (inputs.length === 1) {
      const sheet = o.sheet.trim() === '' ? first.nodeId.slice(0, SHEET_NAME_MAX) : o.sheet.trim();
      const problem = sheetNameProblem(sheet);
      if (problem !== undefined) return { issues: [{ param: 'sheet', message: problem }] };
      return {
        externalSink: {
          kind: 'excel',
          config: config(sheet),
          input: first.sql,
          param: 'path',
          describe: `${abs}: sheet ${sheet}`,
          file: abs,
        },
      };
    }
    // Several inputs: a sheet each, named after its input node.
    if (o.sheet.trim() !== '') {
      return {
        issues: [
          {
            param: 'sheet',
            message: `names one sheet, but ${String(inputs.length)} inputs are connected and each is written to a sheet named after its input node; clear the sheet name`,
          },
        ],
      };
    }
    const sheets: Array<{ name: string; sql: string }> = [];
    const byName = new Map<string, string>();
    for (const input of inputs) {
      const name = input.nodeId.slice(0, SHEET_NAME_MAX);
      const problem = sheetNameProblem(name);
      if (problem !== undefined) return { issues: [{ param: 'sheet', message: `input ${input.nodeId}: ${problem}` }] };
      const other = byName.get(name.toLowerCase());
      if (other !== undefined) {
        return {
          issues: [
            {
              param: 'sheet',
              message: `inputs ${other} and ${input.ref} would both be written to sheet "${name}" (a sheet is named after its input node: its first ${String(SHEET_NAME_MAX)} characters, case ignored); every input needs a sheet of its own`,
            },
          ],
        };
      }
      byName.set(name.toLowerCase(), input.ref);
      sheets.push({ name, sql: input.sql });
    }
    const names = sheets.map((s) => s.name);
    return {
      externalSink: {
        kind: 'excel',
        config: config(names[0] ?? ''),
        input: first.sql,
        inputs: sheets,
        param: 'path',
        describe: `${abs}: sheets ${names.join(', ')}`,
        file: abs,
      },
    };
  },
});
