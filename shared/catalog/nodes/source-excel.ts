import { EXCEL_COLUMN_TYPES, EXCEL_REJECTED_COLUMNS, type ExcelSourceConfig } from '../../external/excel';
import { parseRange } from '../../external/excel-range';
import { unreadable } from '../file-input';
import { defineNode, type NodeIssue, type RejectsSpec } from '../node-type';
import { p } from '../params';

/**
 * Excel source. DuckDB cannot read .xlsx without a downloaded extension, so
 * the engine's Excel connector streams the sheet into DuckDB: a preview
 * reads only the rows it shows. Bad rows (a cell that does not fit its
 * column's type, or an error cell such as #N/A) are set aside on the
 * `rejected` port (the default for new nodes), skipped, or fail the run —
 * like the CSV source's, with the same columns plus `sheet` and `cell`.
 */

/** The table the connector fills with this node's rejected rows (in the engine's external catalog). */
export function excelRejectedTable(nodeId: string): string {
  // A leading underscore: no node id (and so no other table there) can have this name.
  return `_duto_rejected_${nodeId}`;
}
export const sourceExcel = defineNode({
  type: 'source.excel',
  version: 1,
  category: 'source',
  label: 'Excel sheet',
  description:
    'Reads a sheet of an Excel workbook (.xlsx), e.g. sales.xlsx, sheet "2024", cells A1:F500. Formulas give their last computed values; rows with a cell that does not fit its column (or #N/A) are set aside with their sheet and cell.',
  keywords: ['excel', 'xlsx', 'spreadsheet', 'workbook', 'sheet', 'read'],
  inputs: [],
  outputs: [
    { name: 'out', label: 'Rows' },
    { name: 'rejected', label: 'Rejected rows', optional: true },
  ],
  params: {
    path: p.path({ label: 'Workbook', access: 'read', accepts: 'file', extensions: ['xlsx', 'xlsm'] }),
    sheet: p.string({
      label: 'Sheet',
      placeholder: 'name, or number (1 = first)',
      description: 'A sheet name, or its position. Empty: the first sheet.',
    }),
    range: p.string({
      label: 'Cells',
      placeholder: 'e.g. A1:F100 or A:F',
      description: 'The block of cells holding the table. Empty: every used column, every row.',
    }),
    header: p.boolean({
      label: 'First row is a header',
      default: true,
      description: 'Off: the columns are named column1, column2, …',
    }),
    columnTypes: p.list({
      label: 'Column types',
      itemLabel: 'column type',
      description: 'Override the type inferred from the first rows.',
      fields: {
        column: p.requiredString({ label: 'Column' }),
        type: p.enum({ label: 'Type', values: EXCEL_COLUMN_TYPES, default: 'VARCHAR' }),
      },
    }),
    inferRows: p.number({ label: 'Rows read to infer types', default: 1000, min: 1, integer: true, advanced: true }),
    badRows: p.enum({
      label: 'Bad rows',
      values: ['quarantine', 'skip', 'fail'],
      labels: {
        quarantine: 'Set them aside (the Rejected rows output)',
        skip: 'Skip them (counted)',
        fail: 'Fail the run',
      },
      default: 'quarantine',
      description:
        "A row with a cell that does not fit its column's type, or an error cell (#N/A, #DIV/0!…). Fail: a cell that does not fit fails the run; error cells are read as NULL, with a warning.",
    }),
    maxRejected: p.number({
      label: 'Fail when more rows are rejected than',
      default: 0,
      min: 0,
      integer: true,
      advanced: true,
      showIf: { param: 'badRows', equals: ['quarantine', 'skip'] },
      description: '0: no limit.',
    }),
    maxRejectedPercent: p.number({
      label: 'Fail when more than this % of rows is rejected',
      default: 0,
      min: 0,
      max: 100,
      advanced: true,
      showIf: { param: 'badRows', equals: ['quarantine', 'skip'] },
      description: '0: no limit.',
    }),
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
    const config: ExcelSourceConfig = {
      path: abs,
      sheet: o.sheet.trim(),
      range: o.range.trim(),
      header: o.header,
      inferRows: o.inferRows,
      columnTypes: o.columnTypes,
      badRows: o.badRows,
    };
    const where = [config.sheet === '' ? '' : `sheet ${config.sheet}`, config.range].filter((x) => x !== '').join(', ');
    const table = excelRejectedTable(ctx.nodeId);
    // The connector fills the table as it reads; the compiler points the `rejected` port at it.
    const rejects: RejectsSpec | undefined =
      o.badRows === 'fail'
        ? undefined
        : { from: 'connector', table, policy: o.badRows, maxRows: o.maxRejected, maxPercent: o.maxRejectedPercent };
    return {
      externalSource: {
        kind: 'excel',
        config,
        param: 'path',
        describe: where === '' ? abs : `${abs}: ${where}`,
        ...(rejects === undefined ? {} : { rejected: { table, columns: [...EXCEL_REJECTED_COLUMNS] } }),
      },
      ...(rejects === undefined ? {} : { rejects }),
      // Declared so the preview cache knows the file (and its changes).
      reads: [{ path: abs, kind: 'file' }],
    };
  },
});
