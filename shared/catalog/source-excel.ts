import { EXCEL_COLUMN_TYPES, type ExcelSourceConfig } from '../external/excel';
import { parseRange } from '../external/excel-range';
import { unreadable } from './file-input';
import { defineNode, type NodeIssue } from './node-type';
import { p } from './params';

/**
 * Excel source. DuckDB cannot read .xlsx without a downloaded extension, so
 * the engine's Excel connector streams the sheet into DuckDB: a preview
 * reads only the rows it shows.
 */
export const sourceExcel = defineNode({
  type: 'source.excel',
  version: 1,
  category: 'source',
  label: 'Excel sheet',
  description: 'Reads a sheet of an Excel workbook (.xlsx), e.g. sales.xlsx, sheet "2024", cells A1:F500. Formulas give their last computed values.',
  keywords: ['excel', 'xlsx', 'spreadsheet', 'workbook', 'sheet', 'read'],
  inputs: [],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    path: p.path({ label: 'Workbook', access: 'read', accepts: 'file', extensions: ['xlsx', 'xlsm'] }),
    sheet: p.string({ label: 'Sheet', placeholder: 'name, or number (1 = first)', description: 'A sheet name, or its position. Empty: the first sheet.' }),
    range: p.string({ label: 'Cells', placeholder: 'e.g. A1:F100 or A:F', description: 'The block of cells holding the table. Empty: every used column, every row.' }),
    header: p.boolean({ label: 'First row is a header', default: true, description: 'Off: the columns are named column1, column2, …' }),
    columnTypes: p.list({
      label: 'Column types',
      itemLabel: 'column type',
      description: 'Override the type inferred from the first rows.',
      fields: { column: p.requiredString({ label: 'Column' }), type: p.enum({ label: 'Type', values: EXCEL_COLUMN_TYPES, default: 'VARCHAR' }) },
    }),
    inferRows: p.number({ label: 'Rows read to infer types', default: 1000, min: 1, integer: true, advanced: true }),
  },
  compile(ctx) {
    const o = ctx.params;
    const abs = ctx.resolvePath(o.path);
    const issues: NodeIssue[] = [];
    const problem = unreadable(ctx.statPath(abs), abs);
    if (problem !== null) issues.push({ param: 'path', message: problem });
    if (o.range.trim() !== '') {
      try {
        parseRange(o.range);
      } catch (e) {
        issues.push({ param: 'range', message: e instanceof Error ? e.message : String(e) });
      }
    }
    if (issues.length > 0) return { issues };
    const config: ExcelSourceConfig = { path: abs, sheet: o.sheet.trim(), range: o.range.trim(), header: o.header, inferRows: o.inferRows, columnTypes: o.columnTypes };
    const where = [config.sheet === '' ? '' : `sheet ${config.sheet}`, config.range].filter((x) => x !== '').join(', ');
    return {
      externalSource: { kind: 'excel', config, param: 'path', describe: where === '' ? abs : `${abs}: ${where}` },
      // Declared so the preview cache knows the file (and its changes).
      reads: [{ path: abs, kind: 'file' }],
    };
  },
});
