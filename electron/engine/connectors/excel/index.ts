import { EXCEL_SINK_CONFIG, EXCEL_SOURCE_CONFIG } from '../../../../shared/external/excel';
import type { ConnectorFactory } from '../../external/connector';
import { ExcelSink } from './excel-sink';
import { ExcelSource } from './excel-source';

/** Excel workbooks (.xlsx): a sheet read as rows, rows written as a sheet. */
export const excelConnector: ConnectorFactory = {
  kind: 'excel',
  source: (ctx) => new ExcelSource(EXCEL_SOURCE_CONFIG.parse(ctx.config)),
  sink: (ctx) => new ExcelSink(EXCEL_SINK_CONFIG.parse(ctx.config)),
};
